import Foundation
import GRDB
import Testing

@testable import YujingCore

/// A canonical file that names regions and indicators as people write them (丰城市, 固定资产投资)
/// instead of by code: read as the bureau's table is read, by name and alias; a name that is no
/// one's is refused at its file, line and column, with the name it is closest to.
@Suite struct NamesInCanonicalFilesTests {
  @Test func anIndicatorFileWithNamesIsReadAsTheirCodesAndAnUnknownNameIsPlaced() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("yujing.sqlite")
    let file = directory.path("stats.csv")
    try """
    period,region,indicator,value,growth
    2020-05,丰城市,固定资产投资,,5.2
    2020-05,360983,规模以上工业增加值,,6.1
    2020-05,丰城,industry_va,,5.0
    2020-05,360983,固定资产投,,3.0

    """.write(toFile: file, atomically: true, encoding: .utf8)
    let result = try YujingCommand.run(["ingest", "--feed", "stats", file, "--db", db])
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.contains("accepted 2 (new 2"), "\(result.out)")
    #expect(
      result.out.contains("note: names read as their codes: 丰城市 → 360981, 固定资产投资 → fai, 规模以上工业增加值 → industry_va"),
      "\(result.out)")
    #expect(
      result.out.contains(
        "\(file), line 4, column 9 (region): region '丰城' is not a region of this configuration, by code, name or alias; did you mean 丰城市 (360981)?"
      ), "\(result.out)")
    #expect(
      result.out.contains(
        "\(file), line 5, column 16 (indicator): indicator '固定资产投' is not an indicator of this configuration, by code or name; did you mean 固定资产投资 (fai)?"
      ), "\(result.out)")
    let stored = try DatabaseQueue(path: db).read { db in
      try Row.fetchAll(db, sql: "SELECT region, indicator FROM observation ORDER BY region, indicator")
        .map { "\($0["region"] as String) \($0["indicator"] as String)" }
    }
    #expect(stored == ["360981 fai", "360983 industry_va"])
  }

  @Test func theJSONFormOfARejectionNamesItsFile() throws {
    let directory = try TemporaryDirectory()
    let file = directory.path("stats.csv")
    try "period,region,indicator,value,growth\n2020-05,360981,industry_va,,abc\n".write(
      toFile: file, atomically: true, encoding: .utf8)
    let result = try YujingCommand.run([
      "ingest", "--feed", "stats", file, "--db", directory.path("y.sqlite"), "--format", "json",
    ])
    let run = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
    let rejection = try #require((run["rejections"] as? [[String: Any]])?.first)
    #expect(rejection["file"] as? String == file)
    #expect(rejection["location"] as? String == "line 2, column 29")
    #expect(rejection["field"] as? String == "growth")
  }

  @Test func aTargetsFileAndAProjectFileMayNameTheirRegionsAndIndicators() throws {
    let directory = try TemporaryDirectory()
    let db = directory.path("yujing.sqlite")
    let targets = directory.path("targets.csv")
    try "year,region,indicator,target_growth,target_value\n2021,丰城市,固定资产投资,9.0,\n".write(
      toFile: targets, atomically: true, encoding: .utf8)
    let imported = try YujingCommand.run(["targets", "import", targets, "--db", db])
    #expect(imported.status == 0, "\(imported.err)")
    #expect(imported.out.contains("names read as their codes: 丰城市 → 360981, 固定资产投资 → fai"), "\(imported.out)")
    let stored = try DatabaseQueue(path: db).read { db in
      try Int.fetchOne(
        db, sql: "SELECT count(*) FROM target WHERE year = 2021 AND region = '360981' AND indicator = 'fai'")
    }
    #expect(stored == 1)

    let sample = ExternalTools.repository.appendingPathComponent("Sources/YujingResources/sample/projects-2020-05.csv")
    let text = try String(contentsOf: sample, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let header = lines[0].split(separator: ",").map(String.init)
    let regionColumn = try #require(header.firstIndex(of: "region"))
    var first = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    #expect(first[regionColumn] == "360902")
    first[regionColumn] = "袁州区"
    let projects = directory.path("projects.csv")
    try ([String(lines[0]), first.joined(separator: ",")].joined(separator: "\n") + "\n").write(
      toFile: projects, atomically: true, encoding: .utf8)
    let ingested = try YujingCommand.run(["ingest", "--feed", "projects", projects, "--db", db])
    #expect(ingested.status == 0, "\(ingested.err)\(ingested.out)")
    #expect(ingested.out.contains("names read as their codes: 袁州区 → 360902"), "\(ingested.out)")
  }
}
