/// The styles of a 公文 (GB/T 9704-2012 §7), named so that the office finds them in Word's and
/// WPS's style lists when it edits the document. Paragraphs refer to them; the document carries
/// direct formatting only where a value depends on the text (the 发文机关标志's size, alignments).
enum WordStyles {
  enum ID {
    static let issuerMark = "IssuerMark"
    static let documentNumber = "DocumentNumber"
    static let letterIssuerMark = "LetterIssuerMark"
    static let letterNumber = "LetterNumber"
    static let letterRule = "LetterRule"
    static let draftMark = "DraftMark"
    static let title = "Title"
    static let addressee = "Addressee"
    static let body = "BodyText"
    static let headings = ["Heading1", "Heading2", "Heading3", "Heading4"]
    static let tableCaption = "TableCaption"
    static let tableText = "TableText"
    static let tableHeader = "TableHeader"
    static let figure = "Figure"
    static let figureCaption = "FigureCaption"
    static let attachment = "Attachment"
    static let annexLabel = "AnnexLabel"
    static let annexTitle = "AnnexTitle"
    static let signature = "Signature"
    static let date = "DocumentDate"
    static let note = "Note"
    static let copies = "CopyTo"
    static let imprint = "Imprint"
    static let footer = "Footer"
    static let spacer = "Spacer"
    static let formTitle = "FormTitle"
    static let formLabel = "FormLabel"
    static let formText = "FormText"
  }

  static let red = "FF0000"
  static let titleLine = 700  // 35 pt: the 2号 title's lines
  /// 31 pt: a 30 pt 发文机关标志's line, its letters' tops on the line's.
  static let issuerMarkLine = 620
  static let twoLines = 2 * PageGeometry.line

  static var xml: String {
    let body = RunProperties(fonts: .fangSong, size: 32, chineseLanguage: true)
    // 28 characters a line (§5.2.2): 16 pt characters take 448 pt, the 版心 has 442; a quarter
    // point less after each makes them fit. Word's character grid would do it too, but
    // LibreOffice lays that grid out differently.
    var normal = body
    normal.letterSpacing = -5
    var xml =
      XMLText.declaration + #"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
      + "<w:docDefaults><w:rPrDefault>\(body.xml)</w:rPrDefault>"
      + "<w:pPrDefault>\(ParagraphProperties(line: .exact(PageGeometry.line)).xml)</w:pPrDefault></w:docDefaults>"
    xml += style(
      "Normal", name: "Normal", basedOn: nil, isDefault: true,
      // Every body line is exactly a 22nd of the 版心, so the page holds 22 of them without Word's
      // line grid, which would round a title's or a table's lines up to whole body lines and put
      // the head where the HTML does not.
      ParagraphProperties(
        widowControl: true, snapToGrid: false, before: 0, after: 0, line: .exact(PageGeometry.line),
        alignment: .both),
      normal)
    xml +=
      #"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">"#
      + #"<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>"#
      + "</w:style>"
    xml +=
      #"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>"#
      + #"<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#
      + #"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#
      + #"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
    xml += paragraphStyles.joined()
    return xml + "</w:styles>"
  }

