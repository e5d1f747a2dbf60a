#!/usr/bin/env python3
"""Writes the number-format and sheet-choice cases of the malformed-input corpus
(Tests/YujingCoreTests/Fixtures/malformed/xlsx-format-*.xlsx) with openpyxl: statistics-bureau
tables whose cells are shown through a number format, or whose table is on another sheet than the
first. The generated files are committed; run this again only to change them:

    python3 Scripts/corpus/make_xlsx_formats.py Tests/YujingCoreTests/Fixtures/malformed
"""
import datetime, os, sys
import openpyxl

out = sys.argv[1]


def table(rows, title="2020年1-4月宜春市主要经济指标完成情况", book=None, name="1-4月"):
    """The bureau's layout; each cell a value or (value, number format)."""
    if book is None:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = name
    else:
        sheet = book.create_sheet(name)
    sheet["A1"] = title
    sheet.merge_cells("A1:F1")
    sheet["A3"] = "地区"
    sheet.merge_cells("A3:A4")
    sheet["B3"] = "规模以上工业增加值"
    sheet.merge_cells("B3:C3")
    sheet["D3"] = "一般公共预算收入"
    sheet.merge_cells("D3:F3")
    for column, text in zip("BCDEF", ["增速", "位次", "总量", "增速", "位次"]):
        sheet[f"{column}4"] = text
    for index, row in enumerate(rows):
        for column, value in zip("ABCDEF", row):
            if value is None:
                continue
            value, fmt = value if isinstance(value, tuple) else (value, None)
            cell = sheet[f"{column}{5 + index}"]
            cell.value = value
            if fmt:
                cell.number_format = fmt
    return book


ROWS = [
    ["丰城市", 5.2, 1, 23.51, 3.1, 2],
    ["樟树市", 4.0, 2, 12.1, -3.1, 3],
    ["高安市", 3.0, 3, 30.2, 4.5, 1],
]


def save(book, name):
    book.save(os.path.join(out, name))


# Growth entered as percentages: 0.052 shown as 5.2% is a growth of 5.2, not 0.052.
save(table([
    ["丰城市", (0.052, "0.0%"), 1, (1322.5, "#,##0.00"), (0.031, "0.0%"), 2],
    ["樟树市", (0.04, "0%"), 2, (12.1, "G/通用格式"), (-0.031, "0.00%"), 3],
]), "xlsx-format-percent-growth.xlsx")

# Formats whose meaning for a figure is not certain, each refused with its cell.
save(table([
    ["丰城市", 5.2, 1, (23.51, '0.00"亿元"'), 3.1, 2],
    ["樟树市", 4.0, 2, (12100, "#,##0.0,"), -3.1, 3],
    ["高安市", (datetime.date(2020, 1, 3), "yyyy-mm-dd"), 3, (0.302, "0.0%"), 4.5, 1],
]), "xlsx-format-uncertain.xlsx")

# Figures typed as text as people type them; a % in a level column is refused.
save(table([
    ["丰城市", "7.9%", 1, "1,322.5", "－３.２", 2],
    ["樟树市", "4.0％", 2, "12.1%", "+3.1", 1],
]), "xlsx-format-written-figures.xlsx")

# A notes sheet first, the table second.
book = openpyxl.Workbook()
book.active.title = "说明"
book.active["A1"] = "本表数据为快报数，以正式公布为准。"
save(table(ROWS, book=book), "xlsx-format-notes-sheet-first.xlsx")

# Two months' tables in one workbook.
book = table(ROWS)
table(ROWS, title="2020年1-3月宜春市主要经济指标完成情况", book=book, name="1-3月")
save(book, "xlsx-format-two-tables.xlsx")

# One county's growth refused: the 位次 of that indicator is not checked, and the run says why.
save(table([
    ["丰城市", 5.2, 1, 23.51, 3.1, 2],
    ["樟树市", "四点零", 2, 12.1, -3.1, 3],
    ["高安市", 3.0, 3, 30.2, 4.5, 1],
]), "xlsx-format-rank-group-incomplete.xlsx")
