import Foundation
import YujingCore

/// The national-scale dataset of the benchmarks: 3,000 regions in groups of ten, 40 monthly growth
/// indicators, 12 periods of 2020, 20,000 major projects, generated from a fixed seed.
struct NationalDataset {
  static let regionCount = 3_000
  static let projectCount = 20_000
  static let indicatorCount = 40
  static let periods = (1...12).map { Period(year: 2020, month: $0)! }
  static let provinceCode = "000000"
  static let cityCode = "100000"

  /// How many regions this instance generates (the small mode of CI uses fewer).
  var regions = regionCount

  struct EvaluationFiles {
    var configuration: URL
    var observations: URL
    var targets: URL
    var groups: URL
  }

  /// The canonical files of a whole year for every region, the province and the city, with a
  /// growth target for every region × indicator, and the groups file of the pandas script.
  func writeEvaluationFiles(into directory: URL, seed: UInt64 = 20_201_127) throws -> EvaluationFiles {
    var generator = SeededGenerator(seed: seed)
    let files = EvaluationFiles(
      configuration: directory.appendingPathComponent("yujing.yaml"),
      observations: directory.appendingPathComponent("observations.csv"),
      targets: directory.appendingPathComponent("targets.csv"), groups: directory.appendingPathComponent("groups.csv"))
    try NationalDataset.configurationYAML(regions: regions).write(
      to: files.configuration, atomically: true, encoding: .utf8)
    var observations = "period,region,indicator,value,growth\n"
    var targets = "year,region,indicator,target_growth,target_value\n"
    var groups = "region,group\n"
    let codes = [Self.provinceCode, Self.cityCode] + (1...regions).map(Self.regionCode)
    for index in 1...regions { groups += "\(Self.regionCode(index)),g\(index / 10)\n" }
    for code in codes.dropFirst() {
      for indicator in 1...Self.indicatorCount {
        targets +=
          "2020,\(code),\(Self.indicatorCode(indicator)),\(Int.random(in: 50...95, using: &generator) / 10).\(Int.random(in: 0...9, using: &generator)),\n"
      }
    }
    for period in Self.periods {
      for code in codes {
        for indicator in 1...Self.indicatorCount {
          let growth = Double(Int.random(in: -50...150, using: &generator)) / 10
          observations += "\(period),\(code),\(Self.indicatorCode(indicator)),,\(growth)\n"
        }
      }
    }
    try observations.write(to: files.observations, atomically: true, encoding: .utf8)
    try targets.write(to: files.targets, atomically: true, encoding: .utf8)
    try groups.write(to: files.groups, atomically: true, encoding: .utf8)
    return files
  }

  /// A configuration with those regions and indicators, written as YAML (so that the benchmark
  /// goes through the same decoding and validation as a real one).
  static func configurationYAML(regions: Int = regionCount) -> String {
    var yaml = "city: {code: \"100000\", name: 国家样例市}\n"
    yaml +=
      "regions:\n  - {code: \"000000\", name: 基准省, kind: province}\n  - {code: \"100000\", name: 国家样例市, kind: city}\n"
    for index in 1...regions {
      let code = regionCode(index)
      yaml += "  - {code: \"\(code)\", name: 县\(code), kind: county, group: g\(index / 10), addressee: 县\(code)人民政府}\n"
    }
    yaml += "departments:\n  - {code: d1, name: 部门一}\n"
    yaml += "indicators:\n"
    for index in 1...indicatorCount {
      yaml +=
        "  - {code: \(indicatorCode(index)), name: 指标\(index), unit: \"%\", frequency: monthly, form: growth, lead_department: d1}\n"
    }
    yaml += "feeds:\n  - {name: stats, kind: indicators}\n  - {name: projects, kind: projects}\n"
    return yaml
  }

