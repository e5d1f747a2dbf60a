import Foundation
import GRDB
import Testing

@testable import YujingCore

/// Text files in GB18030 (GBK), as Excel on a Chinese Windows saves "CSV": read when the feed or
/// the command declares the encoding, refused with that advice when it does not.
@Suite struct DeclaredEncodingTests {
  /// A projects CSV written by Python's own gb18030 codec: Chinese names, CRLF line ends (the csv
  /// module's default), no byte-order mark.
  static func projectsFile(_ directory: TemporaryDirectory) throws -> String? {
    guard
      let data = try PythonWriter.write(
        module: "csv", package: "python3",
        script: """
          import csv, sys
          with open(sys.argv[1], "w", newline="", encoding="gb18030") as f:
              w = csv.writer(f)
              w.writerow(["period", "project", "name", "region", "department", "leader", "total_investment",
                          "annual_plan", "completed_ytd", "status", "planned_start", "actual_start",
                          "planned_completion", "registered"])
              w.writerow(["2020-05", "P2020-017", "宜春锂电新能源产业园一期", "360902", "gxj", "分管副市长", "52.0", "12.0",
                          "3.1", "在建", "2020-03-01", "2020-03-18", "2022-06-30", "2020-04-20"])
              w.writerow(["2020-05", "P2020-031", "樟树市中药材仓储物流园（二期）", "360982", "fgw", "分管副市长", "8.5",
                          "3.0", "1.25", "前期", "2020-07-01", "", "2021-12-31", ""])
          """, suffix: ".csv")
    else { return nil }
    #expect(data.starts(with: Array("period,".utf8)) && data.contains(0x0D) && !data.starts(with: [0xEF, 0xBB, 0xBF]))
    let path = directory.path("projects-gbk.csv")
    try data.write(to: URL(fileURLWithPath: path))
    return path
  }

  static func storedProjects(_ database: String) throws -> [String: Project] {
    try Store(path: database).projects()
  }

  @Test(.needs(.python3)) func aGB18030ProjectsFileIsReadWithItsChineseNamesWhenIngestDeclaresIt() throws {
    let directory = try TemporaryDirectory()
    guard let file = try Self.projectsFile(directory) else { return }
    let database = directory.path("yujing.sqlite")
    let result = try YujingCommand.run([
      "ingest", "--db", database, "--feed", "projects", "--encoding", "gb18030", file,
    ])
    #expect(result.status == 0, "\(result.out)\(result.err)")
    let projects = try Self.storedProjects(database)
    #expect(projects["P2020-017"]?.name == "宜春锂电新能源产业园一期")
    #expect(projects["P2020-017"]?.totalInvestment == (try Fixed(parsing: "52.0")))
    #expect(projects["P2020-031"]?.name == "樟树市中药材仓储物流园（二期）")
    #expect(projects["P2020-031"]?.annualPlan == (try Fixed(parsing: "3.0")))
  }

  @Test(.needs(.python3)) func aGBKProjectsFileIsReadWhenTheFeedDeclaresIt() throws {
    let directory = try TemporaryDirectory()
    guard let file = try Self.projectsFile(directory) else { return }
    var text = try String(contentsOf: EmbeddedFiles.url("default/yujing.yaml"), encoding: .utf8)
    text = text.replacingOccurrences(
      of: "  - name: projects\n    kind: projects\n",
      with: "  - name: projects\n    kind: projects\n    encoding: gbk\n")
    let configuration = directory.path("yujing.yaml")
    try text.write(toFile: configuration, atomically: true, encoding: .utf8)
    let database = directory.path("yujing.sqlite")
    let result = try YujingCommand.run([
      "ingest", "--config", configuration, "--db", database, "--feed", "projects", file,
    ])
    #expect(result.status == 0, "\(result.out)\(result.err)")
    #expect(try Self.storedProjects(database)["P2020-031"]?.name == "樟树市中药材仓储物流园（二期）")
  }

