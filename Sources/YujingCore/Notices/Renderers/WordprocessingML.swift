/// The pieces of WordprocessingML (ECMA-376 part 1, §17) that the DOCX renderer writes. Properties
/// are written in the order the schema's sequences require: Word refuses a file whose `w:pPr`
/// children are out of order, where other readers forgive it.
enum WordML {
  static let namespaces =
    #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#
    + #" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
    + #" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing""#
    + #" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#
    + #" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#
}

/// GB/T 9704-2012 §5: an A4 page, its margins and the 版心 of 156 × 225 mm, in twips (1/20 pt).
enum PageGeometry {
  static let width = 11906
  static let height = 16838
  static let top = 2098  // 37 mm
  static let bottom = 1985  // 35 mm
  static let left = 1588  // 28 mm, the binding side
  static let right = 1474  // 26 mm
  static let textWidth = width - left - right  // 8844 ≈ 156 mm
  /// 22 lines to the 225 mm of the 版心.
  static let line = 579
  /// 3号 (16 pt), the body's size, in twips: the width of one Chinese character.
  static let character = 320
  /// 4号 (14 pt), the 版记's and the page number's size.
  static let smallCharacter = 280
  static let header = 851  // 15 mm
  /// The page number's 一字线 sits 7 mm under the 版心 (§7.5): 28 mm from the edge, less the line.
  static let footer = 1247

  static func twips(millimetres: Double) -> Int { Int((millimetres * 56.7).rounded()) }
}

/// A font for Chinese text and the Latin font beside it (digits, Latin letters).
struct WordFonts: Hashable {
  var eastAsia: String
  var latin: String

  static let fangSong = WordFonts(eastAsia: "仿宋_GB2312", latin: "Times New Roman")
  static let xiaoBiaoSong = WordFonts(eastAsia: "方正小标宋简体", latin: "Times New Roman")
  static let heiTi = WordFonts(eastAsia: "黑体", latin: "Times New Roman")
  static let kaiTi = WordFonts(eastAsia: "楷体_GB2312", latin: "Times New Roman")
  static let songTi = WordFonts(eastAsia: "宋体", latin: "宋体")

  /// `w:hint` makes Word set the quotes and dashes that Chinese and Latin share (“ ” — …) in the
  /// Chinese font, as a Chinese document expects.
  var xml: String {
    let latin = XMLText.attribute(latin)
    return #"<w:rFonts w:hint="eastAsia" w:ascii="\#(latin)" w:hAnsi="\#(latin)""#
      + #" w:eastAsia="\#(XMLText.attribute(eastAsia))" w:cs="\#(latin)"/>"#
  }
}

struct RunProperties: Hashable {
  var fonts: WordFonts?
  var bold: Bool?
  var colour: String?
  /// Extra space after each character, in twips.
  var letterSpacing: Int?
  /// Half-points, as `w:sz` counts.
  var size: Int?
  var chineseLanguage = false

