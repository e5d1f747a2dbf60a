import Foundation

// The ZIP fuzz target: the bytes as an XLSX file, through the package's own reading of the ZIP
// directory and ZIPFoundation's inflating, then the workbook and every sheet. A file is read or
// refused with a message; it never crashes. A part read is never larger than the reader's cap,
// nor than deflate can make of the whole file (at most 1,032 bytes out per byte in), and each
// sheet's cells lie inside its dimensions.

let knownParts = [
  "[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
  "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/styles.xml", "docProps/app.xml",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZIP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(UnsafeBufferPointer(start: data, count: size))
  do throws(XLSXError) {
    let package = try XLSXPackage(data: bytes)
    for part in knownParts {
      do throws(XLSXError) {
        guard let read = try package.read(part) else { continue }
        require(read.count <= XLSXLimits.maximumPartSize, "\(part): \(read.count) bytes, over the cap")
        require(read.count <= 1032 * size + 1024, "\(part): \(read.count) bytes from a file of \(size)")
      } catch {
        require(!error.message.isEmpty, "\(part): an error without a message")
      }
    }
  } catch {
    require(!error.message.isEmpty, "the package: an error without a message")
    return 0
  }
  do throws(XLSXError) {
    let workbook = try XLSXWorkbook(data: bytes)
    for index in workbook.sheetNames.indices {
      do throws(XLSXError) {
        let sheet = try workbook.sheet(at: index)
        for cell in sheet.cells {
          require(cell.reference.row >= 1 && cell.reference.column >= 1, "a cell at \(cell.reference)")
        }
      } catch {
        require(!error.message.isEmpty, "sheet \(index): an error without a message")
      }
    }
  } catch {
    require(!error.message.isEmpty, "the workbook: an error without a message")
  }
  return 0
}
