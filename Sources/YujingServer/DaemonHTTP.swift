import Foundation
import Hummingbird
import Logging
import NIOCore
import YujingCore

/// The daemon's HTTP side (docs/operate.md#the-web-ui-and-api, docs/operate.md#the-daemon): the
/// health check, the metrics, the review UI and its API.
public enum DaemonHTTP {
  /// The server as a service of the daemon's group. `onRunning` gets the address actually bound
  /// (port 0 asks the system for a free one) once the server accepts connections. `clock` is the
  /// only clock the web layer reads.
  public static func application(
    listen: ListenAddress, live: LiveWorkspace, metrics: DaemonMetrics, clock: @escaping @Sendable () -> Date,
    logger: Logger, onRunning: @escaping @Sendable (String) async -> Void
  ) -> some ApplicationProtocol {
    let settings = live.current.workspace.configuration.server
    let headerTimeout = TimeAmount.seconds(Int64(settings.headerTimeoutSeconds))
    return Application(
      router: router(live: live, metrics: metrics, clock: clock),
      server: .http1(
        configuration: .init(
          additionalChannelHandlers: [HeaderTimeout(timeout: headerTimeout)],
          idleTimeout: .seconds(Int64(settings.idleTimeoutSeconds)))),
      configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "yujing"),
      onServerRunning: { channel in
        let address = channel.localAddress
        await onRunning("\(address?.ipAddress ?? listen.host):\(address?.port ?? listen.port)")
      },
      logger: logger)
  }

  /// Every route with the middleware they share, outermost first: the request timer, the
  /// security headers, the API's and the pages' error answers around the session and the CSRF
  /// check. The tests serve it in process.
  static func router(live: LiveWorkspace, metrics: DaemonMetrics, clock: @escaping @Sendable () -> Date)
    -> Router<WebContext>
  {
    let settings = live.current.workspace.configuration.server
    let router = Router(context: WebContext.self)
    router.middlewares.add(RequestTimer(metrics: metrics))
    router.middlewares.add(SecurityHeaders())
    router.middlewares.add(APIErrors())
    router.middlewares.add(SessionMiddleware(store: { live.store }, clock: clock))
    router.middlewares.add(PageErrors())
    router.middlewares.add(CSRFMiddleware(publicOrigin: settings.publicURL))
    router.get("/healthz") { request, context in
      let token = live.current.workspace.configuration.server.metricsToken
      return try health(
        live: live, detail: ProbeAccess.mayReadDetail(request, context: context, token: token))
    }
    router.get("/metrics") { request, context in
      let token = live.current.workspace.configuration.server.metricsToken
      guard ProbeAccess.mayReadDetail(request, context: context, token: token) else {
        throw HTTPError(
          .unauthorized, headers: [.wwwAuthenticate: "Bearer"],
          message: "the metrics are for loopback clients and for the bearer token of server.metrics_token")
      }
      return try metricsResponse(live: live, metrics: metrics, now: clock())
    }
    let cookies = SessionCookies(secure: settings.publicURL?.lowercased().hasPrefix("https://") == true)
    WebRoutes(live: live, cookies: cookies, clock: clock).add(to: router)
    return router
  }

  /// 200 while the database answers, 503 when it does not. Anyone gets that much; with `detail`
  /// (`ProbeAccess`) also the feeds' last runs, so that a monitor sees a feed that has stopped
  /// arriving without the daemon being restarted for it, and the live configuration and rule set.
  static func health(live: LiveWorkspace, detail: Bool) throws -> Response {
    let current = live.current
    var body: [String: Any] = [:]
    var healthy = true
    do {
      try current.workspace.store.ping()
      body["database"] = "ok"
    } catch {
      healthy = false
      body["database"] = detail ? "unreachable: \(error)" : "unreachable"
    }
    guard detail else {
      body["status"] = healthy ? "ok" : "unavailable"
      let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
      return Response(
        status: healthy ? .ok : .serviceUnavailable,
        headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
    let runs = (try? current.workspace.store.feedRunTimes()) ?? [:]
    body["feeds"] = current.workspace.configuration.feeds.map { feed -> [String: Any] in
      let run = runs[feed.name]
      return [
        "name": feed.name,
        "scheduled": feed.url != nil && feed.schedule != nil,
        "last_run": run.map { Timestamp.string($0.lastStarted) } ?? NSNull(),
        "last_status": run.map { $0.lastStatus.rawValue } ?? NSNull(),
        "last_success": run?.lastSuccess.map(Timestamp.string) ?? NSNull(),
      ]
    }
    body["status"] = healthy ? "ok" : "unavailable"
    // Which configuration and rule set are live: after a reload, the answer to "did it take?".
    body["configuration"] = current.workspace.configuration.source
    body["rules"] = [
      "count": current.thresholds.ruleSet.rules.count, "hash": current.thresholds.ruleSet.hash,
      "directory": current.thresholds.directory.path,
    ]
    let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    return Response(
      status: healthy ? .ok : .serviceUnavailable,
      headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
      body: .init(byteBuffer: ByteBuffer(bytes: data)))
  }

  static func metricsResponse(live: LiveWorkspace, metrics: DaemonMetrics, now: Date) throws -> Response {
    let text = metrics.exposition(counts: try live.store.counts(), now: now)
    return Response(
      status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }
}

/// Times every request into the `yujing_http_request_duration_seconds` histogram, by the route's
/// pattern so that unknown paths all count as one series.
struct RequestTimer<Context: RequestContext>: RouterMiddleware {
  let metrics: DaemonMetrics

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    let started = ContinuousClock.now
    func record(_ status: Int) {
      let elapsed = ContinuousClock.now - started
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      metrics.observeRequest(route: context.endpointPath ?? "unmatched", status: status, seconds: seconds)
    }
    do {
      let response = try await next(request, context)
      record(response.status.code)
      return response
    } catch let error as any HTTPResponseError {
      record(error.status.code)
      throw error
    } catch {
      record(500)
      throw error
    }
  }
}
