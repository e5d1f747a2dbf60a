/// The style part (`xl/styles.xml`) as far as figures need it: the number format of each cell
/// style. A cell's `s` attribute is an index into `cellXfs`; each `xf` names a format by number,
/// either one the workbook defines in `numFmts` or one of Excel's built-in ones.
enum XLSXStyles {
  static func parse(_ xml: [UInt8], part: String) throws(XLSXError) -> [CellNumberFormat] {
    var scanner = XMLScanner(bytes: xml, part: part)
    var custom: [Int: String] = [:]
    var formatIDs: [Int?] = []
    var cellXfsDepth: Int?
    while true {
      switch try scanner.next() {
      case .startElement:
        if scanner.isElement("numFmt"), let id = scanner.attribute("numFmtId").flatMap({ Int($0) }) {
          custom[id] = scanner.attribute("formatCode") ?? ""
        } else if scanner.depth == 2 && scanner.isElement("cellXfs") {
          cellXfsDepth = scanner.depth
        } else if let depth = cellXfsDepth, scanner.depth == depth + 1, scanner.isElement("xf") {
          guard formatIDs.count < XLSXLimits.maximumCellCount else {
            throw scanner.error(
              "the workbook defines more than \(XLSXLimits.maximumCellCount) cell styles (too large); check that this is the statistics table"
            )
          }
          // No numFmtId is General.
          formatIDs.append(scanner.attribute("numFmtId").map { Int($0) } ?? 0)
        }
      case .endElement:
        if let depth = cellXfsDepth, scanner.depth < depth { cellXfsDepth = nil }
      case .text:
        continue
      case .endOfDocument:
        return formatIDs.map { id in
          guard let id else { return CellNumberFormat.unknown("its style names no number format by number") }
          return format(id: id, custom: custom)
        }
      }
    }
  }

  static func format(id: Int, custom: [Int: String]) -> CellNumberFormat {
    if let code = custom[id] { return CellNumberFormat(code: code) }
    if let builtIn = CellNumberFormat.builtIn(id) { return builtIn }
    return CellNumberFormat.unknown("its number format \(id) is neither built in nor defined by the workbook")
  }
}
