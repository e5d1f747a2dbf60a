import Foundation
import ZIPFoundation

/// An Excel workbook (.xlsx) read from memory: its sheet names, and each sheet on request.
///
/// Shared strings are read when the workbook is opened; a sheet's part is read and parsed each
/// time `sheet(named:)` or `sheet(at:)` is called, so keep the `XLSXSheet` rather than asking again.
public struct XLSXWorkbook: Sendable {
  private enum SheetLocation: Sendable {
    case worksheet(part: String)
    case notAWorksheet(kind: String)
    case unresolved(message: String)
  }

  /// The names of all sheets, in the order of the tabs.
  public let sheetNames: [String]
  /// Whether date serial numbers count from 1904 rather than 1900 (a workbook setting).
  public let usesDate1904: Bool
  private let locations: [SheetLocation]
  private let sharedStrings: [String]
  private let formats: [CellNumberFormat]
  private let package: XLSXPackage

  public init(data: Data) throws(XLSXError) {
    package = try XLSXPackage(data: data)
    let workbookPart = try Self.workbookPart(in: package)
    guard let workbookXML = try package.readXML(workbookPart) else {
      throw XLSXError(
        part: workbookPart,
        message:
          "the ZIP archive has no workbook part (\(workbookPart)), so it is not an Excel workbook; save the table as .xlsx from Excel or WPS"
      )
    }
    let workbook = try WorkbookDescription(parsing: workbookXML, part: workbookPart)
    let relationshipsPart = XLSXPackage.relationshipsPart(for: workbookPart)
    guard let relationshipsXML = try package.readXML(relationshipsPart) else {
      throw XLSXError(
        part: relationshipsPart,
        message:
          "the workbook has no relationships part, so its sheets cannot be found; re-save the file as .xlsx from Excel or WPS"
      )
    }
    let relationships = try XLSXRelationship.parse(relationshipsXML, part: relationshipsPart)
    sheetNames = workbook.sheets.map(\.name)
    usesDate1904 = workbook.usesDate1904
    locations = workbook.sheets.map { sheet in
      Self.locate(sheet, relationships: relationships, workbookPart: workbookPart, relationshipsPart: relationshipsPart)
    }
    let sharedStringsPart =
      relationships.first { $0.kind == "sharedStrings" && !$0.isExternal }
      .map { XLSXPackage.resolve($0.target, from: workbookPart) } ?? "xl/sharedStrings.xml"
    if let sharedStringsXML = try package.readXML(sharedStringsPart) {
      sharedStrings = try XLSXSharedStrings.parse(sharedStringsXML, part: sharedStringsPart)
    } else {
      sharedStrings = []
    }
    let stylesPart =
      relationships.first { $0.kind == "styles" && !$0.isExternal }
      .map { XLSXPackage.resolve($0.target, from: workbookPart) } ?? "xl/styles.xml"
    if let stylesXML = try package.readXML(stylesPart) {
      formats = try XLSXStyles.parse(stylesXML, part: stylesPart)
    } else {
      formats = []
    }
  }

  /// Reads the file at `url` and opens it as a workbook.
  public init(contentsOf url: URL) throws(XLSXError) {
    let data: Data
    do {
      data = try Data(contentsOf: url, options: .mappedIfSafe)
    } catch {
      throw XLSXError(
        message: "cannot read \(url.path): \(error.localizedDescription); check the path and the file's permissions")
    }
    try self.init(data: data)
  }

  public func sheet(named name: String) throws(XLSXError) -> XLSXSheet {
    guard let index = sheetNames.firstIndex(of: name) else {
      let known = sheetNames.prefix(10).map { XLSXError.quoted($0) }.joined(separator: ", ")
      throw XLSXError(
        message:
          "the workbook has no sheet named \(XLSXError.quoted(name)) (it has \(known)\(sheetNames.count > 10 ? ", …" : "")); check the sheet name configured for this feed"
      )
    }
    return try sheet(at: index)
  }

  /// Whether the sheet at `index` is a table of cells, not a chart, dialog or macro sheet.
  public func isWorksheet(at index: Int) -> Bool {
    guard locations.indices.contains(index), case .notAWorksheet = locations[index] else { return true }
    return false
  }

