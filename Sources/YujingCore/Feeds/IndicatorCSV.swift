/// The canonical indicator CSV (docs/operate.md#feeds): `period,region,indicator,value,growth` in any
/// column order, with an optional `rank` column for a published 位次.
enum IndicatorCSV {
  static let known: Set<String> = ["period", "region", "indicator", "value", "growth", "rank"]

  /// Reads a whole file into one batch.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, catalogue: FeedCatalogue) throws(FeedReadError)
    -> IndicatorBatch
  {
    var reader = try Reader(bytes, catalogue: catalogue)
    var batch = IndicatorBatch()
    while let chunk = reader.next(rows: Int.max) { batch.append(chunk) }
    return batch
  }

  /// A file being read chunk by chunk. Creating it checks what makes the whole file unreadable
  /// (encoding, header), so that nothing is written for a file that fails them.
  struct Reader {
    private var scanner: CSVScanner
    private var checker: IndicatorRowChecker
    private let header: CSVHeader
    private let columns: (period: Int, region: Int, indicator: Int, value: Int?, growth: Int?, rank: Int?)
    private var notes: [String] = []
    private var record = 0
    private var fields: [CSVScanner.Field] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, catalogue: FeedCatalogue) throws(FeedReadError) {
      try FeedText.check(bytes, expected: "CSV")
      var scanner = CSVScanner(bytes: bytes)
      var fields: [CSVScanner.Field] = []
      try scanner.header(into: &fields)
      header = try CSVHeader(names: fields.map { scanner.string($0) })
      self.scanner = scanner
      try header.require(["period", "region", "indicator"], anyOf: ["value", "growth"], kind: "indicator")
      let unused = header.unused(known: IndicatorCSV.known)
      if !unused.isEmpty {
        notes.append("ignored the column(s) \(unused.joined(separator: ", ")): not part of an indicator file")
      }
      columns = (
        header.position(of: "period")!, header.position(of: "region")!, header.position(of: "indicator")!,
        header.position(of: "value"), header.position(of: "growth"), header.position(of: "rank")
      )
      // A canonical row is about 35 bytes: reserve once rather than grow a million times.
      checker = IndicatorRowChecker(catalogue: catalogue, expectedRows: bytes.count / 30)
    }

    /// Up to `rows` more rows (good and rejected); nil at the end of the file.
    mutating func next(rows limit: Int) -> IndicatorBatch? {
      var batch = IndicatorBatch()
      batch.notes = notes
      notes = []
      var count = 0
      while count < limit, let outcome = scanner.next(into: &fields) {
        record += 1
        count += 1
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
        let scanner = self.scanner
        let fields = self.fields
        func text(_ column: Int?) -> String? { column.map { scanner.string(fields[$0]) } }
        let row = IndicatorRowChecker.Fields(
          period: text(columns.period), region: text(columns.region), indicator: text(columns.indicator),
          value: text(columns.value), growth: text(columns.growth), rank: text(columns.rank))
        switch checker.check(row, at: location, raw: scanner.rawText(from: fields)) {
        case .success(let observation): batch.observations.append(observation)
        case .failure(let rejection):
          batch.rejections.append(rejection.at(header.position(of:), in: fields, of: scanner))
        }
      }
      if let note = checker.names.takeNote() { batch.notes.append(note) }
      return count == 0 && batch.notes.isEmpty ? nil : batch
    }
  }
}

extension IndicatorBatch {
  mutating func append(_ other: IndicatorBatch) {
    observations += other.observations
    rejections += other.rejections
    notes += other.notes
  }
}