  @Test(.needs(.python3)) func anUndeclaredGB18030FileIsRefusedNamingTheEncodingOption() throws {
    let directory = try TemporaryDirectory()
    guard let file = try Self.projectsFile(directory) else { return }
    let database = directory.path("yujing.sqlite")
    let result = try YujingCommand.run(["ingest", "--db", database, "--feed", "projects", file])
    #expect(result.status == 1)
    #expect(result.out.contains("line 2, column 19: the file is not UTF-8"), "\(result.out)")
    #expect(
      result.out.contains("`encoding: gb18030` in yujing.yaml (`--encoding gb18030` for one file)"), "\(result.out)")
    #expect(try Self.storedProjects(database).isEmpty)
  }

  @Test func aUTF8FileDeclaredGB18030IsRefusedNotMisread() throws {
    let utf8 = Data("period,region,indicator,value,growth\n2020-05,丰城市,industry_va,,5.2\n".utf8)
    #expect {
      try TextEncoding.utf8Data(utf8, declared: .gb18030)
    } throws: { error in
      "\(error)".contains("declares the encoding GB18030, but this file is UTF-8")
    }
  }

  /// Every two-byte code, every four-byte code of the Basic Multilingual Plane and a sample of the
  /// supplementary planes, decoded by Python's gb18030 codec as the independent reference: each
  /// is read as the same character, or refused where the two editions of the standard disagree
  /// or the character is a private-use one.
  @Test(.needs(.python3)) func theDecoderAgreesWithPythonsCodecOrRefuses() throws {
    guard
      let data = try PythonWriter.write(
        module: "codecs", package: "python3",
        script: """
          import sys
          codes = []
          for a in range(0x81, 0xFF):
              for b in list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)):
                  codes.append(bytes([a, b]))
          for a in range(0x81, 0x85):
              for b in range(0x30, 0x3A):
                  for c in range(0x81, 0xFF):
                      for d in range(0x30, 0x3A):
                          codes.append(bytes([a, b, c, d]))
          for linear in range(0, 0x100000, 997):
              n = linear + (0x90 - 0x81) * 12600
              codes.append(bytes([0x81 + n // 12600, 0x30 + n // 1260 % 10, 0x81 + n // 10 % 126, 0x30 + n % 10]))
          with open(sys.argv[1], "w") as out:
              for code in codes:
                  try:
                      text = code.decode("gb18030")
                      out.write(code.hex() + " " + " ".join("%x" % ord(c) for c in text) + "\\n")
                  except UnicodeDecodeError:
                      out.write(code.hex() + " -\\n")
          """, suffix: ".txt")
    else { return }
    var compared = 0
    var refused: [String] = []
    var disagreements: [String] = []
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      let parts = line.split(separator: " ")
      let hex = String(parts[0])
      let bytes = stride(from: 0, to: hex.count, by: 2).map {
        UInt8(hex.dropFirst($0).prefix(2), radix: 16)!
      }
      let expected = parts[1] == "-" ? nil : parts.dropFirst().map { UInt32($0, radix: 16)! }
      let decoded = try? GB18030.decodeCharacters(bytes)
      compared += 1
      switch (expected, decoded) {
      case (nil, nil): continue
      case (let expected?, let decoded?) where decoded.unicodeScalars.map(\.value) == expected: continue
      case (let expected?, nil):
        let isPrivateUse = expected.allSatisfy { (0xE000...0xF8FF).contains($0) || $0 >= 0xF0000 }
        if GB18030.editionDependent.contains(UInt32(hex, radix: 16)!) || isPrivateUse {
          refused.append(hex)
        } else {
          disagreements.append("\(hex): Python \(expected), refused")
        }
      default:
        disagreements.append("\(hex): Python \(String(describing: expected)), read \(String(describing: decoded))")
      }
    }
    #expect(compared > 63_000)
    #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    // The editions' 21 codes, the user-defined areas and the private-use code points: refused.
    #expect(refused.count > 6_000 && refused.count < 10_000, "\(refused.count)")
  }
}
