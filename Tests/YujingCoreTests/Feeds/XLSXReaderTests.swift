import Foundation
import Testing
import ZIPFoundation

@testable import YujingCore

/// Rewrites little-endian fields of a ZIP archive's central directory entry, to make the damaged
/// and hostile archives that no ZIP writer produces.
private func patchCentralDirectory(of data: Data, entry name: String, fields: [(offset: Int, value: UInt32)]) throws
  -> Data
{
  var bytes = [UInt8](data)
  func uint(_ offset: Int, _ width: Int) -> Int {
    (0..<width).reversed().reduce(0) { $0 << 8 | Int(bytes[offset + $1]) }
  }
  let end = try #require((0...(bytes.count - 22)).reversed().first { uint($0, 4) == 0x0605_4B50 })
  var cursor = uint(end + 16, 4)
  while uint(cursor, 4) == 0x0201_4B50 {
    let nameLength = uint(cursor + 28, 2)
    if String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self) == name {
      for field in fields {
        for byte in 0..<4 { bytes[cursor + field.offset + byte] = UInt8(truncatingIfNeeded: field.value >> (8 * byte)) }
      }
      return Data(bytes)
    }
    cursor += 46 + nameLength + uint(cursor + 30, 2) + uint(cursor + 32, 2)
  }
  Issue.record("no entry \(name)")
  return data
}

/// Deterministic, so a failure can be replayed.
private struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

private func ref(_ a1: String) -> CellReference { CellReference(a1)! }

@Suite("XLSX reader")
struct XLSXReaderTests {
  // MARK: - The statistics bureau's sample

  static let sampleURL = Fixtures.url("statistics-bureau-table-2020-05.xlsx")

  static func sample() throws -> XLSXSheet {
    let workbook = try XLSXWorkbook(contentsOf: sampleURL)
    #expect(workbook.sheetNames == ["1-5月"])
    return try workbook.sheet(named: "1-5月")
  }

