import Foundation

/// `multipart/form-data` (RFC 7578), as a browser sends a form with a file: the 整改 report's
/// attachment. Only what such a form needs: named fields, and files with their names.
enum Multipart {
  struct File: Sendable {
    var fileName: String
    var data: Data
  }

  /// The boundary of a `multipart/form-data` content type, or nil for any other type.
  static func boundary(contentType: String) -> String? {
    let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
    for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
      var value = String(part.dropFirst("boundary=".count))
      if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
        value = String(value.dropFirst().dropLast())
      }
      return value.isEmpty || value.count > 70 ? nil : value
    }
    return nil
  }

  /// The fields and files of a body; a malformed body gives what could be read before the fault.
  static func parse(_ body: Data, boundary: String) -> (fields: [String: String], files: [String: File]) {
    var fields: [String: String] = [:]
    var files: [String: File] = [:]
    let delimiter = Data("--\(boundary)".utf8)
    let separator = Data("\r\n\r\n".utf8)
    var position = body.startIndex
    guard let first = body.range(of: delimiter, in: position..<body.endIndex) else { return (fields, files) }
    position = first.upperBound
    while position < body.endIndex {
      // After a delimiter: "--" ends the body, CRLF starts a part.
      if body[position...].starts(with: Data("--".utf8)) { break }
      guard body[position...].starts(with: Data("\r\n".utf8)) else { break }
      let headerStart = position + 2
      guard let headerEnd = body.range(of: separator, in: headerStart..<body.endIndex),
        let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<body.endIndex)
      else { break }
      let headers = String(decoding: body[headerStart..<headerEnd.lowerBound], as: UTF8.self)
      let content = body[headerEnd.upperBound..<next.lowerBound]
      if let disposition = headers.split(separator: "\r\n").first(where: {
        $0.lowercased().hasPrefix("content-disposition:")
      }) {
        let parameters = Self.parameters(String(disposition))
        if let name = parameters["name"] {
          if let fileName = parameters["filename"] {
            if !fileName.isEmpty { files[name] = File(fileName: fileName, data: Data(content)) }
          } else {
            fields[name] = String(decoding: content, as: UTF8.self)
          }
        }
      }
      position = next.upperBound
    }
    return (fields, files)
  }

  /// `name="text"; filename="报告.pdf"` → ["name": "text", "filename": "报告.pdf"].
  static func parameters(_ disposition: String) -> [String: String] {
    var result: [String: String] = [:]
    for item in disposition.split(separator: ";").dropFirst() {
      let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard pair.count == 2 else { continue }
      var value = pair[1]
      if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
        value = String(value.dropFirst().dropLast())
      }
      // A file name keeps only its last path component: a browser may send a full path.
      if pair[0].lowercased() == "filename" {
        value = String(value.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
      }
      result[pair[0].lowercased()] = value
    }
    return result
  }
}
