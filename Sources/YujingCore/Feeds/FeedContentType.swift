import Foundation

/// Which `Content-Type` answers may carry a feed of a given format. Servers label CSV and XLSX
/// downloads inconsistently, so the lists are generous; what they exist to catch is an HTML page
/// (a login form or an error page served with status 200) taken for data.
enum FeedContentType {
  static func accepted(for format: FeedFormat) -> Set<String> {
    let generic: Set<String> = ["application/octet-stream", "binary/octet-stream", "application/download"]
    switch format {
    case .csv:
      return generic.union([
        "text/csv", "text/plain", "application/csv", "text/comma-separated-values", "text/x-csv",
        "application/x-csv", "application/vnd.ms-excel",
      ])
    case .json:
      return generic.union(["application/json", "text/json", "text/plain", "application/x-json"])
    case .xlsx:
      return generic.union([
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip",
        "application/x-zip-compressed", "application/vnd.ms-excel",
      ])
    case .xls:
      return generic.union([
        "application/vnd.ms-excel", "application/msexcel", "application/x-msexcel", "application/x-excel",
        "application/x-ole-storage", "application/vnd.ms-office",
      ])
    }
  }

  /// Why an answer's type cannot be the feed's data, or nil when it can. No type at all is let
  /// through: the parser still checks what the bytes are.
  static func refusal(_ header: String?, format: FeedFormat) -> String? {
    guard let header else { return nil }
    // Parameters (charset=GBK, boundary …) say nothing about what the body is.
    let type = header.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    if type.isEmpty { return nil }
    if format == .json && type.hasSuffix("+json") { return nil }
    if accepted(for: format).contains(type) { return nil }
    if type == "text/html" || type == "application/xhtml+xml" {
      return "the server answered with a web page (\(type)) instead of \(format.rawValue) data: "
        + "probably a login or error page; check the URL and any credentials it needs"
    }
    return "the server answered with content type \(type), which cannot be \(format.rawValue) data "
      + "(expected one of \(accepted(for: format).sorted().joined(separator: ", ")))"
  }
}
