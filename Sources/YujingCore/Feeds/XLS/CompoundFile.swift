/// The compound file (OLE2) container of an .xls workbook (and of a WPS .et file): a small file
/// system of fixed-size sectors, a sector allocation table chaining them into streams, and a
/// directory naming the streams. Only reading is needed, and only of one stream by name.
///
/// Every number in the file is checked before it is used: a sector index past the end, a chain
/// that loops, a size larger than its chain, a directory tree that loops, each is an error, so a
/// damaged or hostile file costs time in proportion to its size and nothing more.
struct CompoundFile {
  static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

  private static let endOfChain: UInt32 = 0xFFFF_FFFE
  private static let freeSector: UInt32 = 0xFFFF_FFFF
  private static let lastRegularSector: UInt32 = 0xFFFF_FFFA

  struct Entry {
    var name: String
    /// 1 storage, 2 stream, 5 root.
    var type: UInt8
    var left: UInt32
    var right: UInt32
    var child: UInt32
    var start: UInt32
    var size: UInt64
  }

  private let bytes: [UInt8]
  private let sectorSize: Int
  private let miniSectorSize: Int
  private let miniStreamCutoff: UInt64
  private let fat: [UInt32]
  private var miniFAT: [UInt32] = []
  private var miniStream: [UInt8] = []
  let entries: [Entry]

  init(bytes: [UInt8]) throws(XLSError) {
    self.bytes = bytes
    guard bytes.count >= 512, Array(bytes[0..<8]) == Self.signature else {
      throw XLSError(
        message: "not an .xls workbook (no compound-file signature); save the table as .xls or .xlsx from Excel or WPS")
    }
    guard let shift = bytes.uint16(at: 0x1E), shift == 9 || shift == 12, bytes.uint16(at: 0x20) == 6 else {
      throw XLSError.damaged("its header gives a sector size no writer uses")
    }
    sectorSize = 1 << Int(shift)
    miniSectorSize = 64
    miniStreamCutoff = UInt64(bytes.uint32(at: 0x38) ?? 4096)
    let sectorCount = max(
      0, (bytes.count - sectorSize) / sectorSize + ((bytes.count - sectorSize) % sectorSize > 0 ? 1 : 0))

    // The sector allocation table's own sectors: 109 listed in the header, the rest in a chain of
    // DIFAT sectors, each ending with the index of the next.
    var fatSectors: [UInt32] = []
    for index in 0..<109 {
      let sector = bytes.uint32(at: 0x4C + index * 4) ?? Self.freeSector
      if sector <= Self.lastRegularSector { fatSectors.append(sector) }
    }
    var difat = bytes.uint32(at: 0x44) ?? Self.endOfChain
    var difatSeen = 0
    let perSector = sectorSize / 4
    while difat <= Self.lastRegularSector {
      difatSeen += 1
      guard difatSeen <= sectorCount, let base = Self.offset(of: difat, sectorSize: sectorSize, in: bytes) else {
        throw XLSError.damaged("its table of allocation sectors points outside the file or loops")
      }
      for index in 0..<(perSector - 1) {
        let sector = bytes.uint32(at: base + index * 4) ?? Self.freeSector
        if sector <= Self.lastRegularSector { fatSectors.append(sector) }
      }
      difat = bytes.uint32(at: base + (perSector - 1) * 4) ?? Self.endOfChain
    }
    guard fatSectors.count <= sectorCount + 1 else {
      throw XLSError.damaged("it lists more allocation sectors than the file holds")
    }
    var fat: [UInt32] = []
    fat.reserveCapacity(fatSectors.count * perSector)
    for sector in fatSectors {
      guard let base = Self.offset(of: sector, sectorSize: sectorSize, in: bytes) else {
        throw XLSError.damaged("an allocation sector lies outside the file: the file is truncated")
      }
      for index in 0..<perSector { fat.append(bytes.uint32(at: base + index * 4) ?? Self.freeSector) }
    }
    self.fat = fat

    let directory = try Self.chain(
      from: bytes.uint32(at: 0x30) ?? Self.endOfChain, fat: fat, sectorSize: sectorSize, bytes: bytes,
      what: "the directory")
    var entries: [Entry] = []
    var offset = 0
    while offset + 128 <= directory.count {
      let record = Array(directory[offset..<offset + 128])
      offset += 128
      let nameLength = min(64, Int(record.uint16(at: 0x40) ?? 0))
      var units: [UInt16] = []
      var index = 0
      while index + 1 < nameLength {
        let unit = record.uint16(at: index) ?? 0
        if unit == 0 { break }
        units.append(unit)
        index += 2
      }
      let size =
        (shift == 9 ? UInt64(record.uint32(at: 0x78) ?? 0) : record.uint64(at: 0x78) ?? 0)
      entries.append(
        Entry(
          name: String(decoding: units, as: UTF16.self), type: record[0x42],
          left: record.uint32(at: 0x44) ?? Self.freeSector,
          right: record.uint32(at: 0x48) ?? Self.freeSector, child: record.uint32(at: 0x4C) ?? Self.freeSector,
          start: record.uint32(at: 0x74) ?? Self.endOfChain, size: size))
    }
    guard let root = entries.first, root.type == 5 else {
      throw XLSError.damaged("its directory has no root entry")
    }
    self.entries = entries
    if root.size > 0 {
      miniStream = try Self.chain(
        from: root.start, fat: fat, sectorSize: sectorSize, bytes: bytes, what: "the small-stream area")
      let miniFATBytes = try Self.chain(
        from: bytes.uint32(at: 0x3C) ?? Self.endOfChain, fat: fat, sectorSize: sectorSize, bytes: bytes,
        what: "the small-stream table")
      miniFAT = stride(from: 0, to: miniFATBytes.count - 3, by: 4).map {
        miniFATBytes.uint32(at: $0) ?? Self.freeSector
      }
    }
  }

