import Foundation
import YujingCore

/// Notices rendered to standalone HTML at ≥ 2,000 per second, side by side with a
/// Jinja2 template printing the same documents (`Benchmarks/anchors/jinja_notices.py`). The
/// notices are the sample year's, drafted by the real ladder; a render is what `notices render
/// --format html` and the review page do: the record made into the official document, then HTML.
struct RenderBenchmark {
  let directory: URL
  let renders: Int

  init(arguments: Arguments) throws {
    renders = arguments.integer("renders", default: 20_000)
    directory = try scratchDirectory("yujing-bench-render", arguments: arguments)
  }

  func run() throws -> [BenchmarkResult] {
    print("render: drafting the sample year's notices …")
    let configuration = try Configuration.embeddedDefault()
    let workspace = try Workspace.open(
      configuration: configuration, databasePath: directory.appendingPathComponent("yujing.sqlite").path,
      now: Date())
    _ = try SampleReplay(workspace: workspace).loadBaseline()
    let thresholdsDirectory = directory.appendingPathComponent("thresholds")
    try SampleReplay.writeThresholds(into: thresholdsDirectory)
    let thresholds = try Thresholds.load(configuration: configuration, directory: thresholdsDirectory)
    try SampleOffice(workspace: workspace, thresholds: thresholds, review: .everything).run { _ in }
    let notices = try workspace.store.notices().filter { $0.kind != .summary }
    guard !notices.isEmpty else { throw BenchmarkFailure("the sample year drafted no notices") }

    print("render: \(notices.count) notices, \(renders) renders …")
    var characters = 0
    let seconds = try measure(repeat: 3) {
      characters = 0
      for index in 0..<renders {
        let document = NoticeDocument.make(notices[index % notices.count], configuration: configuration)
        characters += HTMLRenderer.render(document).utf8.count
      }
    }
    let perSecond = Double(renders) / seconds
    print(
      String(
        format: "render: %.0f renders/s, %.1f KB (UTF-8) a page on average", perSecond,
        Double(characters) / Double(renders) / 1024))

    let documents = notices.map { NoticeDocument.make($0, configuration: configuration) }
    let anchor = try Anchor.run(documents: documents, renders: renders, directory: directory)
    return [
      BenchmarkResult(
        name: "render notices to HTML (\(notices.count) sample notices)",
        measured: String(format: "%.0f /s", perSecond), baseline: String(format: "%.0f /s Jinja2", anchor),
        ratio: perSecond / anchor, target: "≥ 2,000 /s", met: perSecond >= 2_000)
    ]
  }

  /// The Jinja2 template, given the same documents as JSON.
  enum Anchor {
    static func run(documents: [OfficialDocument], renders: Int, directory: URL) throws -> Double {
      guard let python = which("python3") else { throw BenchmarkFailure("the Jinja2 anchor needs python3") }
      let exported = documents.map { document -> [String: Any] in
        [
          "issuer": document.issuerMark, "number": document.number ?? "", "title": document.title,
          "addressee": document.addressee ?? "", "signature": document.signature, "date": document.date ?? "",
          "note": document.note ?? "", "copies": document.copies, "printer": document.printer,
          "print_date": document.printDate ?? "",
          "blocks": document.body.compactMap { block -> [String]? in
            switch block {
            case .paragraph(let text): ["p", text]
            case .heading(let level, let text): ["\(level)", text]
            case .table, .figure: nil
            }
          },
        ]
      }
      let documentsFile = directory.appendingPathComponent("documents.json")
      try JSONSerialization.data(withJSONObject: exported).write(to: documentsFile)
      let stylesheetFile = directory.appendingPathComponent("stylesheet.css")
      try Data(HTMLRenderer.stylesheet.utf8).write(to: stylesheetFile)
      let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("anchors/jinja_notices.py").path
      let output = try shell(
        python,
        [script, "--documents", documentsFile.path, "--stylesheet", stylesheetFile.path, "--renders", "\(renders)"])
      guard let line = output.split(separator: "\n").last,
        let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let perSecond = json["per_second"] as? Double
      else { throw BenchmarkFailure("the Jinja2 script printed no timing: \(output)") }
      return perSecond
    }
  }
}
