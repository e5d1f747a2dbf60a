import Foundation
import HTTPTypes
import Hummingbird
import YujingCore

/// Numbers, dates and periods taken from a request, each checked against its range before any
/// arithmetic: an answer of 400 that names the parameter and what it may be, never an overflow.
enum RequestNumbers {
  /// A value of a request outside what it may be.
  struct OutOfRange: Error, HTTPResponseError, CustomStringConvertible {
    var description: String
    var status: HTTPResponse.Status { .badRequest }

    init(_ description: String) { self.description = description }

    func response(from request: Request, context: some RequestContext) throws -> Response {
      try HTTPError(.badRequest, message: description).response(from: request, context: context)
    }
  }

  /// Dates a request may give: those of the office's work, not of any calendar.
  static let days = Day(year: 2000, month: 1, day: 1)!...Day(year: 2099, month: 12, day: 31)!
  static let periods = Period(year: 2000, month: 1)!...Period(year: 2099, month: 12)!

  /// An optional whole-number query parameter within its range.
  static func query(_ request: Request, _ name: String, range: ClosedRange<Int>) throws -> Int? {
    guard let text = request.uri.queryParameters[Substring(name)].map(String.init), !text.isEmpty else { return nil }
    return try whole(text, name: name, range: range)
  }

  static func whole(_ text: String, name: String, range: ClosedRange<Int>) throws -> Int {
    guard let value = Int(text), range.contains(value) else {
      throw OutOfRange("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return value
  }

  /// A positive id from the path (`/notices/{id}`).
  static func id(_ context: WebContext, _ name: String = "id") throws -> Int64 {
    let text = context.parameters.get(name) ?? ""
    guard let value = Int64(text), value > 0 else {
      throw OutOfRange("\(name) must be a whole number from 1 to \(Int64.max)")
    }
    return value
  }

  /// A code from the path (`/subjects/project/{code}`): at most 64 characters, letters, digits and
  /// `-_.@` — the codes of regions, indicators, projects and feeds — so that nothing else reaches
  /// a lookup.
  static func code(_ context: WebContext, _ name: String) throws -> String {
    let text = (context.parameters.get(name) ?? "").removingPercentEncoding ?? ""
    guard !text.isEmpty, text.count <= 64,
      text.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "-_.@".unicodeScalars.contains($0) })
    else { throw OutOfRange("\(name) must be a code of at most 64 letters, digits and -_.@") }
    return text
  }

  /// An optional date `YYYY-MM-DD` within `range` (by default the office's years).
  static func day(_ text: String?, name: String, range: ClosedRange<Day> = days) throws -> Day? {
    guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
    guard let day = Day(text), range.contains(day) else {
      throw OutOfRange("\(name) must be a date YYYY-MM-DD from \(range.lowerBound) to \(range.upperBound)")
    }
    return day
  }

  /// An optional period `YYYY-MM` within the office's years.
  static func period(_ text: String?, name: String) throws -> Period? {
    guard let text, !text.isEmpty else { return nil }
    guard let period = Period(text), periods.contains(period) else {
      throw OutOfRange("\(name) must be a period YYYY-MM from \(periods.lowerBound) to \(periods.upperBound)")
    }
    return period
  }
}
