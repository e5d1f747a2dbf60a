import Foundation
import Testing

@testable import YujingCore

/// `/metrics` is the Prometheus text format: families with HELP and TYPE, cumulative histogram
/// buckets ending in +Inf, escaped label values, and the database's counts as the store has them.
struct DaemonMetricsTests {
  /// `name{labels}` → value, for every sample line.
  static func samples(_ text: String) -> [String: Double] {
    var samples: [String: Double] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let space = line.lastIndex(of: " ")!
      samples[String(line[..<space])] = Double(line[line.index(after: space)...])
    }
    return samples
  }

  @Test func histogramsAreCumulativeAndEndInInfinity() {
    let metrics = DaemonMetrics(startedAt: Date(timeIntervalSince1970: 0))
    for seconds in [0.0004, 0.003, 0.003, 0.2, 45.0] { metrics.observeEvaluation(seconds: seconds) }
    let text = metrics.exposition(counts: StoreCounts(), now: Date(timeIntervalSince1970: 90))
    let samples = Self.samples(text)
    #expect(samples[#"yujing_evaluation_duration_seconds_bucket{le="0.001"}"#] == 1)
    #expect(samples[#"yujing_evaluation_duration_seconds_bucket{le="0.005"}"#] == 3)
    #expect(samples[#"yujing_evaluation_duration_seconds_bucket{le="0.25"}"#] == 4)
    #expect(samples[#"yujing_evaluation_duration_seconds_bucket{le="30"}"#] == 4)
    #expect(samples[#"yujing_evaluation_duration_seconds_bucket{le="+Inf"}"#] == 5)
    #expect(samples["yujing_evaluation_duration_seconds_count"] == 5)
    #expect(abs(samples["yujing_evaluation_duration_seconds_sum"]! - 45.2064) < 1e-9)
    #expect(samples["yujing_uptime_seconds"] == 90)
    #expect(text.contains("# TYPE yujing_evaluation_duration_seconds histogram\n"))
  }

  @Test func everyFamilyIsDescribedOnceAndLabelValuesAreEscaped() {
    var counts = StoreCounts()
    counts.feedRuns = [.init(labels: ["统计\"局\"\\月报\n", "ok"], value: 3)]
    counts.findings = [.init(labels: ["yellow"], value: 7)]
    let metrics = DaemonMetrics(startedAt: Date())
    metrics.observeRequest(route: "/healthz", status: 200, seconds: 0.002)
    metrics.observeRequest(route: "/healthz", status: 503, seconds: 0.002)
    let text = metrics.exposition(counts: counts, now: Date())
    #expect(text.contains(#"yujing_feed_runs_total{feed="统计\"局\"\\月报\n",status="ok"} 3"#))
    let samples = Self.samples(text)
    #expect(samples[#"yujing_findings{level="yellow"}"#] == 7)
    // Levels without findings are zero, not absent, so that a dashboard's sum never has a gap.
    #expect(samples[#"yujing_findings{level="red"}"#] == 0)
    #expect(samples[#"yujing_http_request_duration_seconds_count{code="5xx",route="/healthz"}"#] == 1)
    let types = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
    #expect(types.count == Set(types).count, "\(types)")
    // Every sample belongs to a family described before it.
    var described = Set<Substring>()
    for line in text.split(separator: "\n") {
      if line.hasPrefix("# TYPE ") {
        described.insert(line.split(separator: " ")[2])
      } else if !line.hasPrefix("#") {
        let name = line.prefix { $0 != "{" && $0 != " " }
        let family = ["_bucket", "_sum", "_count"].reduce(name) { name, suffix in
          name.hasSuffix(suffix) && described.contains(name.dropLast(suffix.count)) ? name.dropLast(suffix.count) : name
        }
        #expect(described.contains(family), "\(line)")
      }
    }
  }

  /// A feed run's periods are evaluated oldest first, once each; the metrics then count what the
  /// store holds: the latest period's findings by level, the open cases, the rows taken.
  @Test func newDataIsEvaluatedPeriodByPeriodAndTheCountsFollowTheStore() throws {
    let harness = try EscalationHarness()
    let rows = ["2020-04": "5.0", "2020-03": "6.0"]
      .map { "\($0.key),360981,industry_va,,\($0.value)\n\($0.key),360982,industry_va,,9.5\n" }.joined()
    let summary = try Ingestion(workspace: harness.workspace, clock: { fixedNow }).run(
      feed: "stats", input: .init(source: "x.csv", data: Data(("period,region,indicator,value,growth\n" + rows).utf8)))
    let live = LiveWorkspace(workspace: harness.workspace, thresholds: harness.thresholds)
    let metrics = DaemonMetrics(startedAt: fixedNow)
    let outcomes = try AfterNewData(current: live.current, metrics: metrics, clock: { fixedNow })
      .evaluate(summary.periods + summary.periods.reversed())
    #expect(outcomes.map(\.period.description) == ["2020-03", "2020-04"])

    let counts = try harness.store.counts()
    #expect(counts.findingsPeriod == Period("2020-04"))
    var expected: [String: Int] = [:]
    for finding in outcomes[1].findings where !finding.exempted { expected[finding.level.name, default: 0] += 1 }
    #expect(!expected.isEmpty)
    #expect(Dictionary(uniqueKeysWithValues: counts.findings.map { ($0.labels[0], $0.value) }) == expected)
    #expect(counts.openCases == (try harness.store.openCaseCount()))
    #expect(counts.openCases > 0)
    #expect(counts.feedRows.first { $0.labels == ["stats", "inserted"] }?.value == 4)
    #expect(counts.feedRuns == [.init(labels: ["stats", "ok"], value: 1)])

    let samples = Self.samples(metrics.exposition(counts: counts, now: fixedNow))
    #expect(samples["yujing_evaluation_duration_seconds_count"] == 2)
    #expect(samples[#"yujing_feed_rows_total{feed="stats",result="inserted"}"#] == 4)
  }
}
