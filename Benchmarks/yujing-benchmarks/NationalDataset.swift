import Foundation
import YujingCore

/// The national-scale dataset of DESIGN §11: 3,000 regions in groups of ten, 40 monthly growth
/// indicators, 12 periods of 2020, generated from a fixed seed.
struct NationalDataset {
  static let regionCount = 3_000
  static let indicatorCount = 40
  static let periods = (1...12).map { Period(year: 2020, month: $0)! }

  /// A configuration with those regions and indicators, written as YAML (so that the benchmark
  /// goes through the same decoding and validation as a real one).
  static func configurationYAML() -> String {
    var yaml = "city: {code: \"100000\", name: 国家样例市}\n"
    yaml +=
      "regions:\n  - {code: \"000000\", name: 基准省, kind: province}\n  - {code: \"100000\", name: 国家样例市, kind: city}\n"
    for index in 1...regionCount {
      let code = regionCode(index)
      yaml += "  - {code: \"\(code)\", name: 县\(code), kind: county, group: g\(index / 10), addressee: 县\(code)人民政府}\n"
    }
    yaml += "departments:\n  - {code: d1, name: 部门一}\n"
    yaml += "indicators:\n"
    for index in 1...indicatorCount {
      yaml +=
        "  - {code: \(indicatorCode(index)), name: 指标\(index), unit: \"%\", frequency: monthly, form: growth, lead_department: d1}\n"
    }
    yaml += "feeds:\n  - {name: stats, kind: indicators}\n"
    return yaml
  }

  static func regionCode(_ index: Int) -> String { String(100_000 + index) }
  static func indicatorCode(_ index: Int) -> String { index < 10 ? "ind0\(index)" : "ind\(index)" }

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
