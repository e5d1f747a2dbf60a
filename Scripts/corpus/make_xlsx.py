#!/usr/bin/env python3
"""Writes the XLSX files of the malformed-input corpus (Tests/YujingCoreTests/Fixtures/malformed),
each a statistics-bureau table gone wrong in one way. The generated files are committed; run this
again only to change them:

    python3 Scripts/corpus/make_xlsx.py Tests/YujingCoreTests/Fixtures/malformed

openpyxl never writes a formula's computed value, so the cached-value case is patched into the
sheet XML afterwards, as Excel would have saved it.
"""
import datetime, io, os, sys, zipfile
import openpyxl

out = sys.argv[1]


def table(title="2020年1-4月宜春市主要经济指标完成情况", rows=None, region_header="地区"):
    """The bureau's layout: a title, a merged two-row header, one row per county."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "1-4月"
    sheet["A1"] = title
    sheet.merge_cells("A1:F1")
    sheet["A3"] = region_header
    sheet.merge_cells("A3:A4")
    sheet["B3"] = "规模以上工业增加值"
    sheet.merge_cells("B3:C3")
    sheet["D3"] = "一般公共预算收入"
    sheet.merge_cells("D3:F3")
    for column, text in zip("BCDEF", ["增速", "位次", "总量", "增速", "位次"]):
        sheet[f"{column}4"] = text
    rows = rows if rows is not None else [
        ["丰城市", 5.2, 1, 23.51, 3.1, 2],
        ["樟树市", 4.0, 2, 12.1, -3.1, 3],
        ["高安市", 3.0, 3, 30.2, 4.5, 1],
    ]
    for index, row in enumerate(rows):
        for column, value in zip("ABCDEF", row):
            if value is not None:
                sheet[f"{column}{5 + index}"] = value
    return book


def save(book, name):
    book.save(os.path.join(out, name))


def patch(name, old, new):
    """Replaces text in the first worksheet's XML, keeping every other part as it was."""
    path = os.path.join(out, name)
    source = zipfile.ZipFile(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                assert old in text, f"{old} not in {name}"
                data = text.replace(old, new).encode()
            target.writestr(item, data)
    source.close()
    open(path, "wb").write(buffer.getvalue())


# Strings go to xl/sharedStrings.xml, as Excel and WPS write them.
save(table(), "xlsx-shared-strings.xlsx")

# A formula Excel calculated and saved: its cached value is the figure.
book = table()
book.active["B5"] = "=B6+1.2"
save(book, "xlsx-formula-cached.xlsx")
patch("xlsx-formula-cached.xlsx", "<f>B6+1.2</f><v></v>", "<f>B6+1.2</f><v>5.2</v>")

# A formula written by a program and never calculated: no figure to take.
book = table()
book.active["B5"] = "=B6+1.2"
save(book, "xlsx-formula-uncached.xlsx")

# The region name merged down over two rows: the second row repeats the first region.
book = table(rows=[["丰城市", 5.2, 1, 23.51, 3.1, 2], [None, 5.3, 1, 23.6, 3.2, 2], ["高安市", 3.0, 3, 30.2, 4.5, 1]])
book.active.merge_cells("A5:A6")
save(book, "xlsx-merged-region-cells.xlsx")

# The period only as a date cell (a serial number with a date format), the title without it.
book = table(title="宜春市主要经济指标完成情况")
book.active["A2"] = datetime.date(2020, 4, 30)
book.active["A2"].number_format = "yyyy-mm-dd"
save(book, "xlsx-period-as-date-serial.xlsx")

# Figures that cannot be figures: an Excel error, text, a number beyond any account.
book = table(rows=[
    ["丰城市", 5.2, 1, 23.51, 3.1, 2],
    ["樟树市", "4.0%", 2, 1e300, -3.1, 3],
    ["高安市", 3.0, 3, 30.2, 4.5, 1],
])
book.active["E7"] = "=1/0"
save(book, "xlsx-bad-figure-cells.xlsx")
patch("xlsx-bad-figure-cells.xlsx", "<f>1/0</f><v></v>", "<f>1/0</f><v>#DIV/0!</v>")
patch("xlsx-bad-figure-cells.xlsx", '<c r="E7"', '<c t="e" r="E7"')

# No 地区 column to read regions from.
save(table(region_header="单位"), "xlsx-no-region-header.xlsx")

# A workbook whose only sheet is empty.
save(openpyxl.Workbook(), "xlsx-empty-sheet.xlsx")

# A CSV file given the .xlsx name.
open(os.path.join(out, "xlsx-not-a-zip.xlsx"), "w").write("地区,规模以上工业增加值\n丰城市,5.2\n")

# A ZIP with a workbook that points at a sheet the archive lacks.
with zipfile.ZipFile(os.path.join(out, "xlsx-zip-without-sheet.xlsx"), "w") as archive:
    source = zipfile.ZipFile(os.path.join(out, "xlsx-shared-strings.xlsx"))
    for item in source.infolist():
        if item.filename != "xl/worksheets/sheet1.xml":
            archive.writestr(item, source.read(item.filename))

# The first half of a good workbook, as an interrupted download leaves it.
data = open(os.path.join(out, "xlsx-shared-strings.xlsx"), "rb").read()
open(os.path.join(out, "xlsx-truncated-zip.xlsx"), "wb").write(data[: len(data) // 2])

# A workbook sent as the feed's CSV.
open(os.path.join(out, "indicators-workbook-named-csv.csv"), "wb").write(data)
