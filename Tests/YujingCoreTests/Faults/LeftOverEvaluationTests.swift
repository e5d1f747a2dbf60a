import Foundation
import GRDB
import Testing

/// The bug the crash loop found: a scheduled feed's run and its evaluation are two transactions,
/// and a daemon killed between them came back with the schedule served and the new figures never
/// evaluated. A run by `yujing ingest` of the scheduled feed leaves the same state on purpose.
@Suite(.serialized) struct LeftOverEvaluationTests {
  @Test func aScheduledFeedsRunNotYetEvaluatedIsEvaluatedWhenTheDaemonStarts() throws {
    let (directory, arguments) = try ServeTests.office()
    let sample = ExternalTools.repository.appendingPathComponent("Sources/YujingResources/sample")
    let file = sample.appendingPathComponent("indicators-2020-05.csv").path
    let ingested = try YujingCommand.run(["ingest", "--feed", "stats", file] + arguments)
    #expect(ingested.status == 0, "\(ingested.err)")
    let due = "SELECT count(*) FROM evaluation_due WHERE period = '2020-05'"
    #expect(try ServeTests.count(due, in: directory) == 1, "the run leaves its period to evaluate")
    #expect(try ServeTests.count("SELECT count(*) FROM evaluation", in: directory) == 0)

    let serve = try ServeProcess(arguments, directory: directory)
    #expect(serve.waitForLine { $0.contains("evaluated 2020-05") } != nil, "\(serve.outputText)")
    #expect(serve.stop() == 0)
    // Evaluated once, by the daemon, and not pulled again: the schedule was served by the run.
    #expect(try ServeTests.count("SELECT count(*) FROM evaluation WHERE period = '2020-05'", in: directory) == 1)
    #expect(try ServeTests.count(due, in: directory) == 0)
    #expect(try ServeTests.count("SELECT count(*) FROM feed_run WHERE feed = 'stats'", in: directory) == 1)
    #expect(try ServeTests.count("SELECT count(*) FROM notice WHERE period = '2020-05'", in: directory) > 0)
  }
}
