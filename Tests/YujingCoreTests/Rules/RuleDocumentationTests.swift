import Foundation
import Testing

@testable import YujingCore

/// thresholds/README.md is what the office's analyst reads: it must name every measure, and its
/// examples must be rules that `yujing check` accepts.
@Suite struct RuleDocumentationTests {
  let readme = try! String(
    contentsOf: ExternalTools.repository.appendingPathComponent("thresholds/README.md"), encoding: .utf8)

  @Test func everyMeasureIsDocumented() {
    for measure in Measures.all {
      #expect(readme.contains("| `\(measure.name)` |"), "\(measure.name) is not in thresholds/README.md")
    }
  }

  @Test func everyRuleExampleIsAValidRule() throws {
    let blocks = readme.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
    let ruleBlocks = blocks.filter { $0.contains("- id:") }
    #expect(ruleBlocks.count >= 5)
    for block in ruleBlocks {
      let text = block.hasPrefix("rules:") ? block : "rules:\n" + block
      let sink = DiagnosticSink(file: "README example")
      let rules = RuleFileDecoder.decode(
        Data(text.utf8), file: "README example", configuration: try Configuration.embeddedDefault(), sink: sink)
      #expect(sink.diagnostics.isEmpty, "\(sink.diagnostics) in:\n\(block)")
      #expect(!rules.isEmpty)
    }
  }
}
