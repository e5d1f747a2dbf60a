import Foundation

// The CSV fuzz target: the scanner alone, then every canonical CSV reader on the same bytes (the
// header decides which of them gets past the header check).

/// A project file that passes, so that the fuzzed bytes also reach the milestones reader.
private let projects = Array(
  """
  period,project,name,region,department,leader,total_investment,annual_plan,completed_ytd,status,planned_start,actual_start,planned_completion,registered
  2020-05,P2020-001,宜春锂电新能源产业园一期,360902,gxj,市长,52.00,12.00,5.28,在建,2019-06-18,2019-06-26,2022-06-30,2019-08-12

  """.utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let records = checkScanner(bytes)
  let scanner = CSVScanner(bytes: bytes)
  let lines = bytes.indices.reduce(1) { scanner.endsLine(at: $1) ? $0 + 1 : $0 }
  func checkLocation(_ location: RowLocation) {
    guard let line = location.line else { return }
    require((1...lines).contains(line), "row line \(line) outside 1...\(lines)")
  }
  // Every record after the header is either taken or rejected, never dropped silently.
  func checkRows(_ kind: String, _ read: () throws(FeedReadError) -> (taken: Int, rejections: [Rejection])) {
    do throws(FeedReadError) {
      let (taken, rejections) = try read()
      require(
        taken + rejections.count == records - 1,
        "\(kind) rows: \(taken) + \(rejections.count) rejected ≠ \(records - 1) records")
      for rejection in rejections { checkLocation(rejection.location) }
    } catch {
      checkError(error, lines: lines)
    }
  }
  checkRows("indicator") { () throws(FeedReadError) in
    let batch = try IndicatorCSV.parse(bytes, catalogue: fuzzCatalogue)
    return (batch.observations.count, batch.rejections)
  }
  checkRows("target") { () throws(FeedReadError) in
    let batch = try TargetCSV.parse(bytes, catalogue: fuzzCatalogue)
    return (batch.targets.count, batch.rejections)
  }
  checkRows("project") { () throws(FeedReadError) in
    let batch = try ProjectCSV.parse(bytes, milestones: nil, catalogue: fuzzCatalogue, knownProjects: ["P2019-007"])
    return (batch.projects.count, batch.rejections)
  }
  projects.withUnsafeBufferPointer { projects in
    do throws(FeedReadError) {
      let batch = try ProjectCSV.parse(
        projects, milestones: bytes, catalogue: fuzzCatalogue, knownProjects: ["P2019-007"])
      require(batch.projects.count == 1, "the fixed project file lost its project")
    } catch {
      checkError(error, lines: lines)
    }
  }
  return 0
}

/// Scans the whole input and checks that every field lies inside it, in order, and that line
/// numbers only grow; returns the number of records.
private func checkScanner(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
  var scanner = CSVScanner(bytes: bytes)
  var fields: [CSVScanner.Field] = []
  var records = 0
  var lastLine = 0
  var lastEnd = 0
  while let outcome = scanner.next(into: &fields) {
    records += 1
    let line: Int
    switch outcome {
    case .record(let start), .unclosedQuote(let start): line = start
    }
    require(line > lastLine, "record line \(line) after \(lastLine)")
    lastLine = line
    require(!fields.isEmpty, "a record without fields")
    for field in fields {
      require(
        lastEnd <= field.start && field.start <= field.end && field.end <= bytes.count,
        "field \(field.start)..<\(field.end) out of order or outside 0..<\(bytes.count)")
      lastEnd = field.end
      _ = scanner.string(field)
    }
    _ = scanner.rawText(from: fields)
  }
  return records
}

private func checkError(_ error: FeedReadError, lines: Int) {
  require(!error.message.isEmpty, "an error without a message")
  if let position = error.position {
    require(
      (1...lines).contains(position.line) && position.column >= 1, "error at \(position) outside the input")
  }
}
