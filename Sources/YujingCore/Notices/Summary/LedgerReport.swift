/// The 督办台账 on its own (`yujing problems report`, docs/ledger.md#commands): the counts, the
/// lit problems and every problem, as a document of the dispatch office that prints like the
/// summary. Pure: the ledger in, the document out.
public enum LedgerReport {
  public static func document(_ ledger: LedgerSummary, configuration: Configuration) -> OfficialDocument {
    let office = configuration.documents.dispatchOffice
    var body: [OfficialDocument.Block] = [.paragraph(LedgerSection.paragraph(ledger))]
    var number = 0
    if !ledger.lit.isEmpty {
      number += 1
      body.append(.table(LedgerSection.lit(ledger, number: number)))
    }
    number += 1
    body.append(.table(LedgerSection.all(ledger, number: number)))
    return OfficialDocument(
      issuerMark: office, number: nil, isDraft: false,
      title: OfficialDocument.brokenTitle("关于督办事项办理情况的报告"), addressee: nil, body: body, signature: office,
      date: ledger.asOf.chinese, printer: office, printDate: ledger.asOf.chinese)
  }
}
