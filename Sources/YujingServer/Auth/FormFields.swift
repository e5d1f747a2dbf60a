/// The fields of an `application/x-www-form-urlencoded` body, read in one pass. A repeated name
/// keeps every value; read as one string they are joined by commas (the bulk approval's ids).
struct FormFields: Sendable {
  private var values: [String: [String]] = [:]
  private(set) var count = 0

  init() {}

  /// Fields with one value each, as a form is shown filled in.
  init(_ single: [String: String]) {
    for (name, value) in single { append(value, for: name) }
  }

  /// The fields with their last value each.
  var dictionary: [String: String] { values.compactMapValues(\.last) }

  subscript(name: String) -> String? {
    get { values[name].map { $0.count == 1 ? $0[0] : $0.joined(separator: ",") } }
  }

  /// Every value of a repeated field (checkboxes of one name), in the body's order.
  func all(_ name: String) -> [String] { values[name] ?? [] }

  mutating func append(_ value: String, for name: String) {
    values[name, default: []].append(value)
    count += 1
  }

  /// Parses a body of fields; more than `maximumFields` is refused with 413.
  static func parse(_ body: some Collection<UInt8>, maximumFields: Int) throws -> FormFields {
    var fields = FormFields()
    var name: [UInt8] = []
    var value: [UInt8] = []
    var inValue = false
    func finish() throws {
      defer {
        name.removeAll(keepingCapacity: true)
        value.removeAll(keepingCapacity: true)
        inValue = false
      }
      guard !name.isEmpty || inValue else { return }
      guard fields.count < maximumFields else {
        throw BodyReader.tooLarge("the form has more than \(maximumFields) fields, the most this address takes")
      }
      fields.append(decode(value), for: decode(name))
    }
    for byte in body {
      switch byte {
      case UInt8(ascii: "&"): try finish()
      case UInt8(ascii: "=") where !inValue: inValue = true
      default: if inValue { value.append(byte) } else { name.append(byte) }
      }
    }
    try finish()
    return fields
  }

  /// `+` is a space and `%XX` a byte; a `%` not followed by two hex digits stays as it is, and
  /// bytes that are not UTF-8 become U+FFFD.
  static func decode(_ bytes: [UInt8]) -> String {
    var decoded: [UInt8] = []
    decoded.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "+") {
        decoded.append(UInt8(ascii: " "))
      } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
        let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2])
      {
        decoded.append(high << 4 | low)
        index += 2
      } else {
        decoded.append(byte)
      }
      index += 1
    }
    return String(decoding: decoded, as: UTF8.self)
  }

  private static func hex(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
