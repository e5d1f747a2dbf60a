import Foundation
import Testing

@testable import YujingCore

/// Figures typed as people type them, in tables openpyxl writes and in CSV files Python's csv
/// module writes: each read where the column makes its meaning certain, refused where it does not.
@Suite struct WrittenFigureTests {
  @Test(
    .needs(.openpyxl),
    arguments: [
      ("B5", "7.9%", "industry_va", "growth", "7.9"), ("B5", "7.9％", "industry_va", "growth", "7.9"),
      ("E5", "－３.２", "fiscal_general", "growth", "-3.2"), ("D5", "1,322.5", "fiscal_general", "value", "1322.5"),
      ("E5", "+3.1", "fiscal_general", "growth", "3.1"), ("D5", "２３.５１", "fiscal_general", "value", "23.51"),
      ("B5", "5.2 %", "industry_va", "growth", "5.2"),
    ])
  func aFigureWrittenAsPeopleWriteItIsReadInItsColumn(
    cell: String, text: String, indicator: String, field: String, stored: String
  ) throws {
    guard
      let data = try PythonWriter.bureauXLSX(
        """
        put("A5", "丰城市")
        put(\(PythonWriter.pythonString(cell)), \(PythonWriter.pythonString(text)))
        """)
    else { return }
    let batch = try CellFormatTests.read(data)
    #expect(batch.rejections.isEmpty, "\(batch.rejections)")
    let observation = try #require(CellFormatTests.figure(batch, "360981", indicator))
    #expect((field == "growth" ? observation.growth : observation.value) == (try Fixed(parsing: stored)))
  }

  @Test(
    .needs(.openpyxl),
    arguments: [
      ("D5", "12.5%", "cell D5 (value): value: \"12.5%\" is a percentage, but this column holds a level (总量)"),
      ("C5", "3%", "cell C5 (rank): rank: \"3%\" is a percentage, but this column holds a rank (位次)"),
      ("D5", "1,32.5", "cell D5 (value): value: \"1,32.5\" has a comma that does not separate thousands"),
    ])
  func aWrittenFigureWhoseColumnDoesNotMakeItCertainIsRefused(cell: String, text: String, says: String) throws {
    guard
      let data = try PythonWriter.bureauXLSX(
        """
        put("A5", "丰城市")
        put("B5", 5.2)
        put(\(PythonWriter.pythonString(cell)), \(PythonWriter.pythonString(text)))
        """)
    else { return }
    let batch = try CellFormatTests.read(data)
    #expect(batch.rejections.count == 1)
    #expect(
      batch.rejections.first?.description.contains("sheet 1-5月, " + says) == true,
      "\(batch.rejections.map(\.description))")
  }

  /// The canonical CSV as Excel saves a sheet whose cells show percentages and grouped thousands.
  @Test(.needs(.python3)) func aCSVWithWrittenFiguresKeepsEachFigureExactly() throws {
    guard
      let data = try PythonWriter.write(
        module: "csv", package: "python3",
        script: """
          import csv, sys
          with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
              w = csv.writer(f)
              w.writerow(["period", "region", "indicator", "value", "growth"])
              w.writerow(["2020-05", "360981", "industry_va", "", "7.9%"])
              w.writerow(["2020-05", "360982", "industry_va", "", "７.９％"])
              w.writerow(["2020-05", "360981", "fiscal_general", "1,322.5", "+3.1"])
              w.writerow(["2020-05", "360982", "fiscal_general", "12.5%", "－３.２"])
          """, suffix: ".csv")
    else { return }
    let batch = try IndicatorParsing.parse(data, format: .csv, mapping: nil, catalogue: defaultCatalogue)
    func figure(_ region: String, _ indicator: String) -> Observation? {
      batch.observations.first { $0.region == region && $0.indicator == indicator }
    }
    #expect(figure("360981", "industry_va")?.growth == (try Fixed(parsing: "7.9")))
    #expect(figure("360982", "industry_va")?.growth == (try Fixed(parsing: "7.9")))
    #expect(figure("360981", "fiscal_general")?.value == (try Fixed(parsing: "1322.5")))
    #expect(figure("360981", "fiscal_general")?.growth == (try Fixed(parsing: "3.1")))
    #expect(
      batch.rejections.map(\.description) == [
        "line 5, column 31 (value): value: \"12.5%\" is a percentage, but this column holds a level (总量), not a percentage; only a growth may carry a % sign"
      ])
  }
}
