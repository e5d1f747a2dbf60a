import Foundation
import GRDB
import Hummingbird

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

// The floor of the idle-daemon target (Benchmarks/README.md#the-targets): the three frameworks yujing serve is built on
// (GRDB, Hummingbird, URLSession) and nothing of yujing itself, started and measured the same way
// by the `daemon` benchmark. Kept minimal on purpose: whatever it does not do, yujing pays for.
//
//   yujing-bare-server --db PATH [--listen HOST:PORT]
//
// Sends READY=1 to $NOTIFY_SOCKET once the server is bound; SIGTERM or SIGINT stops it (exit 0).

var options: [String: String] = [:]
var words = CommandLine.arguments.dropFirst().makeIterator()
while let word = words.next(), word.hasPrefix("--") { options[String(word.dropFirst(2))] = words.next() ?? "" }
guard let path = options["db"] else {
  FileHandle.standardError.write(Data("usage: yujing-bare-server --db PATH [--listen HOST:PORT]\n".utf8))
  exit(2)
}
let listen = options["listen"] ?? "127.0.0.1:0"
guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]) else {
  FileHandle.standardError.write(Data("--listen '\(listen)' is not HOST:PORT\n".utf8))
  exit(2)
}
let host = String(listen[..<colon])

// The database as yujing opens it: a WAL pool, with one read so that the file is really opened.
let pool = try DatabasePool(path: path)
let tables = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0 }

// The HTTP client as yujing's dispatch holds it: a session ready for webhooks, idle until needed.
let session = URLSession(configuration: .ephemeral)

let router = Router()
router.get("/healthz") { _, _ in "ok \(tables) tables\n" }
let application = Application(
  router: router, configuration: .init(address: .hostname(host, port: port), serverName: "bare"),
  onServerRunning: { _ in SystemdNotify.send("READY=1\nSTATUS=serving") })
do {
  try await application.runService()
} catch {
  FileHandle.standardError.write(Data("yujing-bare-server: \(error)\n".utf8))
  exit(1)
}
session.invalidateAndCancel()