  /// The sheet at `index`, counting from 0 in tab order (the order of `sheetNames`).
  public func sheet(at index: Int) throws(XLSXError) -> XLSXSheet {
    guard sheetNames.indices.contains(index) else {
      throw XLSXError(
        message:
          "the workbook has \(sheetNames.count) sheet(s), so there is no sheet at index \(index) (indices count from 0); check the sheet configured for this feed"
      )
    }
    let name = sheetNames[index]
    switch locations[index] {
    case .unresolved(let message):
      throw XLSXError(message: "sheet \(XLSXError.quoted(name)) \(message)")
    case .notAWorksheet(let kind):
      throw XLSXError(
        message: "sheet \(XLSXError.quoted(name)) is a \(kind), not a table of cells; choose a worksheet for this feed")
    case .worksheet(let part):
      guard let xml = try package.readXML(part) else {
        throw XLSXError(
          part: part,
          message:
            "sheet \(XLSXError.quoted(name)) points to \(part), which is missing from the file; the file is damaged — re-save it as .xlsx from Excel or WPS"
        )
      }
      var sheet = try XLSXSheet(parsing: xml, part: part, name: name, sharedStrings: sharedStrings, formats: formats)
      sheet.usesDate1904 = usesDate1904
      return sheet
    }
  }

  // MARK: - Locating parts

  /// The package relationships name the workbook part; `xl/workbook.xml` is where every known
  /// writer puts it, so it is the answer when they do not.
  private static func workbookPart(in package: XLSXPackage) throws(XLSXError) -> String {
    let rootRelationships = "_rels/.rels"
    guard let xml = try package.readXML(rootRelationships) else { return "xl/workbook.xml" }
    let relationships = try XLSXRelationship.parse(xml, part: rootRelationships)
    guard let main = relationships.first(where: { $0.kind == "officeDocument" && !$0.isExternal }) else {
      return "xl/workbook.xml"
    }
    return XLSXPackage.resolve(main.target, from: "")
  }

  private static func locate(
    _ sheet: WorkbookDescription.Sheet, relationships: [XLSXRelationship], workbookPart: String,
    relationshipsPart: String
  ) -> SheetLocation {
    guard let id = sheet.relationshipID else {
      return .unresolved(
        message:
          "has no relationship id (r:id) in \(workbookPart), so its part cannot be found; re-save the file as .xlsx from Excel or WPS"
      )
    }
    guard let relationship = relationships.first(where: { $0.id == id }), !relationship.isExternal else {
      return .unresolved(
        message:
          "refers to relationship \(XLSXError.quoted(id)), which \(relationshipsPart) does not define; re-save the file as .xlsx from Excel or WPS"
      )
    }
    switch relationship.kind {
    case "chartsheet": return .notAWorksheet(kind: "chart sheet")
    case "dialogsheet": return .notAWorksheet(kind: "dialog sheet")
    case "xlMacrosheet", "xlIntlMacrosheet": return .notAWorksheet(kind: "macro sheet")
    default: return .worksheet(part: XLSXPackage.resolve(relationship.target, from: workbookPart))
    }
  }
}

// MARK: - Package

/// The ZIP container of an XLSX file, read with bounds checks on every offset it holds.
///
/// ZIPFoundation's `Archive` trusts the offsets in the central directory (an offset past the end
/// of an in-memory archive traps), and its raw inflate loop never ends on a truncated stream, so
/// the directory is read here and ZIPFoundation is used for inflating and checksums only, with
/// input it cannot overrun.
struct XLSXPackage: Sendable {
  private struct Entry: Sendable {
    var method: UInt16
    var flags: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
  }

  private let data: Data
  private let entries: [String: Entry]
  /// Part names are case-insensitive in OPC, and some writers differ in case between a
  /// relationship target and the ZIP entry.
  private let namesByFoldedName: [String: String]

