import Foundation
import Testing

@testable import YujingCore

/// The feed keys for real inputs (`encoding`, the .xls format) checked by `yujing check` with
/// their positions, like every other key.
@Suite struct FeedInputConfigurationTests {
  @Test(arguments: [
    (
      "due_day: 15}", "due_day: 15, encoding: big5}",
      "yujing.yaml:12:75: feeds[0].encoding: 'big5' is not one of utf-8, gb18030, gbk"
    ),
    (
      "due_day: 15}", "due_day: 15, format: json, encoding: gbk}",
      "yujing.yaml:12:89: feeds[0].encoding: a declared encoding applies to CSV files; a json feed's files say their own encoding"
    ),
    (
      "due_day: 15}", "due_day: 15, format: xls}",
      "yujing.yaml:12:73: feeds[0] (stats) reads xls workbooks but has no xlsx mapping"
    ),
  ])
  func aMistakeInTheNewKeysIsReportedWithItsPosition(original: String, replacement: String, expected: String) {
    let text = minimalConfiguration.replacingOccurrences(of: original, with: replacement)
    let messages = diagnostics(text)
    #expect(messages.contains { $0.hasPrefix(expected) }, "got: \(messages)")
  }

  @Test(arguments: ["utf-8", "UTF8", "gb18030", "gbk", "GBK"])
  func anEncodingIsDeclaredByAnyOfItsNames(name: String) throws {
    let text = minimalConfiguration.replacingOccurrences(of: "due_day: 15}", with: "due_day: 15, encoding: \(name)}")
    let configuration = try decode(text).get()
    #expect(configuration.feed("stats")?.encoding == (name.lowercased().hasPrefix("utf") ? .utf8 : .gb18030))
  }

  @Test func yujingCheckNamesTheFileLineAndColumnOfABadEncoding() throws {
    let directory = try TemporaryDirectory()
    var text = try String(contentsOf: EmbeddedFiles.url("default/yujing.yaml"), encoding: .utf8)
    text = text.replacingOccurrences(
      of: "  - name: projects\n    kind: projects\n",
      with: "  - name: projects\n    kind: projects\n    encoding: gb2312x\n")
    let path = directory.path("yujing.yaml")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let line = text.components(separatedBy: "\n").firstIndex { $0.contains("encoding: gb2312x") }! + 1
    let result = try YujingCommand.run(["check", "--config", path])
    #expect(result.status == 1)
    #expect(
      (result.out + result.err).contains(
        "\(path):\(line):15: feeds[1].encoding: 'gb2312x' is not one of utf-8, gb18030, gbk"),
      "\(result.out)\(result.err)")
  }
}
