/// The records of a BIFF8 stream: a type, a length and up to 8224 bytes each. Text too long for
/// one record goes on in CONTINUE records, and a string split there starts again with its own
/// flags byte, so strings are read through `BIFFText`, which knows where the records end.
struct BIFFRecord {
  var type: UInt16
  var offset: Int
  var data: [UInt8]
  /// The data of the CONTINUE records that follow it.
  var continuations: [[UInt8]] = []

  static let bof: UInt16 = 0x0809
  static let eof: UInt16 = 0x000A
  static let continueRecord: UInt16 = 0x003C
  static let boundSheet: UInt16 = 0x0085
  static let sharedStrings: UInt16 = 0x00FC
  static let format: UInt16 = 0x041E
  static let extendedFormat: UInt16 = 0x00E0
  static let dateMode: UInt16 = 0x0022
  static let filePass: UInt16 = 0x002F
  static let number: UInt16 = 0x0203
  static let rk: UInt16 = 0x027E
  static let mulRK: UInt16 = 0x00BD
  static let labelSST: UInt16 = 0x00FD
  static let label: UInt16 = 0x0204
  static let boolErr: UInt16 = 0x0205
  static let formula: UInt16 = 0x0006
  static let string: UInt16 = 0x0207
  static let mergedCells: UInt16 = 0x00E5
}

/// Reads records one after another from a stream, each with its CONTINUE records.
struct BIFFReader {
  private let bytes: [UInt8]
  private(set) var offset: Int

  init(bytes: [UInt8], offset: Int = 0) {
    self.bytes = bytes
    self.offset = offset
  }

  /// The next record; nil at the end of the stream.
  mutating func next() throws(XLSError) -> BIFFRecord? {
    guard offset + 4 <= bytes.count else { return nil }
    var record = try read()
    while offset + 4 <= bytes.count, bytes.uint16(at: offset) == BIFFRecord.continueRecord {
      record.continuations.append(try read().data)
    }
    return record
  }

  private mutating func read() throws(XLSError) -> BIFFRecord {
    let start = offset
    guard let type = bytes.uint16(at: offset), let length = bytes.uint16(at: offset + 2) else {
      throw XLSError.damaged("a record is cut off")
    }
    guard offset + 4 + Int(length) <= bytes.count else {
      throw XLSError.damaged("a record runs past the end of the workbook stream: the file is truncated")
    }
    let data = Array(bytes[(offset + 4)..<(offset + 4 + Int(length))])
    offset += 4 + Int(length)
    return BIFFRecord(type: type, offset: start, data: data)
  }
}

/// A cursor over a record's data and its continuations, for the strings of BIFF8: a count of
/// characters, a flags byte (bit 0: two bytes a character; bit 2: an extended part; bit 3: rich
/// text runs), then the characters, which may go on in the next CONTINUE record after a new
/// flags byte.
struct BIFFText {
  private let segments: [[UInt8]]
  private var segment = 0
  private var position: Int

  init(_ record: BIFFRecord, from position: Int = 0) {
    segments = [record.data] + record.continuations
    self.position = position
  }

  var isAtEnd: Bool {
    var index = segment
    var at = position
    while index < segments.count {
      if at < segments[index].count { return false }
      index += 1
      at = 0
    }
    return true
  }

  mutating func byte() throws(XLSError) -> UInt8 {
    while segment < segments.count && position >= segments[segment].count {
      segment += 1
      position = 0
    }
    guard segment < segments.count else { throw XLSError.damaged("a string runs past its record") }
    defer { position += 1 }
    return segments[segment][position]
  }

  mutating func uint16() throws(XLSError) -> UInt16 {
    UInt16(try byte()) | UInt16(try byte()) << 8
  }

  mutating func uint32() throws(XLSError) -> UInt32 {
    UInt32(try uint16()) | UInt32(try uint16()) << 16
  }

  mutating func skip(_ count: Int) throws(XLSError) {
    for _ in 0..<count { _ = try byte() }
  }

  /// A string with a one-byte (`short`) or two-byte character count, its flags and its
  /// characters, skipping its rich-text runs and extended part.
  mutating func string(shortCount: Bool = false) throws(XLSError) -> String {
    let count = shortCount ? Int(try byte()) : Int(try uint16())
    let flags = try byte()
    let runs = flags & 0x08 != 0 ? Int(try uint16()) : 0
    let extended = flags & 0x04 != 0 ? Int(try uint32()) : 0
    var wide = flags & 0x01 != 0
    var units: [UInt16] = []
    units.reserveCapacity(min(count, 8224))
    while units.count < count {
      if position >= (segment < segments.count ? segments[segment].count : 0) {
        // The characters go on in the next record, which starts with its own flags byte.
        segment += 1
        position = 0
        guard segment < segments.count, !segments[segment].isEmpty else {
          throw XLSError.damaged("a string runs past its record")
        }
        wide = segments[segment][0] & 0x01 != 0
        position = 1
        continue
      }
      units.append(wide ? try uint16() : UInt16(try byte()))
    }
    try skip(runs * 4 + extended)
    return String(decoding: units, as: UTF16.self)
  }
}