  private static var paragraphStyles: [String] {
    let centred = ParagraphProperties.Alignment.center
    let twoCharacters = Indentation(firstLine: 2)
    let bold = RunProperties(bold: true)
    return [
      // Its top edge 35 mm under the 版心's (§7.2.3): off the body's line grid, in a line as high
      // as its letters, so that the space above is what the standard says whatever the font.
      style(
        ID.issuerMark, name: "发文机关标志",
        ParagraphProperties(
          snapToGrid: false, before: PageGeometry.twips(millimetres: 35), line: .exact(issuerMarkLine),
          alignment: centred),
        RunProperties(fonts: .xiaoBiaoSong, colour: red, size: 60)),
      // The red rule under the 发文字号 spans the 版心 4 mm below it (§7.2.5).
      style(
        ID.documentNumber, name: "发文字号",
        ParagraphProperties(
          borders: [ParagraphBorder(side: .bottom, width: 16, colour: red, space: 11)], before: twoLines,
          alignment: centred)),
      // 信函格式 (§10.1): the mark over a red double rule (thick above thin) 4 mm under it, in a
      // box at 30 mm from the page's top; the 文号 at the right 7/8 of a 3号 character under the
      // rule, on the 版心's first line; a red double rule (thin above thick) 20 mm from the foot.
      style(
        ID.letterIssuerMark, name: "信函发文机关标志",
        ParagraphProperties(
          borders: [ParagraphBorder(side: .bottom, line: .thickThinSmallGap, width: 18, colour: red, space: 11)],
          snapToGrid: false, before: 0, line: .exact(issuerMarkLine), alignment: centred),
        RunProperties(fonts: .xiaoBiaoSong, colour: red, size: 60)),
      style(
        ID.letterNumber, name: "信函发文字号",
        ParagraphProperties(before: WordLetterHead.numberTop, alignment: .right)),
      style(
        ID.letterRule, name: "信函分隔线",
        ParagraphProperties(
          borders: [ParagraphBorder(side: .top, line: .thinThickSmallGap, width: 18, colour: red, space: 0)],
          snapToGrid: false, line: .exact(20)), RunProperties(size: 2)),
      style(
        ID.draftMark, name: "草稿标记", ParagraphProperties(before: PageGeometry.line / 2, alignment: centred),
        RunProperties(colour: "808080", size: 24)),
      style(
        ID.title, name: "Title", ParagraphProperties(before: twoLines, line: .exact(titleLine), alignment: centred),
        RunProperties(fonts: .xiaoBiaoSong, size: 44)),
      style(ID.addressee, name: "主送机关", ParagraphProperties(before: PageGeometry.line, alignment: .left)),
      style(ID.body, name: "Body Text", ParagraphProperties(indentation: twoCharacters)),
      heading(1, fonts: .heiTi, bold: nil),
      heading(2, fonts: .kaiTi, bold: nil),
      heading(3, fonts: .fangSong, bold: true),
      heading(4, fonts: .fangSong, bold: nil),
      style(
        ID.tableCaption, name: "表格标题",
        ParagraphProperties(
          keepNext: true, snapToGrid: false, before: PageGeometry.line / 2,
          alignment: centred), RunProperties(bold: true, size: 28)),
      style(
        ID.tableText, name: "表格文字", ParagraphProperties(snapToGrid: false, line: .single, alignment: .left),
        RunProperties(size: 21)),
      style(ID.tableHeader, name: "表格表头", basedOn: ID.tableText, ParagraphProperties(alignment: centred), bold),
      style(
        ID.figure, name: "图",
        ParagraphProperties(
          keepNext: true, snapToGrid: false, before: PageGeometry.line / 2, line: .single,
          alignment: centred)),
      style(
        ID.figureCaption, name: "图题", ParagraphProperties(snapToGrid: false, alignment: centred),
        RunProperties(size: 28)),
      style(ID.attachment, name: "附件说明", ParagraphProperties(alignment: .left)),
      // “附件1” in 黑体 flush left on the first line of a new page, the title centred on the third
      // (§7.3.7).
      style(
        ID.annexLabel, name: "附件标识", ParagraphProperties(keepNext: true, pageBreakBefore: true, alignment: .left),
        RunProperties(fonts: .heiTi)),
      style(
        ID.annexTitle, name: "附件标题",
        ParagraphProperties(
          keepNext: true, before: PageGeometry.line, after: PageGeometry.line, line: .exact(titleLine),
          alignment: centred), RunProperties(fonts: .xiaoBiaoSong, size: 44)),
      // The 署名 never parts from its date.
      style(ID.signature, name: "发文机关署名", ParagraphProperties(keepNext: true, before: twoLines, alignment: .right)),
      style(ID.date, name: "成文日期", ParagraphProperties(alignment: .right)),
      style(ID.note, name: "附注", ParagraphProperties(indentation: twoCharacters)),
      style(ID.copies, name: "抄送", ParagraphProperties(alignment: .left), RunProperties(size: 28)),
      style(ID.imprint, name: "印发机关和日期", ParagraphProperties(alignment: .left), RunProperties(size: 28)),
      style(
        ID.footer, name: "footer", ParagraphProperties(line: .single),
        RunProperties(fonts: .songTi, size: 28)),
      // The 发文稿纸: its heading in red, its cells in 4号.
      style(
        ID.formTitle, name: "稿纸标题",
        ParagraphProperties(snapToGrid: false, after: PageGeometry.line, line: .exact(titleLine), alignment: centred),
        RunProperties(fonts: .xiaoBiaoSong, colour: red, letterSpacing: 44, size: 44)),
      style(
        ID.formLabel, name: "稿纸栏目", ParagraphProperties(snapToGrid: false, line: .single, alignment: centred),
        RunProperties(fonts: .heiTi, size: 28)),
      style(
        ID.formText, name: "稿纸内容", ParagraphProperties(snapToGrid: false, line: .single, alignment: .left),
        RunProperties(size: 28)),
      style(
        ID.spacer, name: "间隔", ParagraphProperties(snapToGrid: false, line: .exact(20)), RunProperties(size: 2)),
    ]
  }

  /// 一、 in 黑体, （一） in 楷体, 1. in bold 仿宋 (§7.3.3), indented like the body.
  private static func heading(_ level: Int, fonts: WordFonts, bold: Bool?) -> String {
    style(
      ID.headings[level - 1], name: "heading \(level)",
      ParagraphProperties(keepNext: true, indentation: Indentation(firstLine: 2), outlineLevel: level - 1),
      RunProperties(fonts: fonts, bold: bold))
  }

  private static func style(
    _ id: String, name: String, basedOn: String? = "Normal", isDefault: Bool = false,
    _ paragraph: ParagraphProperties, _ run: RunProperties = RunProperties()
  ) -> String {
    var xml = #"<w:style w:type="paragraph""# + (isDefault ? #" w:default="1""# : "") + #" w:styleId="\#(id)">"#
    xml += #"<w:name w:val="\#(XMLText.attribute(name))"/>"#
    if let basedOn { xml += #"<w:basedOn w:val="\#(basedOn)"/>"# }
    xml += "<w:qFormat/>" + paragraph.xml + run.xml
    return xml + "</w:style>"
  }
}