  init(data: Data) throws(XLSXError) {
    self.data = data
    let (count, directoryOffset) = try Self.centralDirectory(in: data)
    var entries: [String: Entry] = [:]
    var folded: [String: String] = [:]
    var cursor = directoryOffset
    var number: UInt64 = 0
    while number < count {
      number += 1
      guard data.uint32(at: cursor) == 0x0201_4B50, let nameLength = data.uint16(at: cursor + 28),
        let extraLength = data.uint16(at: cursor + 30), let commentLength = data.uint16(at: cursor + 32),
        let nameBytes = data.bytes(at: cursor + 46, count: Int(nameLength)),
        let extra = data.bytes(at: cursor + 46 + Int(nameLength), count: Int(extraLength))
      else {
        throw Self.damaged("entry \(number) of its directory is cut off or garbled")
      }
      var entry = Entry(
        method: data.uint16(at: cursor + 10) ?? 0, flags: data.uint16(at: cursor + 8) ?? 0,
        crc32: data.uint32(at: cursor + 16) ?? 0, compressedSize: UInt64(data.uint32(at: cursor + 20) ?? 0),
        uncompressedSize: UInt64(data.uint32(at: cursor + 24) ?? 0),
        localHeaderOffset: UInt64(data.uint32(at: cursor + 42) ?? 0))
      Self.applyZIP64Extra(extra, to: &entry)
      cursor += 46 + Int(nameLength) + Int(extraLength) + Int(commentLength)
      var name = String(decoding: nameBytes, as: UTF8.self).replacingOccurrences(of: "\\", with: "/")
      while name.hasPrefix("/") { name.removeFirst() }
      guard !name.isEmpty, !name.hasSuffix("/"), entries[name] == nil else { continue }
      entries[name] = entry
      folded[name.lowercased()] = folded[name.lowercased()] ?? name
    }
    self.entries = entries
    namesByFoldedName = folded
  }

