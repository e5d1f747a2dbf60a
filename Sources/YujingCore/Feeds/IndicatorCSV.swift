/// The canonical indicator CSV (DESIGN §4.1): `period,region,indicator,value,growth` in any
/// column order, with an optional `rank` column for a published 位次.
enum IndicatorCSV {
  static let known: Set<String> = ["period", "region", "indicator", "value", "growth", "rank"]

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, catalogue: FeedCatalogue) throws(FeedReadError)
    -> IndicatorBatch
  {
    try FeedText.check(bytes, expected: "CSV")
    var scanner = CSVScanner(bytes: bytes)
    var fields: [CSVScanner.Field] = []
    guard case .record = scanner.next(into: &fields) else { throw FeedReadError("the file is empty") }
    let header = try CSVHeader(names: fields.map { scanner.string($0) })
    try header.require(["period", "region", "indicator"], anyOf: ["value", "growth"], kind: "indicator")
    var batch = IndicatorBatch()
    let unused = header.unused(known: known)
    if !unused.isEmpty {
      batch.notes.append("ignored the column(s) \(unused.joined(separator: ", ")): not part of an indicator file")
    }
    let columns = (
      period: header.position(of: "period")!, region: header.position(of: "region")!,
      indicator: header.position(of: "indicator")!, value: header.position(of: "value"),
      growth: header.position(of: "growth"), rank: header.position(of: "rank")
    )
    var checker = IndicatorRowChecker(catalogue: catalogue)
    var record = 0
    batch.observations.reserveCapacity(bytes.count / 40)
    while let outcome = scanner.next(into: &fields) {
      record += 1
      let line: Int
      switch outcome {
      case .record(let start): line = start
      case .unclosedQuote(let start):
        batch.rejections.append(
          Rejection(
            location: RowLocation(line: start, record: record),
            reason: "a quoted field opened here is never closed; the rest of the file was read as part of it",
            raw: scanner.rawText(from: fields)))
        continue
      }
      let location = RowLocation(line: line, record: record)
      guard fields.count == header.columns.count else {
        batch.rejections.append(
          Rejection(
            location: location,
            reason: "the row has \(fields.count) field(s) but the header has \(header.columns.count)",
            raw: scanner.rawText(from: fields)))
        continue
      }
      func text(_ column: Int?) -> String? { column.map { scanner.string(fields[$0]) } }
      let row = IndicatorRowChecker.Fields(
        period: text(columns.period), region: text(columns.region), indicator: text(columns.indicator),
        value: text(columns.value), growth: text(columns.growth), rank: text(columns.rank))
      switch checker.check(row, at: location, raw: scanner.rawText(from: fields)) {
      case .success(let observation): batch.observations.append(observation)
      case .failure(let rejection): batch.rejections.append(rejection)
      }
    }
    return batch
  }
}