  @Test func readsSampleSheetExtentAndMergedHeaders() throws {
    let sheet = try Self.sample()
    #expect(sheet.name == "1-5月")
    #expect(sheet.rowCount == 21)
    #expect(sheet.columnCount == 14)
    #expect(
      Set(sheet.mergedRanges.map(\.description))
        == ["A1:N1", "A3:A4", "B3:C3", "D3:E3", "F3:H3", "I3:K3", "L3:N3", "A21:N21"])
  }

  @Test(arguments: [
    ("C3", "B3", "规模以上工业增加值"),
    ("B3", "B3", "规模以上工业增加值"),
    ("A4", "A3", "地区"),
    ("E3", "D3", "固定资产投资"),
    ("H3", "F3", "社会消费品零售总额"),
    ("N3", "L3", "全社会用电量"),
    ("G1", "A1", "2020年1-5月宜春市主要经济指标完成情况（样表，数据为示例）"),
  ])
  func resolvesMergedHeaderToTopLeftCell(asked: String, topLeft: String, text: String) throws {
    let sheet = try Self.sample()
    let cell = try #require(sheet.resolvedCell(ref(asked)))
    #expect(cell.reference == ref(topLeft))
    #expect(cell.value == .string(text))
  }

  @Test func coveredCellOfMergedRangeIsAbsentAsStored() throws {
    let sheet = try Self.sample()
    #expect(sheet.cell(ref("C3")) == nil)
    #expect(sheet.mergedRange(containing: ref("C3")) == CellRange("B3:C3"))
    #expect(sheet.resolvedCell(ref("B5"))?.value == .number("-1.2"))
  }

  @Test(arguments: [
    ("I6", XLSXCellValue.number("88.90000000000001")),
    ("B5", .number("-1.2")),
    ("F5", .number("3456.7")),
    ("C7", .number("9")),
    ("A6", .string("全市")),
    ("A18", .string("宜阳新区")),
    ("A19", .string("明月山温泉风景名胜区")),
    ("C17", .string("—")),
    ("B18", .string("/")),
    ("N2", .string("单位：亿元、亿千瓦时、%")),
    ("F4", .string("总量")),
  ])
  func readsSampleCellsAsStored(reference: String, value: XLSXCellValue) throws {
    let cell = try #require(try Self.sample().cell(ref(reference)))
    #expect(cell.value == value)
    #expect(cell.formula == nil)
  }

  @Test func rowListsPresentCellsInColumnOrder() throws {
    let sheet = try Self.sample()
    #expect(sheet.row(5).map(\.reference.description) == ["A5", "B5", "D5", "F5", "G5", "I5", "J5", "L5", "M5"])
    #expect(sheet.row(2).map(\.reference.description) == ["N2"])
    #expect(sheet.row(20).isEmpty)
    #expect(sheet.row(0).isEmpty)
    #expect(sheet.cell(ref("A20")) == nil)
  }

  // MARK: - Cell values

  @Test func readsSharedStringsPlainAndRichTextWithoutPhoneticRuns() throws {
    let sheet = try Book.sheet(
      Book.worksheet(
        #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#),
      sharedStrings: [
        "<t>地区</t>",
        #"<r><rPr><b/></rPr><t>规模以上</t></r><r><t xml:space="preserve">工业 增加值 </t></r>"#,
        "<t>宜春</t><rPh sb=\"0\" eb=\"2\"><t>ぎしゅん</t></rPh><phoneticPr fontId=\"1\"/>",
      ])
    #expect(sheet.cell(ref("A1"))?.value == .string("地区"))
    #expect(sheet.cell(ref("B1"))?.value == .string("规模以上工业 增加值 "))
    #expect(sheet.cell(ref("C1"))?.value == .string("宜春"))
  }

  @Test func readsInlineStringsKeepingPaddingAndRichRuns() throws {
    let sheet = try Book.sheet(
      Book.worksheet(
        #"<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">全　市 </t></is></c>"#
          + #"<c r="B1" t="inlineStr"><is><r><t>增</t></r><r><rPr><i/></rPr><t>速</t></r></is></c>"#
          + #"<c r="C1" t="inlineStr"><is><t></t></is></c></row>"#))
    #expect(sheet.cell(ref("A1"))?.value == .string("全　市 "))
    #expect(sheet.cell(ref("B1"))?.value == .string("增速"))
    #expect(sheet.cell(ref("C1"))?.value == .string(""))
  }

  @Test(arguments: [
    (#"<c r="A1" t="b"><v>1</v></c>"#, XLSXCellValue.bool(true)),
    (#"<c r="A1" t="b"><v>0</v></c>"#, .bool(false)),
    (#"<c r="A1" t="e"><v>#DIV/0!</v></c>"#, .error("#DIV/0!")),
    (#"<c r="A1" t="e"><v>#N/A</v></c>"#, .error("#N/A")),
    (#"<c r="A1" t="n"><v>1.5E-3</v></c>"#, .number("1.5E-3")),
    (#"<c r="A1"><v>-0.8</v></c>"#, .number("-0.8")),
    (#"<c r="A1" s="3"><v>88.90000000000001</v></c>"#, .number("88.90000000000001")),
    (#"<c r="A1" t="d"><v>2020-05-31T00:00:00</v></c>"#, .string("2020-05-31T00:00:00")),
  ])
  func readsTypedValues(cellXML: String, value: XLSXCellValue) throws {
    let sheet = try Book.sheet(Book.worksheet(#"<row r="1">\#(cellXML)</row>"#))
    #expect(sheet.cell(ref("A1"))?.value == value)
  }

  @Test func leavesOutBlankStyledCells() throws {
    let sheet = try Book.sheet(Book.worksheet(#"<row r="1"><c r="A1" s="2"/><c r="B1" s="2"><v></v></c></row>"#))
    #expect(sheet.cells.isEmpty)
    #expect(sheet.rowCount == 0 && sheet.columnCount == 0)
  }

  @Test func keepsFormulaAndItsCachedValue() throws {
    let sheet = try Book.sheet(
      Book.worksheet(
        #"<row r="1"><c r="A1"><f>SUM(B1:C1)</f><v>3</v></c>"#
          + #"<c r="B1" t="str"><f>"全"&amp;"市"</f><v>全市</v></c>"#
          + #"<c r="C1" t="str"><f>""</f><v></v></c>"#
          + #"<c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>"#
          + #"<row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="0">B2*2</f><v>4</v></c></row>"#
          + #"<row r="3"><c r="A3"><f t="shared" si="0"/><v>6</v></c></row>"#))
    #expect(sheet.cell(ref("A1")) == XLSXCell(reference: ref("A1"), value: .number("3"), formula: "SUM(B1:C1)"))
    #expect(sheet.cell(ref("B1")) == XLSXCell(reference: ref("B1"), value: .string("全市"), formula: #""全"&"市""#))
    #expect(sheet.cell(ref("C1"))?.value == .string(""))
    #expect(sheet.cell(ref("D1"))?.value == .error("#DIV/0!"))
    #expect(sheet.cell(ref("A2"))?.formula == "B2*2")
    #expect(sheet.cell(ref("A3")) == XLSXCell(reference: ref("A3"), value: .number("6"), formula: ""))
  }

  @Test(arguments: [
    #"<c r="A1"><f>SUM(B1:C1)</f></c>"#,
    #"<c r="A1" t="str"><f>B1&amp;C1</f></c>"#,
    #"<c r="A1" t="b"><f>B1&gt;C1</f></c>"#,
  ])
  func marksFormulaWithoutCachedValue(cellXML: String) throws {
    let cell = try #require(try Book.sheet(Book.worksheet(#"<row r="1">\#(cellXML)</row>"#)).cell(ref("A1")))
    #expect(cell.value.isFormulaWithoutCachedValue)
    #expect(cell.value == .formulaWithoutCachedValue)
    #expect(cell.formula?.isEmpty == false)
  }

  @Test func placesCellsAndRowsWithoutReferencesAfterThePreviousOnes() throws {
    let sheet = try Book.sheet(
      Book.worksheet(
        "<row><c><v>1</v></c><c><v>2</v></c></row>"
          + #"<row r="4"><c r="C4"><v>3</v></c><c><v>4</v></c></row>"#
          + "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>"))
    #expect(
      sheet.cells.map { "\($0.reference)" } == ["A1", "B1", "C4", "D4", "A5"])
    #expect(sheet.cell(ref("D4"))?.value == .number("4"))
    #expect(sheet.cell(ref("A5"))?.value == .string("x"))
  }

  @Test func sortsCellsWrittenOutOfOrder() throws {
    let sheet = try Book.sheet(
      Book.worksheet(
        #"<row r="2"><c r="B2"><v>2</v></c><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>0</v></c></row>"#))
    #expect(sheet.cells.map(\.reference.description) == ["A1", "A2", "B2"])
    #expect(sheet.row(2).map(\.value) == [.number("1"), .number("2")])
  }

  @Test func matchesElementsByLocalNameWhateverThePrefix() throws {
    let workbook = #"""
      <x:workbook xmlns:x="\#(Book.mainNamespace)" xmlns:rel="\#(Book.relationshipNamespace)">
        <x:sheets><x:sheet name="数据" sheetId="1" rel:id="rId1"/></x:sheets>
      </x:workbook>
      """#
    let sheet = #"""
      <x:worksheet xmlns:x="\#(Book.mainNamespace)">
        <x:sheetData>
          <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row>
        </x:sheetData>
        <x:mergeCells count="1"><x:mergeCell ref="A1:A2"/></x:mergeCells>
      </x:worksheet>
      """#
    let strings = #"<x:sst xmlns:x="\#(Book.mainNamespace)"><x:si><x:t>全省</x:t></x:si></x:sst>"#
    let parts = [
      ("xl/workbook.xml", workbook),
      ("xl/_rels/workbook.xml.rels", Book.relationshipsXML(["worksheets/sheet1.xml"], sharedStrings: true)),
      ("xl/worksheets/sheet1.xml", sheet),
      ("xl/sharedStrings.xml", strings),
    ]
    let read = try XLSXWorkbook(data: Book.zip(parts)).sheet(named: "数据")
    #expect(read.resolvedCell(ref("A2"))?.value == .string("全省"))
    #expect(read.cell(ref("B1"))?.value == .number("7"))
  }

  @Test func decodesEntitiesCharacterReferencesAndCDATA() throws {
    let sheet = try Book.sheet(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <!-- written by a test -->
      <?mso-application progid="Excel.Sheet"?>
      <worksheet xmlns="\(Book.mainNamespace)"><sheetData><row r="1">
      <c r="A1" t="inlineStr"><is><t>&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos;</t></is></c>
      <c r="B1" t="inlineStr"><is><t>&#20840;&#x5E02;&#x1F600;</t></is></c>
      <c r="C1" t="inlineStr"><is><t><![CDATA[<不是标签> & ]]>尾</t></is></c>
      <c r="D1" t="inlineStr"><!-- no value here --><is><t>line1\r\nline2</t></is></c>
      </row></sheetData></worksheet>
      """)
    #expect(sheet.cell(ref("A1"))?.value == .string(#"<a> & "b" 'c'"#))
    #expect(sheet.cell(ref("B1"))?.value == .string("全市😀"))
    #expect(sheet.cell(ref("C1"))?.value == .string("<不是标签> & 尾"))
    #expect(sheet.cell(ref("D1"))?.value == .string("line1\nline2"))
  }

  @Test func decodesExcelEscapedCharacters() throws {
    let sheet = try Book.sheet(
      Book.worksheet(
        #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>a_x005F_x0041_b</t></is></c></row>"#),
      sharedStrings: ["<t>规模以上_x000D_\n工业</t>"])
    #expect(sheet.cell(ref("A1"))?.value == .string("规模以上\r\n工业"))
    #expect(sheet.cell(ref("B1"))?.value == .string("a_x0041_b"))
  }

  @Test func readsAttributesWithEntitiesAndSingleQuotes() throws {
    let parts = [
      ("xl/workbook.xml", Book.workbookXML(["R&amp;D &lt;1&gt;"])),
      ("xl/_rels/workbook.xml.rels", Book.relationshipsXML(["worksheets/sheet1.xml"], sharedStrings: false)),
      ("xl/worksheets/sheet1.xml", Book.worksheet("<row r='1'><c r='A1' t='inlineStr'><is><t>x</t></is></c></row>")),
    ]
    let workbook = try XLSXWorkbook(data: Book.zip(parts))
    #expect(workbook.sheetNames == ["R&D <1>"])
    #expect(try workbook.sheet(named: "R&D <1>").cell(ref("A1"))?.value == .string("x"))
  }

  // MARK: - Locating sheets

  @Test(arguments: [
    "worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml", "./worksheets/../worksheets/sheet1.xml",
    "worksheets/Sheet1.xml",
  ])
  func locatesSheetThroughRelationshipTarget(target: String) throws {
    let parts = [
      ("xl/workbook.xml", Book.workbookXML(["表1"])),
      ("xl/_rels/workbook.xml.rels", Book.relationshipsXML([target], sharedStrings: false)),
      ("xl/worksheets/sheet1.xml", Book.worksheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#)),
    ]
    #expect(try XLSXWorkbook(data: Book.zip(parts)).sheet(at: 0).cell(ref("A1"))?.value == .number("1"))
  }

  @Test func followsPackageRelationshipToWorkbookPart() throws {
    let parts = [
      (
        "_rels/.rels",
        #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(Book.relationshipType)/officeDocument" Target="/book/main.xml"/></Relationships>"#
      ),
      ("book/main.xml", Book.workbookXML(["表1"])),
      ("book/_rels/main.xml.rels", Book.relationshipsXML(["s/one.xml"], sharedStrings: false)),
      ("book/s/one.xml", Book.worksheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#)),
    ]
    #expect(try XLSXWorkbook(data: Book.zip(parts)).sheet(named: "表1").rowCount == 1)
  }

  @Test func findsSheetsByNameAndIndexInTabOrder() throws {
    let data = try Book.zip(
      Book.parts(sheets: [
        ("1-4月", Book.worksheet(#"<row r="1"><c r="A1"><v>4</v></c></row>"#)),
        ("1-5月", Book.worksheet(#"<row r="1"><c r="A1"><v>5</v></c></row>"#)),
      ]))
    let workbook = try XLSXWorkbook(data: data)
    #expect(workbook.sheetNames == ["1-4月", "1-5月"])
    #expect(try workbook.sheet(named: "1-5月").cell(ref("A1"))?.value == .number("5"))
    #expect(try workbook.sheet(at: 0).cell(ref("A1"))?.value == .number("4"))
    #expect(try workbook.sheet(at: 1).name == "1-5月")
  }

  @Test func readsPartsStoredWithoutCompression() throws {
    let data = try Book.zip(
      Book.parts(sheets: [("Sheet1", Book.worksheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#))]), method: .none)
    #expect(try XLSXWorkbook(data: data).sheet(at: 0).cell(ref("A1"))?.value == .number("1"))
  }

  @Test func readsHundredThousandCellSheet() throws {
    var rows = ""
    for row in 1...1_000 {
      rows += #"<row r="\#(row)">"#
      for column in 1...100 {
        let reference = CellReference(row: row, column: column)
        rows +=
          column.isMultiple(of: 10)
          ? #"<c r="\#(reference)" t="s"><v>\#(row % 3)</v></c>"#
          : #"<c r="\#(reference)"><v>\#(row).\#(column)</v></c>"#
      }
      rows += "</row>"
    }
    let sheet = try Book.sheet(Book.worksheet(rows), sharedStrings: ["<t>全市</t>", "<t>—</t>", "<t>/</t>"])
    #expect(sheet.cells.count == 100_000)
    #expect(sheet.rowCount == 1_000 && sheet.columnCount == 100)
    #expect(sheet.cell(ref("CV1000"))?.value == .string("—"))
    #expect(sheet.cell(ref("B777"))?.value == .number("777.2"))
  }

  // MARK: - References and ranges

  @Test(arguments: [
    ("A1", 1, 1), ("B7", 7, 2), ("Z9", 9, 26), ("AA10", 10, 27), ("XFD1048576", 1_048_576, 16_384), ("b7", 7, 2),
  ])
  func parsesCellReference(text: String, row: Int, column: Int) {
    #expect(CellReference(text) == CellReference(row: row, column: column))
  }

  @Test(arguments: [
    "", "A", "7", "A0", "A01", "1A", "XFD1048577", "XFE1", "AAAA1", "$A$1", "A1:B2", "A 1", "A-1",
    "A99999999999999999999",
  ])
  func rejectsInvalidCellReference(text: String) {
    #expect(CellReference(text) == nil)
  }

  @Test(arguments: ["A1", "Z26", "AZ52", "ZZ702", "AAA703", "XFD1048576"])
  func cellReferenceDescriptionRoundTrips(text: String) throws {
    #expect(try #require(CellReference(text)).description == text)
  }

  @Test func cellRangeContainsItsCornersAndNothingOutside() throws {
    let range = try #require(CellRange("F3:H4"))
    #expect(range.contains(ref("F3")) && range.contains(ref("H4")) && range.contains(ref("G3")))
    #expect(!range.contains(ref("E3")) && !range.contains(ref("I3")) && !range.contains(ref("F5")))
    #expect(CellRange("H4:F3") == range)
    #expect(CellRange("B2") == CellRange(first: ref("B2"), last: ref("B2")))
    #expect(CellRange("B2:") == nil && CellRange("A1:B2:C3") == nil && CellRange("A0:B1") == nil)
  }

  @Test func sheetBuiltFromCellsKeepsTheLastCellAtEachPlace() {
    let sheet = XLSXSheet(
      name: "t",
      cells: [
        XLSXCell(reference: ref("B1"), value: .number("2")), XLSXCell(reference: ref("A1"), value: .number("1")),
        XLSXCell(reference: ref("B1"), value: .number("3")),
      ])
    #expect(sheet.row(1).map(\.value) == [.number("1"), .number("3")])
  }

  // MARK: - Errors

  @Test(arguments: [
    (Data(), "the file is empty"),
    (Data("地区,增速\n全市,1.2\n".utf8), "not a ZIP archive"),
    (Data("<html><table><tr><td>全市</td></tr></table></html>".utf8), "HTML page"),
    (Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)), "old .xls"),
    (Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 100)), "truncated"),
  ])
  func rejectsFilesThatAreNotZipArchives(data: Data, says: String) throws {
    let error = try #require(Book.error(reading: data))
    #expect(error.message.contains(says))
    #expect(error.part == nil)
  }

  @Test func reportsTruncatedArchive() throws {
    let data = try Book.data(Book.worksheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#))
    for length in [data.count - 1, data.count / 2, 30] {
      let error = try #require(Book.error(reading: data.prefix(length)))
      #expect(error.message.contains("truncated") || error.message.contains("damaged"), "\(error)")
    }
  }

  @Test func reportsZipWithoutWorkbook() throws {
    let error = try #require(try Book.error(reading: [("word/document.xml", "<document/>"), ("readme.txt", "hi")]))
    #expect(error.part == "xl/workbook.xml")
    #expect(error.message.contains("no workbook part"))
  }

  @Test func reportsWorkbookPartThatIsNotAWorkbook() throws {
    let error = try #require(try Book.error(reading: [("xl/workbook.xml", "<document/>")]))
    #expect(error.part == "xl/workbook.xml")
    #expect(error.message.contains("not a workbook"))
  }

  @Test func reportsMissingRelationshipsPart() throws {
    let error = try #require(try Book.error(reading: [("xl/workbook.xml", Book.workbookXML(["表1"]))]))
    #expect(error.part == "xl/_rels/workbook.xml.rels")
  }

  @Test func reportsMissingSheetPart() throws {
    var parts = Book.parts(sheets: [("1-5月", Book.worksheet(""))])
    parts.removeAll { $0.0 == "xl/worksheets/sheet1.xml" }
    let workbook = try XLSXWorkbook(data: Book.zip(parts))
    let error = try #require(throws: XLSXError.self) { try workbook.sheet(named: "1-5月") }
    #expect(error.part == "xl/worksheets/sheet1.xml")
    #expect(error.message.contains("missing from the file"))
    #expect(error.message.contains("'1-5月'"))
  }

  @Test func reportsSheetWhoseRelationshipIsUndefined() throws {
    var parts = Book.parts(sheets: [("表1", Book.worksheet(""))])
    parts[1].1 = Book.relationshipsXML([], sharedStrings: false)
    let workbook = try XLSXWorkbook(data: Book.zip(parts))
    let error = try #require(throws: XLSXError.self) { try workbook.sheet(at: 0) }
    #expect(error.message.contains("rId1"))
  }

  @Test func reportsUnknownSheetNameAndIndex() throws {
    let workbook = try XLSXWorkbook(data: Book.data(Book.worksheet("")))
    let byName = try #require(throws: XLSXError.self) { try workbook.sheet(named: "1-6月") }
    #expect(byName.message.contains("no sheet named '1-6月'") && byName.message.contains("'Sheet1'"))
    let byIndex = try #require(throws: XLSXError.self) { try workbook.sheet(at: 1) }
    #expect(byIndex.message.contains("1 sheet(s)"))
    #expect(throws: XLSXError.self) { try workbook.sheet(at: -1) }
  }

  @Test func reportsChartSheet() throws {
    var parts = Book.parts(sheets: [("图表", "<chartsheet/>")])
    parts[1].1 = parts[1].1.replacingOccurrences(of: "/worksheet\"", with: "/chartsheet\"")
    let error = try #require(throws: XLSXError.self) { try XLSXWorkbook(data: Book.zip(parts)).sheet(at: 0) }
    #expect(error.message.contains("chart sheet"))
  }

  @Test(arguments: [
    (
      "<worksheet>\n<sheetData>\n<row><c><v>1</v></row>\n</sheetData></worksheet>", 3, 17,
      "</row> where </c> was expected"
    ),
    ("<worksheet>\n<sheetData><row>", 2, 17, "ends before <row> is closed"),
    ("<worksheet>\n<sheetData><row r=1>", 2, 19, "quoted value"),
    ("<worksheet><sheetData><row><c t=\"inlineStr\"><is>\n<t>规模&nbsp;</t>", 2, 6, "unknown entity &nbsp;"),
    ("<worksheet><sheetData><row><c t=\"inlineStr\"><is>\n<t>&#0;</t>", 2, 4, "not a valid character"),
    ("<worksheet>\n  <!-- note\n</worksheet>", 2, 3, "comment that never ends"),
    ("<worksheet/>\n<worksheet/>", 2, 1, "second root element"),
    ("<worksheet/>\nx", 2, 1, "text outside the root element"),
    ("<worksheet a=\"<\"/>", 1, 15, "'<' inside the value"),
    ("<worksheet a=\"1\"b=\"2\"/>", 1, 17, "space before the next attribute"),
    ("</worksheet>", 1, 1, "never opened"),
    ("<worksheet><3/></worksheet>", 1, 13, "expected an element or attribute name"),
    ("", 1, 1, "no XML element"),
    ("<?xml version=\"1.0\" encoding=\"GB2312\"?><worksheet/>", 1, 1, "encoded as 'gb2312'"),
  ])
  func reportsMalformedXMLWithPartAndPosition(xml: String, line: Int, column: Int, says: String) throws {
    let error = try #require(try Book.error(reading: Book.parts(sheets: [("Sheet1", xml)])))
    #expect(error.part == "xl/worksheets/sheet1.xml")
    #expect(error.position == SourcePosition(line: line, column: column))
    #expect(error.message.contains(says), "\(error)")
    #expect(error.description.hasPrefix("xl/worksheets/sheet1.xml:\(line):\(column): "))
  }

  @Test func rejectsDeepNesting() throws {
    let xml =
      "<worksheet>" + String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300) + "</worksheet>"
    let error = try #require(try Book.error(reading: Book.parts(sheets: [("Sheet1", xml)])))
    #expect(error.message.contains("nested more than"))
  }

  @Test func rejectsDoctypeWithoutExpandingEntities() throws {
    let laughs = """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
      <sst xmlns="\(Book.mainNamespace)"><si><t>&lol2;</t></si></sst>
      """
    var parts = Book.parts(sheets: [("Sheet1", Book.worksheet(""))], sharedStrings: [])
    parts[parts.count - 1].1 = laughs
    let error = try #require(try Book.error(reading: parts))
    #expect(error.part == "xl/sharedStrings.xml")
    #expect(error.position == SourcePosition(line: 2, column: 1))
    #expect(error.message.contains("DOCTYPE"))
  }

  @Test(arguments: [
    (#"<row r="1"><c r="A0"><v>1</v></c></row>"#, "A0", "not a cell reference"),
    (#"<row r="1"><c r="XFD1048577"><v>1</v></c></row>"#, "XFD1048577", "not a cell reference"),
    (#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#, "XFE1", "not a cell reference"),
    (#"<row r="1"><c r="$B$7"><v>1</v></c></row>"#, "$B$7", "not a cell reference"),
    (#"<row r="1"><c r="B7" t="s"><v>3</v></c></row>"#, "B7", "shared string '3'"),
    (#"<row r="1"><c r="B7" t="s"><v>-1</v></c></row>"#, "B7", "shared string '-1'"),
    (#"<row r="1"><c r="B7"><v>1,234</v></c></row>"#, "B7", "should hold a number but holds '1,234'"),
    (#"<row r="1"><c r="B7"><v>NaN</v></c></row>"#, "B7", "should hold a number"),
    (#"<row r="1"><c r="B7" t="b"><v>yes</v></c></row>"#, "B7", "boolean"),
    (#"<row r="1"><c r="B7" t="x"><v>1</v></c></row>"#, "B7", "unknown type"),
    (#"<row r="1"><c r="B7"><v>1</v></c><c r="B7"><v>2</v></c></row>"#, "B7", "appears twice"),
  ])
  func reportsBadCellWithItsReference(rowXML: String, cell: String, says: String) throws {
    let error = try #require(try Book.error(reading: Book.parts(sheets: [("Sheet1", Book.worksheet(rowXML))])))
    #expect(error.part == "xl/worksheets/sheet1.xml")
    #expect(error.cell == cell)
    #expect(error.message.contains(says), "\(error)")
  }

  @Test(arguments: [
    (#"<row r="0"/>"#, "row number '0'"),
    (#"<row r="1048577"/>"#, "row number '1048577'"),
    (#"<row r="99999999999999999999"/>"#, "row number"),
    (#"<row r="1"/>"#, "merged range 'A1:'"),
  ])
  func reportsBadRowNumberAndMergedRange(rowXML: String, says: String) throws {
    let xml = Book.worksheet(rowXML, after: #"<mergeCells><mergeCell ref="A1:"/></mergeCells>"#)
    let error = try #require(try Book.error(reading: Book.parts(sheets: [("Sheet1", xml)])))
    #expect(error.message.contains(says), "\(error)")
    #expect(error.position != nil)
  }

  @Test func reportsSheetWithMoreCellsThanTheLimit() throws {
    let xml = Book.worksheet(#"<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row>"#)
    let part = "xl/worksheets/sheet1.xml"
    let fits = try XLSXSheet(parsing: Array(xml.utf8), part: part, name: "S", sharedStrings: [], maximumCellCount: 3)
    #expect(fits.cells.count == 3)
    let error = try #require(throws: XLSXError.self) {
      try XLSXSheet(parsing: Array(xml.utf8), part: part, name: "S", sharedStrings: [], maximumCellCount: 2)
    }
    #expect(error.part == part)
    #expect(error.message.contains("more than 2 cells"))
  }

  @Test func reportsOverSizePartWithoutInflatingIt() throws {
    let data = try Book.data(Book.worksheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#))
    let bomb = try patchCentralDirectory(
      of: data, entry: "xl/worksheets/sheet1.xml", fields: [(24, UInt32(XLSXLimits.maximumPartSize + 1))])
    let error = try #require(Book.error(reading: bomb))
    #expect(error.part == "xl/worksheets/sheet1.xml")
    #expect(error.message.contains("too large"))
  }

  @Test(arguments: [
    (24, UInt32(10), "more than its recorded size"),
    (16, UInt32(0xDEAD_BEEF), "checksum"),
    (20, UInt32(5), "ZIP archive is damaged"),
    (42, UInt32(0x7FFF_FFF0), "local header"),
    (20, UInt32(0xFFFF_FFF0), "past the end"),
    (10, UInt32(12), "ZIP method 12"),
    (8, UInt32(1), "encrypted"),
  ])
  func reportsDamagedEntry(field: Int, value: UInt32, says: String) throws {
    let data = try Book.data(Book.worksheet(#"<row r="1"><c r="A1"><v>1</v></c></row>"#))
    let damaged = try patchCentralDirectory(of: data, entry: "xl/worksheets/sheet1.xml", fields: [(field, value)])
    let error = try #require(Book.error(reading: damaged))
    #expect(error.part == "xl/worksheets/sheet1.xml")
    #expect(error.message.contains(says), "\(error)")
  }

  @Test func errorDescriptionIsOneLineNamingPartPositionAndCell() {
    let error = XLSXError(
      part: "xl/worksheets/sheet1.xml", cell: "B7", position: SourcePosition(line: 3, column: 9), message: "bad")
    #expect(error.description == "xl/worksheets/sheet1.xml:3:9 cell B7: bad")
    #expect(XLSXError(message: "bad").description == "bad")
    #expect(XLSXError.quoted("a\nb") == "'a?b'")
  }

  // MARK: - Hostile input

  /// A small, deterministic stand-in for the fuzzer: damaged bytes must give an error, never a trap.
  @Test func survivesRandomDamageToTheSample() throws {
    let original = try Data(contentsOf: Self.sampleURL)
    var generator = SplitMix64(state: 20_200_531)
    for _ in 0..<1_500 {
      var damaged = [UInt8](original)
      for _ in 0..<Int.random(in: 1...8, using: &generator) {
        damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
      }
      if let error = Book.error(reading: Data(damaged)) {
        #expect(!error.message.isEmpty && !error.description.contains("\n"))
      }
    }
  }

  @Test func survivesRandomDamageToSheetXML() throws {
    let archive = try Archive(data: Data(contentsOf: Self.sampleURL), accessMode: .read)
    var original = Data()
    _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { original.append($0) }
    var generator = SplitMix64(state: 42)
    let alphabet = Array(#"<>/="'&;#x:![]CDATA-? r0c9A"#.utf8)
    for _ in 0..<300 {
      var xml = [UInt8](original)
      for _ in 0..<Int.random(in: 1...6, using: &generator) {
        let at = Int.random(in: 0..<xml.count, using: &generator)
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: xml[at] = alphabet.randomElement(using: &generator)!
        case 1: xml.remove(at: at)
        default: xml.insert(alphabet.randomElement(using: &generator)!, at: at)
        }
      }
      let text = String(decoding: xml, as: UTF8.self)
      if let error = try Book.error(reading: Book.parts(sheets: [("Sheet1", text)])) {
        #expect(error.part == "xl/worksheets/sheet1.xml", "\(error)")
      }
    }
  }
}
