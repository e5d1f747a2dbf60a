import Foundation
import GRDB
import Testing

@testable import YujingCore

/// A targets import is a feed run, kept with its rejected rows like any other.
@Suite struct TargetRunTests {
  @Test func aTargetsFileWhoseEveryRowIsRejectedIsAFailedRunWithItsRows() throws {
    let directory = try TemporaryDirectory()
    let file = directory.path("targets.csv")
    try "year,region,indicator,target_growth,target_value\n2021,360981,industry_vaa,8.5,\n2021,999999,fai,9,\n"
      .write(toFile: file, atomically: true, encoding: .utf8)
    let database = directory.path("yujing.sqlite")
    let result = try YujingCommand.run(["targets", "import", "--db", database, file])
    #expect(result.status == 1)
    #expect(result.out.contains("(targets) from \(file): failed"), "\(result.out)")
    #expect(result.out.contains("nothing was applied"), "\(result.out)")
    let store = try Store(path: database)
    let run = try #require(try store.feedRuns(feed: "targets").first)
    #expect(run.kind == "targets")
    #expect(run.status == .failed)
    #expect(run.rejected == 2)
    #expect(try store.rejections(ofRun: run.id).map(\.location) == ["line 2, column 13", "line 3, column 6"])
  }

  @Test func aGoodTargetsFileIsAnOkRunCountingNewAndReplacedTargets() throws {
    let directory = try TemporaryDirectory()
    let file = directory.path("targets.csv")
    try "year,region,indicator,target_growth,target_value\n2020,360981,industry_va,8.5,\n2021,360981,fai,9.5%,\n"
      .write(toFile: file, atomically: true, encoding: .utf8)
    let database = directory.path("yujing.sqlite")
    let result = try YujingCommand.run(["targets", "import", "--db", database, file])
    #expect(result.status == 0, "\(result.out)\(result.err)")
    let store = try Store(path: database)
    let run = try #require(try store.feedRuns(feed: "targets").first)
    #expect(run.status == .ok)
    // The embedded default seeds 2020's published targets: 360981's industry_va is replaced.
    #expect(run.inserted == 1 && run.revised == 1, "\(run)")
    let stored = try store.writer.read { db in
      try Double.fetchOne(
        db, sql: "SELECT target_growth FROM target WHERE year = 2021 AND region = '360981' AND indicator = 'fai'")
    }
    #expect(stored == 9.5)
  }

  @Test(.needs(.python3)) func aGB18030TargetsFileIsImportedWithEncoding() throws {
    let directory = try TemporaryDirectory()
    guard
      let data = try PythonWriter.write(
        module: "codecs", package: "python3",
        script: """
          import sys
          open(sys.argv[1], "wb").write("year,region,indicator,target_growth,target_value,备注\\r\\n2021,360982,retail,１０,,社零目标\\r\\n".encode("gb18030"))
          """, suffix: ".csv")
    else { return }
    let file = directory.path("targets.csv")
    try data.write(to: URL(fileURLWithPath: file))
    let database = directory.path("yujing.sqlite")
    let refused = try YujingCommand.run(["targets", "import", "--db", database, file])
    #expect(refused.status != 0)
    #expect(refused.err.contains("--encoding gb18030"), "\(refused.err)")
    let result = try YujingCommand.run(["targets", "import", "--db", database, "--encoding", "gbk", file])
    #expect(result.status == 0, "\(result.out)\(result.err)")
    let stored = try Store(path: database).writer.read { db in
      try Double.fetchOne(
        db, sql: "SELECT target_growth FROM target WHERE year = 2021 AND region = '360982' AND indicator = 'retail'")
    }
    #expect(stored == 10)
  }
}
