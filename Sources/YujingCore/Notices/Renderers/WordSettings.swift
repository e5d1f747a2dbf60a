/// `word/settings.xml`, `word/fontTable.xml` and the page-number footers.
enum WordSettings {
  static var settingsXML: String {
    XMLText.declaration
      + #"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
      + #"<w:zoom w:percent="100"/><w:defaultTabStop w:val="\#(PageGeometry.character * 2)"/>"#
      // Page numbers alternate sides (§7.5), which takes separate even-page footers.
      + "<w:evenAndOddHeaders/>"
      // 标点挤压, as Chinese Word documents set it.
      + #"<w:characterSpacingControl w:val="compressPunctuation"/>"#
      // Without it Word opens the file in compatibility mode and says so in the title bar.
      + #"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word""#
      + #" w:val="15"/></w:compat>"#
      + #"<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>"#
  }

  /// The fonts with what to use where they are missing: Windows has 仿宋 and 楷体 but not the
  /// `_GB2312` fonts that offices install, and few machines outside the government have 方正小标宋.
  static var fontTableXML: String {
    let fonts: [(name: String, alternative: String?)] = [
      ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体"), ("黑体", "SimHei"), ("宋体", "SimSun"),
      ("Times New Roman", nil),
    ]
    return XMLText.declaration
      + #"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
      + fonts.map { font in
        let chinese = font.name != "Times New Roman"
        return #"<w:font w:name="\#(font.name)">"#
          + (font.alternative.map { #"<w:altName w:val="\#($0)"/>"# } ?? "")
          + #"<w:charset w:val="\#(chinese ? "86" : "00")"/><w:family w:val="\#(chinese ? "modern" : "roman")"/>"#
          + #"<w:pitch w:val="variable"/></w:font>"#
      }.joined() + "</w:fonts>"
  }

  /// The footer of a page without a number: a letter's first.
  static var blankFooterXML: String {
    XMLText.declaration + "<w:ftr \(WordML.namespaces)>"
      + WordParagraph.xml(ParagraphProperties(style: WordStyles.ID.footer), runs: []) + "</w:ftr>"
  }

  /// “— 1 —” in 4号 宋体: on odd pages right, on even pages left, one character in (§7.5).
  static func footerXML(oddPage: Bool) -> String {
    var paragraph = ParagraphProperties(style: WordStyles.ID.footer)
    paragraph.alignment = oddPage ? .right : .left
    paragraph.indentation =
      oddPage
      ? Indentation(right: 1, characterWidth: PageGeometry.smallCharacter)
      : Indentation(left: 1, characterWidth: PageGeometry.smallCharacter)
    let number = #"<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>"#
    return XMLText.declaration + "<w:ftr \(WordML.namespaces)>"
      + WordParagraph.xml(paragraph, runs: [WordRun.xml("— "), number, WordRun.xml(" —")]) + "</w:ftr>"
  }
}