  var xml: String {
    var xml = ""
    if let fonts { xml += fonts.xml }
    if let bold { xml += bold ? "<w:b/><w:bCs/>" : #"<w:b w:val="0"/><w:bCs w:val="0"/>"# }
    if let colour { xml += #"<w:color w:val="\#(colour)"/>"# }
    if let letterSpacing { xml += #"<w:spacing w:val="\#(letterSpacing)"/>"# }
    if let size { xml += #"<w:sz w:val="\#(size)"/><w:szCs w:val="\#(size)"/>"# }
    if chineseLanguage { xml += #"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>"# }
    return xml.isEmpty ? "" : "<w:rPr>\(xml)</w:rPr>"
  }
}

/// Indents in characters of the paragraph's font, written both as `…Chars` (which Word and WPS
/// follow, so the indent stays two characters if the size changes) and in twips for other readers.
struct Indentation: Hashable {
  var left = 0.0
  var right = 0.0
  var firstLine = 0.0
  var hanging = 0.0
  var characterWidth = PageGeometry.character

  var xml: String {
    func chars(_ count: Double) -> Int { Int((count * 100).rounded()) }
    func twips(_ count: Double) -> Int { Int((count * Double(characterWidth)).rounded()) }
    var xml = "<w:ind"
    if left != 0 { xml += #" w:left="\#(twips(left))" w:leftChars="\#(chars(left))""# }
    if right != 0 { xml += #" w:right="\#(twips(right))" w:rightChars="\#(chars(right))""# }
    if hanging != 0 {
      xml += #" w:hanging="\#(twips(hanging))" w:hangingChars="\#(chars(hanging))""#
    } else if firstLine != 0 {
      xml += #" w:firstLine="\#(twips(firstLine))" w:firstLineChars="\#(chars(firstLine))""#
    }
    return xml + "/>"
  }
}

struct ParagraphBorder: Hashable {
  enum Side: String { case top, bottom }
  /// A single line, or a double one with its thick line above (`thickThinSmallGap`) or below
  /// (`thinThickSmallGap`).
  enum Line: String { case single, thickThinSmallGap, thinThickSmallGap }
  var side: Side
  var line = Line.single
  /// Eighths of a point.
  var width: Int
  var colour: String
  /// Points between the text and the line.
  var space = 1

  var xml: String {
    #"<w:\#(side.rawValue) w:val="\#(line.rawValue)" w:sz="\#(width)" w:space="\#(space)" w:color="\#(colour)"/>"#
  }
}

struct ParagraphProperties: Hashable {
  enum Alignment: String { case left, center, right, both }
  enum LineSpacing: Hashable {
    case exact(Int)
    case single
  }

  var style: String?
  var keepNext = false
  /// Starts a new page (an annex).
  var pageBreakBefore = false
  /// Never a paragraph's first or last line alone at the foot or the head of a page.
  var widowControl: Bool?
  var borders: [ParagraphBorder] = []
  /// False for text off the body's 22-line grid (tables, figures): a grid of `lines` would
  /// otherwise give each of their lines a whole body line's height.
  var snapToGrid: Bool?
  var before: Int?
  var after: Int?
  var line: LineSpacing?
  var indentation: Indentation?
  var alignment: Alignment?
  /// 0 for a level-1 heading: what the navigation pane and the table of contents read.
  var outlineLevel: Int?

  var xml: String {
    var xml = ""
    if let style { xml += #"<w:pStyle w:val="\#(style)"/>"# }
    if keepNext { xml += "<w:keepNext/>" }
    if pageBreakBefore { xml += "<w:pageBreakBefore/>" }
    if let widowControl { xml += widowControl ? "<w:widowControl/>" : #"<w:widowControl w:val="0"/>"# }
    if !borders.isEmpty { xml += "<w:pBdr>" + borders.map(\.xml).joined() + "</w:pBdr>" }
    if let snapToGrid { xml += snapToGrid ? "<w:snapToGrid/>" : #"<w:snapToGrid w:val="0"/>"# }
    if before != nil || after != nil || line != nil {
      xml += "<w:spacing"
      if let before { xml += #" w:before="\#(before)""# }
      if let after { xml += #" w:after="\#(after)""# }
      switch line {
      case .exact(let twips): xml += #" w:line="\#(twips)" w:lineRule="exact""#
      case .single: xml += #" w:line="240" w:lineRule="auto""#
      case nil: break
      }
      xml += "/>"
    }
    if let indentation { xml += indentation.xml }
    if let alignment { xml += #"<w:jc w:val="\#(alignment.rawValue)"/>"# }
    if let outlineLevel { xml += #"<w:outlineLvl w:val="\#(outlineLevel)"/>"# }
    return xml.isEmpty ? "" : "<w:pPr>\(xml)</w:pPr>"
  }
}

enum WordRun {
  /// A run of text: line feeds become line breaks and tabs tab characters, since a `w:t` keeps
  /// neither.
  static func xml(_ text: String, _ properties: RunProperties = RunProperties()) -> String {
    var content = ""
    var pending = ""
    func flush() {
      if !pending.isEmpty { content += #"<w:t xml:space="preserve">\#(XMLText.text(pending))</w:t>"# }
      pending = ""
    }
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n":
        flush()
        content += "<w:br/>"
      case "\t":
        flush()
        content += "<w:tab/>"
      case "\r": continue
      default: pending.unicodeScalars.append(scalar)
      }
    }
    flush()
    return "<w:r>\(properties.xml)\(content)</w:r>"
  }

  static let tab = "<w:r><w:tab/></w:r>"
}

enum WordParagraph {
  static func xml(_ properties: ParagraphProperties, runs: [String]) -> String {
    "<w:p>\(properties.xml)\(runs.joined())</w:p>"
  }

  static func xml(style: String, _ text: String, _ properties: RunProperties = RunProperties()) -> String {
    xml(ParagraphProperties(style: style), runs: [WordRun.xml(text, properties)])
  }
}

/// How wide a text prints, in Chinese characters: what the layout needs to centre the 署名 over
/// the 成文日期, align wrapped lines and share a table's width between its columns.
enum PrintedWidth {
  static func ems(_ text: String) -> Double {
    text.unicodeScalars.reduce(0) { width, scalar in
      switch scalar.value {
      case 0..<0x20: width
      // Latin, digits and half-width forms set in Times New Roman or as half-width glyphs.
      case 0x20..<0x2000, 0xFF61...0xFFDC: width + 0.5
      default: width + 1
      }
    }
  }
}