  /// The names of the streams and storages directly under the root, with their entries.
  func rootChildren() throws(XLSError) -> [Entry] {
    var found: [Entry] = []
    var stack: [UInt32] = [entries[0].child]
    var seen = Set<UInt32>()
    while let index = stack.popLast() {
      guard index <= Self.lastRegularSector else { continue }
      guard Int(index) < entries.count, seen.insert(index).inserted else {
        throw XLSError.damaged("its directory tree points outside itself or loops")
      }
      let entry = entries[Int(index)]
      found.append(entry)
      stack.append(entry.left)
      stack.append(entry.right)
    }
    return found
  }

  /// The bytes of a stream directly under the root, by name (compared without case, as the
  /// format says); nil when there is none.
  func stream(named name: String, maximumSize: Int) throws(XLSError) -> [UInt8]? {
    guard let entry = try rootChildren().first(where: { $0.type == 2 && $0.name.lowercased() == name.lowercased() })
    else { return nil }
    guard entry.size <= UInt64(maximumSize) else {
      throw XLSError(
        message:
          "the \(name) stream is \(entry.size >> 20) MB, more than the \(maximumSize >> 20) MB this reader accepts (too large); check that this is the statistics table"
      )
    }
    let size = Int(entry.size)
    let data: [UInt8]
    if entry.size < miniStreamCutoff {
      data = try miniChain(from: entry.start, size: size)
    } else {
      data = try Self.chain(
        from: entry.start, fat: fat, sectorSize: sectorSize, bytes: bytes, what: "the \(name) stream")
    }
    guard data.count >= size else {
      throw XLSError.damaged("the \(name) stream is shorter than its directory entry says: the file is truncated")
    }
    return Array(data.prefix(size))
  }

  private static func offset(of sector: UInt32, sectorSize: Int, in bytes: [UInt8]) -> Int? {
    guard sector <= lastRegularSector else { return nil }
    let offset = (Int(sector) + 1) * sectorSize
    return offset + sectorSize <= bytes.count ? offset : nil
  }

  /// The sectors of a chain, concatenated. A chain longer than the table is a loop.
  private static func chain(
    from start: UInt32, fat: [UInt32], sectorSize: Int, bytes: [UInt8], what: String
  ) throws(XLSError) -> [UInt8] {
    var output: [UInt8] = []
    var sector = start
    var steps = 0
    while sector != endOfChain {
      steps += 1
      guard steps <= fat.count, Int(sector) < fat.count,
        let offset = offset(of: sector, sectorSize: sectorSize, in: bytes)
      else {
        throw XLSError.damaged("\(what) runs outside the file or loops: the file is truncated or damaged")
      }
      output.append(contentsOf: bytes[offset..<offset + sectorSize])
      sector = fat[Int(sector)]
    }
    return output
  }

  private func miniChain(from start: UInt32, size: Int) throws(XLSError) -> [UInt8] {
    var output: [UInt8] = []
    var sector = start
    var steps = 0
    while sector != Self.endOfChain && output.count < size {
      steps += 1
      let offset = Int(sector) * miniSectorSize
      guard steps <= miniFAT.count, Int(sector) < miniFAT.count, offset + miniSectorSize <= miniStream.count else {
        throw XLSError.damaged("a small stream runs outside its area or loops")
      }
      output.append(contentsOf: miniStream[offset..<offset + miniSectorSize])
      sector = miniFAT[Int(sector)]
    }
    return output
  }
}
