import Foundation

/// One period's figures packed in one blob (`observation_snapshot`), written beside the rows by
/// their only writer, the indicator feed run, in the run's own transaction. An evaluation reads
/// several periods (as far back as the rules look, and a projection's earlier years: eight for
/// November by default, up to two years more under a recovery rule): stepping 120,000 rows of each
/// through SQLite was half of its time at national scale (Benchmarks/README.md#the-targets); unpacking a blob is not.
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

  /// Whether a row would follow the last one in the table's key order (SQLite's BINARY order:
  /// region, then indicator, by their bytes).
  func follows(region: UnsafeBufferPointer<UInt8>, indicator: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let lastRegion = regions.last, let lastIndicator = rowIndicator.last else { return true }
    let byRegion = Self.compare(lastRegion, region)
    return byRegion < 0 || (byRegion == 0 && Self.compare(indicators[Int(lastIndicator)], indicator) < 0)
  }

  private static func compare(_ stored: [UInt8], _ code: UnsafeBufferPointer<UInt8>) -> Int {
    let common = min(stored.count, code.count)
    let order =
      common == 0 ? 0 : stored.withUnsafeBufferPointer { Int(memcmp($0.baseAddress!, code.baseAddress!, common)) }
    return order != 0 ? order : stored.count - code.count
  }

  private static func same(_ stored: [UInt8], _ code: UnsafeBufferPointer<UInt8>) -> Bool {
    guard stored.count == code.count else { return false }
    guard let bytes = code.baseAddress else { return true }
    return stored.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes, code.count) == 0 }
  }

  // MARK: - The blob

  /// Magic, three counts, the codes (length-prefixed), then each row as five variable-length
  /// integers: the region (as the step from the row before), the indicator, and the three
  /// figures (absent as 0, others zigzag + 1). A national row takes about 11 bytes instead of
  /// 32: the snapshots are written beside the rows, and their size is the ingest's cost.
  func encoded() -> [UInt8] {
    var bytes = Self.magic
    bytes.reserveCapacity(16 + rowCount * 12 + (regions.count + indicators.count) * 16)
    for count in [regions.count, indicators.count, rowCount] { Self.put(UInt64(count), into: &bytes) }
    for code in regions + indicators {
      Self.put(UInt64(code.count), into: &bytes)
      bytes += code
    }
    var region: Int64 = 0
    for row in 0..<rowCount {
      Self.put(Self.zigzag(Int64(rowRegion[row]) - region), into: &bytes)
      region = Int64(rowRegion[row])
      Self.put(UInt64(rowIndicator[row]), into: &bytes)
      Self.put(figure: value[row], into: &bytes)
      Self.put(figure: growth[row], into: &bytes)
      Self.put(figure: publishedRank[row], into: &bytes)
    }
    return bytes
  }

  /// The snapshot of a blob, or nil when the blob is not one of this version, is cut short, or
  /// names a code it does not list.
  init?(encoded bytes: UnsafeRawBufferPointer) {
    var reader = Reader(bytes: bytes)
    guard reader.take(Self.magic.count).map(Array.init) == Self.magic,
      let regionCount = reader.count(), let indicatorCount = reader.count(), let rowCount = reader.count()
    else { return nil }
    for position in 0..<(regionCount + indicatorCount) {
      guard let length = reader.count(), let code = reader.take(length) else { return nil }
      if position < regionCount { regions.append(Array(code)) } else { indicators.append(Array(code)) }
    }
    rowRegion.reserveCapacity(rowCount)
    rowIndicator.reserveCapacity(rowCount)
    value.reserveCapacity(rowCount)
    growth.reserveCapacity(rowCount)
    publishedRank.reserveCapacity(rowCount)
    var region: Int64 = 0
    for _ in 0..<rowCount {
      guard let step = reader.varint(), let indicator = reader.varint(), indicator < indicatorCount else { return nil }
      region &+= Self.unzigzag(step)
      guard region >= 0 && region < regionCount else { return nil }
      rowRegion.append(UInt32(region))
      rowIndicator.append(UInt32(indicator))
      for column in 0..<3 {
        guard let coded = reader.varint() else { return nil }
        let figure = coded == 0 ? absent : Self.unzigzag(coded - 1)
        switch column {
        case 0: value.append(figure)
        case 1: growth.append(figure)
        default: publishedRank.append(figure)
        }
      }
    }
    guard reader.atEnd else { return nil }
  }

  init() {}

  private static func zigzag(_ integer: Int64) -> UInt64 { UInt64(bitPattern: (integer << 1) ^ (integer >> 63)) }

  private static func unzigzag(_ coded: UInt64) -> Int64 {
    Int64(bitPattern: coded >> 1) ^ -Int64(bitPattern: coded & 1)
  }

  /// A figure: absent as 0, any other as its zigzag + 1 (absent is `Int64.min`, which is the
  /// only value whose zigzag + 1 would not fit).
  private static func put(figure: Int64, into bytes: inout [UInt8]) {
    put(figure == absent ? 0 : zigzag(figure) + 1, into: &bytes)
  }

  /// Seven bits a byte, low first; the high bit says another byte follows.
  private static func put(_ integer: UInt64, into bytes: inout [UInt8]) {
    var rest = integer
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  private struct Reader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var atEnd: Bool { offset == bytes.count }

    mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
      guard count >= 0, bytes.count - offset >= count else { return nil }
      defer { offset += count }
      return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    mutating func varint() -> UInt64? {
      var result: UInt64 = 0
      var shift: UInt64 = 0
      while offset < bytes.count && shift < 64 {
        let byte = bytes[offset]
        offset += 1
        result |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { return result }
        shift += 7
      }
      return nil
    }

    /// A count or a length, which must fit what is left of the blob.
    mutating func count() -> Int? {
      guard let integer = varint(), integer <= UInt64(bytes.count) else { return nil }
      return Int(integer)
    }
  }
}
