// The XLSX fuzz target: the XML parts of a workbook, without the ZIP package around them. The
// input is a shared-string part, a NUL byte and a worksheet part (without the NUL, all of it is
// the worksheet); each piece also goes through the workbook and relationships parsers. A sheet
// that parses is read as the statistics bureau's table with the default feed's mapping.

private let mapping = XLSXMapping(
  sheet: nil, regionHeader: "地区",
  indicators: [
    "地区生产总值": "gdp", "规模以上工业增加值": "industry_va", "固定资产投资": "fai", "一般公共预算收入": "fiscal_general",
    "实际利用外资": "fdi",
  ],
  columns: XLSXMapping.defaultColumns, regions: [:], missing: XLSXMapping.defaultMissing)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = Array(UnsafeBufferPointer(start: data, count: size))
  let pieces = input.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false).map(Array.init)
  let sheetXML = pieces.last ?? []
  var sharedStrings: [String] = []
  if pieces.count == 2 {
    do throws(XLSXError) {
      sharedStrings = try XLSXSharedStrings.parse(pieces[0], part: "xl/sharedStrings.xml")
    } catch {
      check(error, in: pieces[0])
    }
  }
  for piece in pieces {
    do throws(XLSXError) {
      _ = try WorkbookDescription(parsing: piece, part: "xl/workbook.xml")
    } catch {
      check(error, in: piece)
    }
    do throws(XLSXError) {
      _ = try XLSXRelationship.parse(piece, part: "xl/_rels/workbook.xml.rels")
    } catch {
      check(error, in: piece)
    }
  }
  let sheet: XLSXSheet
  do throws(XLSXError) {
    sheet = try XLSXSheet(
      parsing: sheetXML, part: "xl/worksheets/sheet1.xml", name: "1-5月", sharedStrings: sharedStrings)
  } catch {
    check(error, in: sheetXML)
    return 0
  }
  checkSheet(sheet)
  do throws(FeedReadError) {
    let batch = try BureauTable.parse(sheet, mapping: mapping, catalogue: fuzzCatalogue)
    for rejection in batch.rejections {
      require(rejection.location.cell.flatMap(CellReference.init) != nil, "a rejection without a cell: \(rejection)")
    }
  } catch {
    require(!error.message.isEmpty, "an error without a message")
  }
  return 0
}

/// Cells are sorted, unique and inside the sheet's bounds; merged ranges are well formed.
private func checkSheet(_ sheet: XLSXSheet) {
  for (previous, cell) in zip(sheet.cells, sheet.cells.dropFirst()) {
    require(previous.reference < cell.reference, "cells \(previous.reference) and \(cell.reference) out of order")
  }
  for cell in sheet.cells {
    require(
      (1...CellReference.maximumRow).contains(cell.reference.row)
        && (1...CellReference.maximumColumn).contains(cell.reference.column)
        && cell.reference.row <= sheet.rowCount && cell.reference.column <= sheet.columnCount,
      "cell \(cell.reference) outside the sheet")
    require(sheet.cell(cell.reference) == cell, "cell \(cell.reference) not found by its reference")
  }
  for range in sheet.mergedRanges {
    require(
      range.first.row <= range.last.row && range.first.column <= range.last.column, "merged range \(range) reversed")
  }
}

private func check(_ error: XLSXError, in xml: [UInt8]) {
  require(!error.message.isEmpty, "an error without a message")
  guard let position = error.position else { return }
  let lines = xml.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
  require((1...lines).contains(position.line) && position.column >= 1, "error at \(position) outside the part")
}