  /// Reads a part as UTF-8 XML; nil when the package has no such part.
  func readXML(_ part: String) throws(XLSXError) -> [UInt8]? {
    guard let bytes = try read(part) else { return nil }
    // OPC allows UTF-16 parts; no spreadsheet writer seen produces them, but they cost little.
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let (high, low) = bytes[0] == 0xFE ? (0, 1) : (1, 0)
      let units = stride(from: 2, to: bytes.count - 1, by: 2).map { (index: Int) -> UInt16 in
        let highByte = UInt16(bytes[index + high])
        return highByte << 8 | UInt16(bytes[index + low])
      }
      return Array(String(decoding: units, as: UTF16.self).utf8)
    }
    return bytes
  }

  /// The uncompressed bytes of a part, checked against the sizes and checksum the archive
  /// records; nil when the package has no such part.
  func read(_ part: String) throws(XLSXError) -> [UInt8]? {
    guard let name = entries[part] != nil ? part : namesByFoldedName[part.lowercased()], let entry = entries[name]
    else { return nil }
    guard entry.uncompressedSize <= XLSXLimits.maximumPartSize else {
      throw XLSXError(
        part: name,
        message:
          "the part is \(entry.uncompressedSize >> 20) MB uncompressed, more than the \(XLSXLimits.maximumPartSize >> 20) MB this reader accepts (too large); check that this is the statistics table"
      )
    }
    guard entry.flags & 1 == 0 else {
      throw XLSXError(
        part: name, message: "the part is encrypted; remove the password and save the table as .xlsx from Excel or WPS")
    }
    guard entry.localHeaderOffset <= UInt64(data.count), data.uint32(at: Int(entry.localHeaderOffset)) == 0x0403_4B50,
      let nameLength = data.uint16(at: Int(entry.localHeaderOffset) + 26),
      let extraLength = data.uint16(at: Int(entry.localHeaderOffset) + 28)
    else {
      throw Self.damaged("the part's local header is missing", part: name)
    }
    let start = Int(entry.localHeaderOffset) + 30 + Int(nameLength) + Int(extraLength)
    guard entry.compressedSize <= UInt64(data.count), start <= data.count - Int(entry.compressedSize) else {
      throw Self.damaged("the part runs past the end of the file: the file is truncated", part: name)
    }
    let stored = data[(data.startIndex + start)..<(data.startIndex + start + Int(entry.compressedSize))]
    let bytes: [UInt8]
    let checksum: CRC32
    switch entry.method {
    case 0:
      guard entry.compressedSize == entry.uncompressedSize else {
        throw Self.damaged("the part's recorded sizes disagree", part: name)
      }
      bytes = [UInt8](stored)
      checksum = stored.crc32(checksum: 0)
    case 8:
      (bytes, checksum) = try Self.inflate(stored, expectedSize: Int(entry.uncompressedSize), part: name)
    default:
      throw XLSXError(
        part: name,
        message:
          "the part is compressed with ZIP method \(entry.method), which this reader does not support; re-save the file as .xlsx from Excel or WPS"
      )
    }
    guard bytes.count == Int(entry.uncompressedSize), checksum == entry.crc32 else {
      throw Self.damaged("the part fails its checksum", part: name)
    }
    return bytes
  }

  /// Inflates with ZIPFoundation, feeding it chunks of exactly the size it asks for (on Linux it
  /// tells zlib every chunk is full, so a short one would be over-read) and failing once the
  /// stored bytes are used up (otherwise a truncated stream is asked for more forever).
  private static func inflate(
    _ stored: Data, expectedSize: Int, part: String
  ) throws(XLSXError) -> ([UInt8], CRC32) {
    guard expectedSize > 0 else { return ([], 0) }
    var output: [UInt8] = []
    output.reserveCapacity(min(expectedSize, 16 << 20))
    var offset = stored.startIndex
    do {
      let checksum = try Data.decompress(
        size: Int64(stored.count), bufferSize: 64 << 10, skipCRC32: false,
        provider: { _, requested in
          guard offset < stored.endIndex, requested > 0 else {
            throw damaged("the part's compressed data is cut short", part: part)
          }
          let end = min(offset + requested, stored.endIndex)
          var chunk = stored.subdata(in: offset..<end)
          offset = end
          if chunk.count < requested { chunk.append(Data(count: requested - chunk.count)) }
          return chunk
        },
        consumer: { chunk in
          guard output.count + chunk.count <= expectedSize else {
            throw damaged("the part inflates to more than its recorded size", part: part)
          }
          chunk.withUnsafeBytes { output.append(contentsOf: $0.bindMemory(to: UInt8.self)) }
        })
      return (output, checksum)
    } catch let error as XLSXError {
      throw error
    } catch {
      throw damaged("the part's compressed data is corrupt", part: part)
    }
  }

  /// Finds the end-of-central-directory record (and its ZIP64 form), telling apart the files
  /// people most often mistake for .xlsx.
  private static func centralDirectory(in data: Data) throws(XLSXError) -> (count: UInt64, offset: Int) {
    let lowest = max(0, data.count - 22 - 0xFFFF)
    var record = data.count - 22
    while record >= lowest, data.uint32(at: record) != 0x0605_4B50 { record -= 1 }
    guard record >= lowest, let count16 = data.uint16(at: record + 10), let offset32 = data.uint32(at: record + 16)
    else {
      throw notAZIP(data)
    }
    guard data.uint16(at: record + 4) == 0 || data.uint16(at: record + 4) == 0xFFFF else {
      throw XLSXError(
        message: "the file is one volume of a split ZIP archive; save the table as a single .xlsx from Excel or WPS")
    }
    var count = UInt64(count16)
    var offset = UInt64(offset32)
    if count16 == 0xFFFF || offset32 == 0xFFFF_FFFF, data.uint32(at: record - 20) == 0x0706_4B50,
      let zip64Record = data.uint64(at: record - 12), zip64Record < UInt64(data.count),
      data.uint32(at: Int(zip64Record)) == 0x0606_4B50, let count64 = data.uint64(at: Int(zip64Record) + 32),
      let offset64 = data.uint64(at: Int(zip64Record) + 48)
    {
      count = count64
      offset = offset64
    }
    guard offset < UInt64(data.count) else {
      throw damaged("its directory lies past the end of the file: the file is truncated")
    }
    return (count, Int(offset))
  }

  private static func notAZIP(_ data: Data) -> XLSXError {
    let head = [UInt8](data.prefix(64))
    if data.isEmpty {
      return XLSXError(message: "the file is empty; ask for the table again, saved as .xlsx from Excel or WPS")
    }
    if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      return damaged("its end is missing: the file is truncated")
    }
    if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
      return XLSXError(
        message:
          "not an XLSX file: this is an old .xls workbook or a password-protected .xlsx; remove any password and save the table as .xlsx from Excel or WPS"
      )
    }
    if head.drop(while: { XMLScanner.isWhitespace($0) || [0xEF, 0xBB, 0xBF].contains($0) }).first == UInt8(ascii: "<") {
      return XLSXError(
        message:
          "not an XLSX file: this is a text file (an HTML page or XML) named like a workbook; open it in Excel or WPS and save it as .xlsx"
      )
    }
    return XLSXError(message: "not an XLSX file (not a ZIP archive); save the table as .xlsx from Excel or WPS")
  }

  private static func damaged(_ detail: String, part: String? = nil) -> XLSXError {
    XLSXError(
      part: part,
      message:
        "the ZIP archive is damaged (\(detail)); copy or download the file again, or re-save it from Excel or WPS")
  }

  /// Sizes and offsets too large for the classic fields are in the ZIP64 extra field, in this
  /// order and only for the fields that hold 0xFFFFFFFF.
  private static func applyZIP64Extra(_ extra: Data, to entry: inout Entry) {
    var cursor = 0
    while let id = extra.uint16(at: cursor), let size = extra.uint16(at: cursor + 2) {
      guard id == 1 else {
        cursor += 4 + Int(size)
        continue
      }
      var field = cursor + 4
      let end = field + Int(size)
      for keyPath in [\Entry.uncompressedSize, \Entry.compressedSize, \Entry.localHeaderOffset]
      where entry[keyPath: keyPath] == 0xFFFF_FFFF {
        guard field + 8 <= end, let value = extra.uint64(at: field) else { return }
        entry[keyPath: keyPath] = value
        field += 8
      }
      return
    }
  }

  // MARK: Part names

  /// Where a relationship target points: relative to the folder of the part that holds the
  /// relationship, or from the package root when it starts with `/`.
  static func resolve(_ target: String, from sourcePart: String) -> String {
    var segments: [Substring] = []
    if !target.hasPrefix("/") {
      segments = sourcePart.split(separator: "/", omittingEmptySubsequences: true).dropLast()
    }
    let path = target.removingPercentEncoding ?? target
    for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch segment {
      case ".": continue
      case "..": _ = segments.popLast()
      default: segments.append(segment)
      }
    }
    return segments.joined(separator: "/")
  }

  /// `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
  static func relationshipsPart(for part: String) -> String {
    var segments = part.split(separator: "/").map(String.init)
    let file = segments.popLast() ?? ""
    return (segments + ["_rels", file + ".rels"]).joined(separator: "/")
  }
}

extension Data {
  /// Little-endian integers at an offset from the start, nil past the end: offsets read from a
  /// ZIP file are not to be trusted.
  fileprivate func uint16(at offset: Int) -> UInt16? { integer(at: offset, width: 2).map { UInt16($0) } }
  fileprivate func uint32(at offset: Int) -> UInt32? { integer(at: offset, width: 4).map { UInt32($0) } }
  fileprivate func uint64(at offset: Int) -> UInt64? { integer(at: offset, width: 8) }

  fileprivate func bytes(at offset: Int, count length: Int) -> Data? {
    guard offset >= 0, length >= 0, offset <= count - length else { return nil }
    return self[(startIndex + offset)..<(startIndex + offset + length)]
  }

  private func integer(at offset: Int, width: Int) -> UInt64? {
    guard offset >= 0, offset <= count - width else { return nil }
    var value: UInt64 = 0
    for byte in self[(startIndex + offset)..<(startIndex + offset + width)].reversed() {
      value = value << 8 | UInt64(byte)
    }
    return value
  }
}
