import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `multipart/form-data` (RFC 7578), as a browser sends a form with a file: the 整改 report's
/// attachment. Only what such a form needs: named fields, and files with their names.
enum Multipart {
  struct File: Sendable {
    var fileName: String
    var data: Data
  }

  /// A part's headers are a few lines; a longer block is not a browser's.
  static let maximumHeaderBytes = 8 << 10

  /// The boundary of a `multipart/form-data` content type, or nil for any other type.
  static func boundary(contentType: String) -> String? {
    let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
    for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
      var value = String(part.dropFirst("boundary=".count))
      if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
        value = String(value.dropFirst().dropLast())
      }
      return value.isEmpty || value.utf8.count > 70 ? nil : value
    }
    return nil
  }

  /// The fields and files of a body; a malformed body gives what could be read before the fault.
  /// One pass: each search starts where the last ended, so the time grows with the body's size
  /// alone. More parts or fields than `limits` allows, or a part's headers over
  /// `maximumHeaderBytes`, is refused with 413.
  static func parse(_ bytes: [UInt8], boundary: String, limits: BodyReader.Limits) throws -> (
    fields: FormFields, files: [String: File]
  ) {
    var fields = FormFields()
    var files: [String: File] = [:]
    let delimiter = Array("\r\n--\(boundary)".utf8)
    // The first delimiter may open the body, without the CRLF before it.
    guard var position = find(Array(delimiter.dropFirst(2)), in: bytes, from: 0).map({ $0 + delimiter.count - 2 })
    else { return (fields, files) }
    var parts = 0
    while position + 2 <= bytes.count {
      // After a delimiter: "--" ends the body, CRLF starts a part.
      if bytes[position] == UInt8(ascii: "-") && bytes[position + 1] == UInt8(ascii: "-") { break }
      guard bytes[position] == 0x0D && bytes[position + 1] == 0x0A else { break }
      parts += 1
      guard parts <= limits.parts else {
        throw BodyReader.tooLarge("the form has more than \(limits.parts) parts, the most this address takes")
      }
      let headerStart = position + 2
      let headerWindow = min(bytes.count, headerStart + maximumHeaderBytes + 4)
      guard let headerEnd = find(Array("\r\n\r\n".utf8), in: bytes, from: headerStart, upTo: headerWindow) else {
        if headerWindow < bytes.count {
          throw BodyReader.tooLarge("a part's headers are over \(maximumHeaderBytes) bytes")
        }
        break
      }
      let contentStart = headerEnd + 4
      guard let next = find(delimiter, in: bytes, from: contentStart) else { break }
      let headers = String(decoding: bytes[headerStart..<headerEnd], as: UTF8.self)
      if let disposition = headers.split(separator: "\r\n").first(where: {
        $0.lowercased().hasPrefix("content-disposition:")
      }) {
        let parameters = Self.parameters(String(disposition))
        if let name = parameters["name"] {
          guard fields.count + files.count < limits.fields else {
            throw BodyReader.tooLarge("the form has more than \(limits.fields) fields, the most this address takes")
          }
          if let fileName = parameters["filename"] {
            if !fileName.isEmpty { files[name] = File(fileName: fileName, data: Data(bytes[contentStart..<next])) }
          } else {
            fields.append(String(decoding: bytes[contentStart..<next], as: UTF8.self), for: name)
          }
        }
      }
      position = next + delimiter.count
    }
    return (fields, files)
  }

  /// Where `needle` next occurs in `bytes` at or after `start` (and ending by `end`). Each byte is
  /// passed over by `memchr` and compared at most `needle.count` times (a delimiter is at most 74
  /// bytes), so the search is linear in what it passes.
  static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int, upTo end: Int? = nil) -> Int? {
    let end = end ?? bytes.count
    guard let first = needle.first, start <= end, end - start >= needle.count else { return nil }
    return bytes.withUnsafeBytes { haystack -> Int? in
      needle.withUnsafeBytes { pattern -> Int? in
        guard let base = haystack.baseAddress, let patternBase = pattern.baseAddress else { return nil }
        var position = start
        let last = end - needle.count
        while position <= last {
          guard let found = memchr(base + position, Int32(first), last - position + 1) else { return nil }
          let offset = base.distance(to: UnsafeRawPointer(found))
          if memcmp(base + offset, patternBase, needle.count) == 0 { return offset }
          position = offset + 1
        }
        return nil
      }
    }
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
