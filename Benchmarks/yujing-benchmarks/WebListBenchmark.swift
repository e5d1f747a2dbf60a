import Foundation
import YujingCore

/// The web UI list of 100,000 notices, one page: p99 ≤ 50 ms. The release `yujing serve`
/// on a database of `--notices` notices; a reviewer and a department signed in; `--requests`
/// requests of each case, one at a time on a kept-alive connection, after a warm-up. The floor of
/// each case is the store's own query pair (`Store.noticePage`, the count and the page) for the
/// same pages, timed in this process: no HTTP, no rendering.
struct WebListBenchmark {
  let notices: Int
  let requests: Int
  let directory: URL
  let binaries: URL
  /// The list's page size (`NoticePages.pageSize` of the server).
  static let pageSize = 50

  init(arguments: Arguments) throws {
    notices = arguments.integer("notices", default: 100_000)
    requests = arguments.integer("requests", default: 1_000)
    directory = try scratchDirectory("yujing-bench-weblist", arguments: arguments)
    binaries = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
      .resolvingSymlinksInPath().deletingLastPathComponent()
  }

  /// One kind of list request: whose, which filter, which pages.
  struct ListCase {
    var name: String
    var department = false
    /// The page's query string without `page`, as the filter form writes it.
    var query: String = ""
    var filter = NoticeFilter()
    /// Every page of the list in turn at random, or only the first.
    var anyPage = false
    /// `GET /api/v1/notices?limit=50&offset=…` instead of the page.
    var api = false
  }

  func run() async throws -> [BenchmarkResult] {
    let yujing = binaries.appendingPathComponent("yujing")
    guard FileManager.default.isExecutableFile(atPath: yujing.path) else {
      throw BenchmarkFailure("\(yujing.path) is missing: build it first (swift build -c release)")
    }
    let configuration = try Configuration.embeddedDefault()
    let database = directory.appendingPathComponent("yujing.sqlite")
    let addressee = configuration.regions.compactMap(\.addressee)[0]
    print("weblist: writing \(notices) notices …")
    let written = DispatchTime.now()
    // In its own scope: the pool closes (and checkpoints its WAL) before the daemon opens the file.
    try { try NoticeCorpus(configuration: configuration, count: notices).write(to: try Store(path: database.path)) }()
    print(String(format: "weblist: written in %.1f s", NotifiedProcess.seconds(since: written)))
    // Hashing at cost 10 keeps the two sign-ins quick; the cost does not touch the pages.
    setenv("YUJING_BCRYPT_COST", "10", 1)
    let password = "bench-\(UUID().uuidString)"
    try shell(
      yujing.path, ["users", "add", "rev", "--role", "reviewer", "--password-stdin", "--db", database.path],
      input: password + "\n")
    try shell(
      yujing.path,
      [
        "users", "add", "dept", "--role", "department", "--addressee", addressee, "--password-stdin", "--db",
        database.path,
      ],
      input: password + "\n")

    let daemon = try NotifiedProcess(
      executable: yujing, arguments: ["serve", "--db", database.path, "--listen", "127.0.0.1:0"],
      log: directory.appendingPathComponent("serve.log"))
    guard let base = daemon.servingURL else {
      throw BenchmarkFailure("READY=1 did not say where yujing serves: \(daemon.readyMessage)")
    }
    print("weblist: yujing serve READY at \(base) after \(Int(daemon.ready * 1000)) ms")
    let reviewer = try await WebClient(base: base, name: "rev", password: password)
    let department = try await WebClient(base: base, name: "dept", password: password)
    let store = try Store(path: database.path)
    let encoded = addressee.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? addressee
    let cases = [
      ListCase(name: "/notices, page 1"),
      ListCase(name: "/notices?page=K, K ≤ \(notices / Self.pageSize)", anyPage: true),
      ListCase(name: "?state=draft, any page", query: "state=draft", filter: .init(state: .draft), anyPage: true),
      ListCase(
        name: "?period=2020-06&kind=reminder, any page", query: "period=2020-06&kind=reminder",
        filter: .init(period: Period("2020-06"), kind: .reminder), anyPage: true),
      ListCase(
        name: "?addressee=(a county), any page", query: "addressee=\(encoded)", filter: .init(addressee: addressee),
        anyPage: true),
      ListCase(name: "department's /notices, page 1", department: true, filter: .init(visibleTo: addressee)),
      ListCase(
        name: "department's /notices, any page", department: true, filter: .init(visibleTo: addressee), anyPage: true),
      ListCase(name: "API limit=50&offset=…", anyPage: true, api: true),
    ]
    var results: [BenchmarkResult] = []
    for listCase in cases {
      let client = listCase.department ? department : reviewer
      results.append(try await measure(listCase, client: client, store: store))
    }
    try daemon.stop()
    return results
  }

