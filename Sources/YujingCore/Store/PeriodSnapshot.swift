import Foundation

/// One period's figures packed in one blob (`observation_snapshot`), written beside the rows by
/// their only writer, the indicator feed run, in the run's own transaction. An evaluation reads a
/// dozen periods (a recovery rule's hysteresis, a projection's earlier years): stepping 120,000
/// rows of each through SQLite was most of its time at national scale (DESIGN §11), unpacking a
/// blob is a copy.
///
/// The blob names its codes, so it does not depend on the configuration: it is mapped onto the
/// configuration's `SubjectIndex` when read.
struct PeriodSnapshot: Equatable {
  var regions: [[UInt8]] = []
  var indicators: [[UInt8]] = []
  /// One entry per stored row, as indexes into `regions` and `indicators`.
  var rowRegion: [UInt32] = []
  var rowIndicator: [UInt32] = []
  var value: [Int64] = []
  var growth: [Int64] = []
  /// The published rank in fixed-point units (rank × `Fixed.scale`), as the frames use it.
  var publishedRank: [Int64] = []

  var rowCount: Int { rowRegion.count }

  /// The format's first bytes; a blob of another version reads as absent, and the rows are read.
  static let magic: [UInt8] = Array("YJP1".utf8)

  /// The period's table over a configuration's subjects, or nil when none of its rows names one.
  func table(index: SubjectIndex) -> ObservationTable? {
    let regionSlots = regions.map { code in code.withUnsafeBufferPointer { index.regionBytes.find($0) } }
    let indicatorSlots = indicators.map { code in code.withUnsafeBufferPointer { index.indicatorBytes.find($0) } }
    var table = ObservationTable(slotCount: index.slotCount)
    var any = false
    for row in 0..<rowCount {
      guard let region = regionSlots[Int(rowRegion[row])], let indicator = indicatorSlots[Int(rowIndicator[row])]
      else { continue }
      let slot = index.slot(indicator: indicator, region: region)
      table.value[slot] = value[row]
      table.growth[slot] = growth[row]
      table.publishedRank[slot] = publishedRank[row]
      any = true
    }
    return any ? table : nil
  }

  // MARK: - Building, row by row in key order

  /// Adds a row. Rows come in key order (region, then indicator), so the region is new or the
  /// last one, and the indicator is most often the one that followed the last one before.
  mutating func append(
    region: UnsafeBufferPointer<UInt8>, indicator: UnsafeBufferPointer<UInt8>, value: Int64, growth: Int64,
    publishedRank: Int64
  ) {
    if regions.last.map({ !Self.same($0, region) }) ?? true { regions.append(Array(region)) }
    rowRegion.append(UInt32(regions.count - 1))
    rowIndicator.append(UInt32(intern(indicator)))
    self.value.append(value)
    self.growth.append(growth)
    self.publishedRank.append(publishedRank)
  }

  private mutating func intern(_ code: UnsafeBufferPointer<UInt8>) -> Int {
    if let last = rowIndicator.last {
      let guess = Int(last) + 1
      if guess < indicators.count && Self.same(indicators[guess], code) { return guess }
    }
    if let found = indicators.firstIndex(where: { Self.same($0, code) }) { return found }
    indicators.append(Array(code))
    return indicators.count - 1
  }

  private static func same(_ stored: [UInt8], _ code: UnsafeBufferPointer<UInt8>) -> Bool {
    guard stored.count == code.count else { return false }
    guard let bytes = code.baseAddress else { return true }
    return stored.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes, code.count) == 0 }
  }

  // MARK: - The blob

  /// Magic, three counts, the codes (length-prefixed), then the row columns; little-endian.
  func encoded() -> [UInt8] {
    var bytes = Self.magic
    bytes.reserveCapacity(16 + rowCount * 32 + (regions.count + indicators.count) * 16)
    func put(_ integer: UInt32) { withUnsafeBytes(of: integer.littleEndian) { bytes += $0 } }
    put(UInt32(regions.count))
    put(UInt32(indicators.count))
    put(UInt32(rowCount))
    for code in regions + indicators {
      put(UInt32(code.count))
      bytes += code
    }
    for column in [rowRegion, rowIndicator] { for entry in column { put(entry) } }
    for column in [value, growth, publishedRank] {
      for entry in column { withUnsafeBytes(of: entry.littleEndian) { bytes += $0 } }
    }
    return bytes
  }

  /// The snapshot of a blob, or nil when the blob is not one of this version or is cut short.
  init?(encoded bytes: UnsafeRawBufferPointer) {
    var reader = Reader(bytes: bytes)
    guard reader.take(Self.magic.count).map(Array.init) == Self.magic,
      let regionCount = reader.integer(), let indicatorCount = reader.integer(), let rowCount = reader.integer()
    else { return nil }
    for position in 0..<(Int(regionCount) + Int(indicatorCount)) {
      guard let length = reader.integer(), let code = reader.take(Int(length)) else { return nil }
      if position < regionCount { regions.append(Array(code)) } else { indicators.append(Array(code)) }
    }
    let rows = Int(rowCount)
    guard let regionColumn = reader.column(UInt32.self, rows), let indicatorColumn = reader.column(UInt32.self, rows),
      let values = reader.column(Int64.self, rows), let growths = reader.column(Int64.self, rows),
      let ranks = reader.column(Int64.self, rows), reader.atEnd,
      regionColumn.allSatisfy({ $0 < regionCount }), indicatorColumn.allSatisfy({ $0 < indicatorCount })
    else { return nil }
    (rowRegion, rowIndicator, value, growth, publishedRank) = (regionColumn, indicatorColumn, values, growths, ranks)
  }

  init() {}

  private struct Reader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var atEnd: Bool { offset == bytes.count }

    mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
      guard count >= 0, bytes.count - offset >= count else { return nil }
      defer { offset += count }
      return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    mutating func integer() -> UInt32? {
      take(4).map { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    mutating func column<T: FixedWidthInteger>(_: T.Type, _ count: Int) -> [T]? {
      guard let raw = take(count * MemoryLayout<T>.size) else { return nil }
      return (0..<count).map {
        T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self))
      }
    }
  }
}