  /// The projects' monthly progress through 2020, as the canonical project CSV: as many projects
  /// per region as the national dataset has (20,000 for 3,000 regions), each with an annual plan
  /// and a year-to-date completion that keeps, or falls behind, its months' share of the plan.
  func writeProjectFile(into directory: URL, seed: UInt64 = 20_201_128) throws -> (file: URL, projects: Int) {
    var generator = SeededGenerator(seed: seed)
    let file = directory.appendingPathComponent("projects.csv")
    let projects = Self.projectCount * regions / Self.regionCount
    var text = Self.projectHeader
    var plans: [(region: String, total: Int, plan: Int, pace: Int)] = []
    for index in 0..<projects {
      let plan = Int.random(in: 100...5_000, using: &generator)
      plans.append(
        (
          Self.regionCode(1 + index % regions), plan * Int.random(in: 2...5, using: &generator), plan,
          Int.random(in: 50...110, using: &generator)
        ))
    }
    for period in Self.periods {
      for (index, project) in plans.enumerated() {
        // Completed so far: the plan's share of the months gone by, at the project's own pace (%).
        let done = project.plan * period.month * project.pace / 1_200
        text +=
          "\(period),P\(100_000 + index),项目\(index),\(project.region),d1,县长,\(Self.amount(project.total)),"
          + "\(Self.amount(project.plan)),\(Self.amount(done)),在建,2019-03-01,2019-03-15,2022-12-31,2019-02-01\n"
      }
    }
    try text.write(to: file, atomically: true, encoding: .utf8)
    return (file, projects)
  }

  static let projectHeader =
    "period,project,name,region,department,leader,total_investment,annual_plan,completed_ytd,status,"
    + "planned_start,actual_start,planned_completion,registered\n"

  /// Hundredths of 亿元 as a decimal amount.
  private static func amount(_ hundredths: Int) -> String {
    "\(hundredths / 100)." + String(format: "%02d", hundredths % 100)
  }

  static func regionCode(_ index: Int) -> String { String(100_000 + index) }
  static func indicatorCode(_ index: Int) -> String { index < 10 ? "ind0\(index)" : "ind\(index)" }

  /// The earlier years a projection (docs/rules.md#precoordination) of November 2020 reads: November and December
  /// of 2017–2019 for every region and indicator, as a second canonical CSV, so that the
  /// benchmark's November evaluation projects every subject and measures each projection's
  /// accuracy over the one year that has two years before it.
  static let historyPeriods = (2017...2019).flatMap { year in [11, 12].map { Period(year: year, month: $0)! } }

  func writeHistoryFile(into directory: URL, seed: UInt64 = 20_171_112) throws -> URL {
    var generator = SeededGenerator(seed: seed)
    let file = directory.appendingPathComponent("history.csv")
    var text = "period,region,indicator,value,growth\n"
    let codes = [Self.provinceCode, Self.cityCode] + (1...regions).map(Self.regionCode)
    for period in Self.historyPeriods {
      for code in codes {
        for indicator in 1...Self.indicatorCount {
          let growth = Double(Int.random(in: 0...150, using: &generator)) / 10
          text += "\(period),\(code),\(Self.indicatorCode(indicator)),,\(growth)\n"
        }
      }
    }
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  /// The first `rows` rows of the dataset as a canonical CSV, period by period.
  static func indicatorCSV(rows: Int, seed: UInt64 = 20_201_126) -> String {
    var generator = SeededGenerator(seed: seed)
    var text = "period,region,indicator,value,growth\n"
    text.reserveCapacity(rows * 40)
    var written = 0
    outer: for period in periods {
      for region in 1...regionCount {
        for indicator in 1...indicatorCount {
          guard written < rows else { break outer }
          let value = Double(Int.random(in: 1_000...9_999_999, using: &generator)) / 100
          let growth = Double(Int.random(in: -150...250, using: &generator)) / 10
          text += "\(period),\(regionCode(region)),\(indicatorCode(indicator)),\(value),\(growth)\n"
          written += 1
        }
      }
    }
    return text
  }
}
