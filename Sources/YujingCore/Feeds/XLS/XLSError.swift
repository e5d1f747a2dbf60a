/// What went wrong reading an .xls workbook, where, and what the person holding the file can do.
public struct XLSError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The sheet, when the error is about one.
  public var sheet: String?
  /// The cell, e.g. `B7`, when the error is about one cell.
  public var cell: String?
  /// One line: what is wrong and what to do.
  public var message: String

  public init(sheet: String? = nil, cell: String? = nil, message: String) {
    self.sheet = sheet
    self.cell = cell
    self.message = message
  }

  public var description: String {
    var location: [String] = []
    if let sheet { location.append("sheet \(XLSXError.quoted(sheet))") }
    if let cell { location.append("cell \(cell)") }
    return location.isEmpty ? message : "\(location.joined(separator: ", ")): \(message)"
  }

  static func damaged(_ detail: String) -> XLSError {
    XLSError(
      message: "the workbook is damaged (\(detail)); copy or download the file again, or re-save it from Excel or WPS")
  }
}

/// Little-endian integers from untrusted bytes: nil past the end, never a trap.
extension Array where Element == UInt8 {
  func uint16(at offset: Int) -> UInt16? {
    guard offset >= 0, offset <= count - 2 else { return nil }
    return UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
  }

  func uint32(at offset: Int) -> UInt32? {
    guard offset >= 0, offset <= count - 4 else { return nil }
    return (0..<4).reduce(UInt32(0)) { $0 | UInt32(self[offset + $1]) << (8 * $1) }
  }

  func uint64(at offset: Int) -> UInt64? {
    guard offset >= 0, offset <= count - 8 else { return nil }
    return (0..<8).reduce(UInt64(0)) { $0 | UInt64(self[offset + $1]) << (8 * $1) }
  }
}
