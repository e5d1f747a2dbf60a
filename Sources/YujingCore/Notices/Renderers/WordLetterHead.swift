/// The 版头 of the 信函格式 (GB/T 9704-2012 §10.1). The 发文机关标志 starts 30 mm from the page's
/// top, above the 版心, so it and its double rule are a text box placed on the page, as is the
/// double rule 20 mm from the foot; both are anchored to the 发文字号's paragraph, the 版心's first,
/// which leaves the room they take.
enum WordLetterHead {
  /// The top of the 文号's line under the 版心's top: the mark's line (31 pt) 30 mm from the
  /// page's top, the rule 4 mm under it, the 文号's letters 7/8 of a 3号 character (4.9 mm) under
  /// the rule, less the space over the letters in a body line.
  static let numberTop = PageGeometry.twips(millimetres: 11.2)
  static let ruleWidth = PageGeometry.twips(millimetres: 170)
  static let markTop = PageGeometry.twips(millimetres: 30)
  static let footRuleTop = PageGeometry.height - PageGeometry.twips(millimetres: 20)

  static func append(_ document: OfficialDocument, to body: inout WordBody) {
    let mark = WordParagraph.xml(
      ParagraphProperties(style: WordStyles.ID.letterIssuerMark),
      runs: [WordRun.xml(document.issuerMark, DOCXRenderer.issuerMarkProperties(document.issuerMark))])
    // The mark's line, the space and the rule, with a little to spare.
    let head = WordTextBox(
      width: ruleWidth, height: WordStyles.issuerMarkLine + 220 + 80 + 40, vertical: .fromTopOfPage(twips: markTop),
      content: mark)
    let footRule = WordTextBox(
      width: ruleWidth, height: 100, vertical: .fromTopOfPage(twips: footRuleTop),
      content: WordParagraph.xml(ParagraphProperties(style: WordStyles.ID.letterRule), runs: []))
    body.append(
      ParagraphProperties(style: WordStyles.ID.letterNumber),
      runs: [
        head.run(id: body.nextDrawingID(), name: "发文机关标志"), footRule.run(id: body.nextDrawingID(), name: "分隔线"),
        WordRun.xml(DocumentWording.number(document)),
      ])
  }
}
