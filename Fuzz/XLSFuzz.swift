// The XLS fuzz target: an Excel 97–2003 workbook. Input that starts with the compound-file
// signature is read as a whole file; any other input is read as the BIFF8 workbook stream
// itself, so that mutations reach the records without first having to keep a compound file
// intact. Every sheet that opens is checked and read as the statistics bureau's table.

import Foundation

private let mapping = XLSXMapping(
  sheet: nil, regionHeader: "地区",
  indicators: [
    "地区生产总值": "gdp", "规模以上工业增加值": "industry_va", "固定资产投资": "fai", "一般公共预算收入": "fiscal_general",
    "实际利用外资": "fdi",
  ],
  columns: XLSXMapping.defaultColumns, regions: [:], missing: XLSXMapping.defaultMissing)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLS(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = Array(UnsafeBufferPointer(start: data, count: size))
  let workbook: XLSWorkbook
  do throws(XLSError) {
    workbook =
      input.starts(with: CompoundFile.signature)
      ? try XLSWorkbook(data: Data(input)) : try XLSWorkbook(stream: input)
  } catch {
    require(!error.message.isEmpty, "an error without a message")
    return 0
  }
  for index in workbook.sheetNames.indices.prefix(8) {
    let sheet: XLSXSheet
    do throws(XLSError) {
      sheet = try workbook.sheet(at: index)
    } catch {
      require(!error.message.isEmpty, "an error without a message")
      continue
    }
    checkSheet(sheet)
    do throws(FeedReadError) {
      let batch = try BureauTable.parse(sheet, mapping: mapping, catalogue: fuzzCatalogue)
      for rejection in batch.rejections {
        require(rejection.location.cell.flatMap(CellReference.init) != nil, "a rejection without a cell: \(rejection)")
        require(rejection.location.sheet == sheet.name, "a rejection without its sheet: \(rejection)")
      }
    } catch {
      require(!error.message.isEmpty, "an error without a message")
    }
  }
  return 0
}

/// Cells are sorted, unique, within the format's 65,536 rows and 256 columns and found by their
/// reference; a number cell holds a decimal; merged ranges are well formed.
private func checkSheet(_ sheet: XLSXSheet) {
  for (previous, cell) in zip(sheet.cells, sheet.cells.dropFirst()) {
    require(previous.reference < cell.reference, "cells \(previous.reference) and \(cell.reference) out of order")
  }
  for cell in sheet.cells {
    require(
      (1...65_536).contains(cell.reference.row) && (1...256).contains(cell.reference.column),
      "cell \(cell.reference) outside an .xls sheet")
    require(sheet.cell(cell.reference) == cell, "cell \(cell.reference) not found by its reference")
    if case .number(let literal) = cell.value {
      require(Double(literal)?.isFinite == true, "cell \(cell.reference) holds the number '\(literal)'")
    }
  }
  for range in sheet.mergedRanges {
    require(
      range.first.row <= range.last.row && range.first.column <= range.last.column
        && range.last.row <= 65_536 && range.last.column <= 256,
      "merged range \(range) reversed or outside the sheet")
  }
}