  /// The case's latencies over HTTP and its floor through the store, for the same pages.
  private func measure(_ listCase: ListCase, client: WebClient, store: Store) async throws -> BenchmarkResult {
    let total = try store.noticePage(listCase.filter, limit: 1, offset: 0).total
    let pages = max(1, (total + Self.pageSize - 1) / Self.pageSize)
    var random = SeededGenerator(seed: UInt64(pages))
    let chosen = (0..<(requests + requests / 10)).map { _ in
      listCase.anyPage ? Int.random(in: 1...pages, using: &random) : 1
    }
    // The first tenth warms the daemon and the page cache, and is not counted.
    let warm = requests / 10
    var latencies: [Double] = []
    for (index, page) in chosen.enumerated() {
      let (body, seconds) = try await client.get(path(listCase, page: page))
      if index == 0 { try check(body, total: total, listCase: listCase) }
      if index >= warm { latencies.append(seconds) }
    }
    var floor: [Double] = []
    for (index, page) in chosen.enumerated() {
      let start = DispatchTime.now()
      _ = try store.noticePage(listCase.filter, limit: Self.pageSize, offset: (page - 1) * Self.pageSize)
      if index >= warm { floor.append(NotifiedProcess.seconds(since: start)) }
    }
    let measured = Percentiles(latencies)
    let baseline = Percentiles(floor)
    print("  \(listCase.name) (\(total) notices, \(pages) pages): \(measured); floor \(baseline)")
    return BenchmarkResult(
      name: "weblist \(listCase.department ? "department" : "reviewer"): \(listCase.name)",
      measured: measured.description, baseline: "store: " + baseline.description, ratio: measured.p99 / baseline.p99,
      target: "p99 ≤ 50 ms", met: measured.p99 <= 0.05)
  }

  private func path(_ listCase: ListCase, page: Int) -> String {
    if listCase.api {
      return "/api/v1/notices?limit=\(Self.pageSize)&offset=\((page - 1) * Self.pageSize)"
    }
    let query = listCase.query.isEmpty ? "" : listCase.query + "&"
    return page == 1 && listCase.query.isEmpty ? "/notices" : "/notices?\(query)page=\(page)"
  }

  /// The daemon counts the same notices as the store: the pages measured are the lists meant.
  private func check(_ body: Data, total: Int, listCase: ListCase) throws {
    let text = String(decoding: body, as: UTF8.self)
    let said = listCase.api ? "{\"total\": \(total)," : "共 \(total) 件"
    guard text.contains(said) else {
      throw BenchmarkFailure("\(listCase.name): the answer does not say \(said): \(text.prefix(300))")
    }
  }
}

/// p50, p99 and the maximum of latencies in seconds.
struct Percentiles: CustomStringConvertible {
  var p50: Double
  var p99: Double
  var max: Double

  init(_ samples: [Double]) {
    let sorted = samples.sorted()
    p50 = sorted[sorted.count / 2]
    p99 = sorted[Swift.max(0, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
    max = sorted.last!
  }

  var description: String { String(format: "p50 %.1f, p99 %.1f, max %.1f ms", p50 * 1000, p99 * 1000, max * 1000) }
}
