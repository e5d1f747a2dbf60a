import Foundation

/// What the daemon measures while it runs (`/metrics`, docs/operate.md#the-daemon): durations kept in histograms in
/// memory. Counts of what the database holds are read from it at each scrape instead
/// (`Store.counts()`), so they survive restarts and include the command line's work.
public final class DaemonMetrics: @unchecked Sendable {
  private let lock = NSLock()
  private var histograms: [HistogramKey: Histogram] = [:]
  private var reloads: [String: Int] = [:]
  public let startedAt: Date

  public init(startedAt: Date) {
    self.startedAt = startedAt
  }

  struct HistogramKey: Hashable, Comparable {
    var name: String
    var labels: [String: String]

    var labelText: String { PrometheusText.labels(labels.sorted { $0.key < $1.key }) }

    static func < (left: HistogramKey, right: HistogramKey) -> Bool {
      (left.name, left.labelText) < (right.name, right.labelText)
    }
  }

  /// Cumulative buckets in seconds, as Prometheus expects them.
  struct Histogram {
    static let bounds: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
    var buckets = [Int](repeating: 0, count: bounds.count)
    var count = 0
    var sum = 0.0

    mutating func observe(_ seconds: Double) {
      for (index, bound) in Self.bounds.enumerated() where seconds <= bound { buckets[index] += 1 }
      count += 1
      sum += seconds
    }
  }

  /// How long one period's evaluation took (after new data, or by hand through the API).
  public func observeEvaluation(seconds: Double) {
    observe("yujing_evaluation_duration_seconds", [:], seconds)
  }

  /// How long the server took to answer, by route pattern (not the raw path, which would let a
  /// client create unbounded series) and status class.
  public func observeRequest(route: String, status: Int, seconds: Double) {
    observe("yujing_http_request_duration_seconds", ["route": route, "code": "\(status / 100)xx"], seconds)
  }

  public func countReload(applied: Bool) {
    lock.withLock { reloads[applied ? "applied" : "refused", default: 0] += 1 }
  }

  private func observe(_ name: String, _ labels: [String: String], _ seconds: Double) {
    lock.withLock { histograms[HistogramKey(name: name, labels: labels), default: Histogram()].observe(seconds) }
  }

  /// The Prometheus text exposition (version 0.0.4) of these measurements and of `counts`.
  public func exposition(counts: StoreCounts, now: Date) -> String {
    var text = PrometheusText()
    text.family("yujing_feed_runs_total", "counter", "Feed runs by feed and result.")
    for item in counts.feedRuns { text.sample("yujing_feed_runs_total", ["feed", "status"], item) }
    text.family("yujing_feed_rows_total", "counter", "Feed rows by feed and result, over every run.")
    for item in counts.feedRows { text.sample("yujing_feed_rows_total", ["feed", "result"], item) }
    text.family(
      "yujing_findings", "gauge", "Findings of the latest evaluation of the latest evaluated period, by level.")
    for level in Level.allCases where level != .none {
      let value = counts.findings.first { $0.labels == [level.name] }?.value ?? 0
      text.sample("yujing_findings", [("level", level.name)], Double(value))
    }
    text.family("yujing_cases_open", "gauge", "Open cases by stage.")
    for item in counts.cases { text.sample("yujing_cases_open", ["stage"], item) }
    text.family("yujing_notices", "gauge", "Notices by state.")
    for item in counts.notices { text.sample("yujing_notices", ["state"], item) }
    text.family("yujing_deliveries", "gauge", "Webhook deliveries by state.")
    for item in counts.deliveries { text.sample("yujing_deliveries", ["state"], item) }
    text.family("yujing_observations", "gauge", "Indicator figures stored (current revisions).")
    text.sample("yujing_observations", [], Double(counts.observations))

    let (histograms, reloads) = lock.withLock { (self.histograms, self.reloads) }
    text.family("yujing_reloads_total", "counter", "SIGHUP reloads by result.")
    for result in ["applied", "refused"] {
      text.sample("yujing_reloads_total", [("result", result)], Double(reloads[result] ?? 0))
    }
    var described = Set<String>()
    for (key, histogram) in histograms.sorted(by: { $0.key < $1.key }) {
      if described.insert(key.name).inserted {
        text.family(key.name, "histogram", Self.help[key.name] ?? "")
      }
      let labels = key.labels.sorted { $0.key < $1.key }
      for (bound, count) in zip(Histogram.bounds, histogram.buckets) {
        text.sample(key.name + "_bucket", labels + [("le", PrometheusText.number(bound))], Double(count))
      }
      text.sample(key.name + "_bucket", labels + [("le", "+Inf")], Double(histogram.count))
      text.sample(key.name + "_sum", labels, histogram.sum)
      text.sample(key.name + "_count", labels, Double(histogram.count))
    }
    text.family("yujing_uptime_seconds", "gauge", "Seconds since the daemon started.")
    text.sample("yujing_uptime_seconds", [], now.timeIntervalSince(startedAt).rounded())
    return text.output
  }

  static let help = [
    "yujing_evaluation_duration_seconds": "Time to evaluate one period and store its findings.",
    "yujing_http_request_duration_seconds": "Time to answer an HTTP request, by route and status class.",
  ]
}

/// Writes the Prometheus text format: `# HELP`, `# TYPE`, then `name{label="value"} number` lines.
public struct PrometheusText {
  public private(set) var output = ""

  public init() {}

  mutating func family(_ name: String, _ type: String, _ help: String) {
    output += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
  }

  mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
    output += name + Self.labels(labels) + " " + Self.number(value) + "\n"
  }

  mutating func sample(_ name: String, _ names: [String], _ item: StoreCounts.Labelled) {
    sample(name, Array(zip(names, item.labels)), Double(item.value))
  }

  static func labels(_ labels: [(String, String)]) -> String {
    guard !labels.isEmpty else { return "" }
    return "{" + labels.map { "\($0.0)=\"\(PrometheusLabel.value($0.1))\"" }.joined(separator: ",") + "}"
  }

  static func number(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }
}
