import Foundation
import Testing

@testable import YujingServer

/// The body parsers and the sign-in limits in process, with the clock given: caps, linear work,
/// and who is slowed by a spray.
@Suite struct RequestParsingTests {
  @Test func aFormKeepsRepeatedFieldsAndDecodesEscapes() throws {
    let form = try FormFields.parse(
      Array("id=1&id=2&name=%E4%B8%AD+%E6%96%87&bad=%ZZ&empty=&flag".utf8), maximumFields: 10)
    #expect(form["id"] == "1,2")
    #expect(form["name"] == "中 文")
    #expect(form["bad"] == "%ZZ")
    #expect(form["empty"] == "")
    #expect(form["flag"] == "")
    #expect(form.count == 6)
    #expect(throws: (any Error).self) {
      try FormFields.parse(Array(String(repeating: "a=1&", count: 11).utf8), maximumFields: 10)
    }
  }

  /// Twice the body, about twice the work: the old parser took four times as long.
  @Test func parsingAFormOrAMultipartBodyIsLinear() throws {
    func formTime(_ count: Int) throws -> Duration {
      let body = Array(String(repeating: "id=12345&", count: count).utf8)
      return try ContinuousClock().measure { _ = try FormFields.parse(body, maximumFields: .max) }
    }
    let limits = BodyReader.Limits(bytes: .max, fields: .max, parts: .max)
    func multipartTime(_ count: Int) throws -> Duration {
      var text = ""
      for index in 0..<count { text += "--b\r\nContent-Disposition: form-data; name=\"f\(index)\"\r\n\r\nvalue\r\n" }
      let body = Array((text + "--b--\r\n").utf8)
      return try ContinuousClock().measure { _ = try Multipart.parse(body, boundary: "b", limits: limits) }
    }
    // The better of three runs of each size, so that another process's burst does not decide.
    for time in [formTime, multipartTime] {
      let small = try (0..<3).map { _ in try time(20_000) }.min()!
      let large = try (0..<3).map { _ in try time(80_000) }.min()!
      #expect(large < small * 8, "4× the body took \(large / small)× the time")
    }
  }

  @Test func aMultipartBodyGivesItsFieldsAndFilesWithinItsCaps() throws {
    let body = Array(
      """
      --XyZ\r
      Content-Disposition: form-data; name="text"\r
      \r
      已整改\r
      --XyZ\r
      Content-Disposition: form-data; name="file"; filename="C:\\\\报告\\\\整改.pdf"\r
      Content-Type: application/pdf\r
      \r
      %PDF\r
      --XyZ--\r

      """.utf8)
    let limits = BodyReader.Limits(bytes: 1 << 20, fields: 8, parts: 8)
    let parsed = try Multipart.parse(body, boundary: "XyZ", limits: limits)
    #expect(parsed.fields["text"] == "已整改")
    #expect(parsed.files["file"]?.fileName == "整改.pdf")
    #expect(parsed.files["file"]?.data == Data("%PDF".utf8))
    let two = BodyReader.Limits(bytes: 1 << 20, fields: 8, parts: 1)
    #expect(throws: (any Error).self) { try Multipart.parse(body, boundary: "XyZ", limits: two) }
    let header = Array(("--b\r\nX: " + String(repeating: "h", count: 9000) + "\r\n\r\nv\r\n--b--").utf8)
    #expect(throws: (any Error).self) { try Multipart.parse(header, boundary: "b", limits: limits) }
  }

  @Test func aSprayIsSlowedForTheSprayerNotForOthers() {
    let start = Date(timeIntervalSince1970: 1_600_000_000)
    let throttle = SignInThrottle(
      settings: .init(perAddress: 5, global: 8, checksPerAddress: 1, window: 900))
    // One address: five wrong passwords, then refused without a check.
    for second in 0..<5 {
      let now = start.addingTimeInterval(Double(second))
      #expect(throttle.begin(address: "10.0.0.1", now: now) == nil)
      throttle.end(address: "10.0.0.1", wrongPassword: true, now: now)
    }
    #expect(throttle.begin(address: "10.0.0.1", now: start.addingTimeInterval(10)) == .address)
    // Others, spraying: three more wrong passwords reach the global limit of eight…
    for (index, address) in ["10.0.0.2", "10.0.0.3", "10.0.0.4"].enumerated() {
      let now = start.addingTimeInterval(Double(20 + index))
      #expect(throttle.begin(address: address, now: now) == nil)
      throttle.end(address: address, wrongPassword: true, now: now)
    }
    // …after which an address that gave a wrong password is refused, one that did not is not.
    #expect(throttle.begin(address: "10.0.0.2", now: start.addingTimeInterval(30)) == .address)
    #expect(throttle.begin(address: "10.0.0.9", now: start.addingTimeInterval(30)) == nil)
    // A second check of the same address while one is under way waits its turn.
    #expect(throttle.begin(address: "10.0.0.9", now: start.addingTimeInterval(31)) == .busy)
    throttle.end(address: "10.0.0.9", wrongPassword: false, now: start.addingTimeInterval(31))
    // Once the window has passed, everyone is let through again.
    #expect(throttle.begin(address: "10.0.0.1", now: start.addingTimeInterval(20 + 901)) == nil)
  }
}
