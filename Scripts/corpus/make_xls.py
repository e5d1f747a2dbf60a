#!/usr/bin/env python3
"""Writes the Excel 97-2003 (.xls) files of the malformed-input corpus
(Tests/YujingCoreTests/Fixtures/malformed), each a statistics-bureau table as xlwt, an
independent writer of the format, makes it: some read whole, some in part, some refused. The
generated files are committed; run this again only to change them:

    python3 Scripts/corpus/make_xls.py Tests/YujingCoreTests/Fixtures/malformed
"""
import datetime, os, sys
import xlwt

out = sys.argv[1]


def style(fmt=None):
    result = xlwt.XFStyle()
    if fmt:
        result.num_format_str = fmt
    return result


def table(rows, title="2020年1-4月宜春市主要经济指标完成情况", book=None, name="1-4月"):
    """The bureau's layout: a title, a merged two-row header, one row per county; each cell a
    value or (value, number format)."""
    book = book or xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet(name)
    sheet.write_merge(0, 0, 0, 5, title)
    sheet.write_merge(2, 3, 0, 0, "地区")
    sheet.write_merge(2, 2, 1, 2, "规模以上工业增加值")
    sheet.write_merge(2, 2, 3, 5, "一般公共预算收入")
    for column, text in enumerate(["增速", "位次", "总量", "增速", "位次"], start=1):
        sheet.write(3, column, text)
    for index, row in enumerate(rows):
        for column, value in enumerate(row):
            if value is None:
                continue
            value, fmt = value if isinstance(value, tuple) else (value, None)
            sheet.write(4 + index, column, value, style(fmt))
    return book


ROWS = [
    ["丰城市", 5.2, 1, 23.51, 3.1, 2],
    ["樟树市", 4.0, 2, 12.1, -3.1, 3],
    ["高安市", 3.0, 3, 30.2, 4.5, 1],
]


def save(book, name):
    book.save(os.path.join(out, name))


# The table as Excel 97-2003 keeps it: shared strings, merged header, numbers as RK and NUMBER.
save(table(ROWS), "xls-bureau-table.xls")

# Growth cells entered as percentages (0.052 shown as 5.2%), levels with a thousands format.
save(table([
    ["丰城市", (0.052, "0.0%"), 1, (1322.5, "#,##0.0"), (0.031, "0.0%"), 2],
    ["樟树市", (0.04, "0%"), 2, 12.1, (-0.031, "0.0%"), 3],
]), "xls-percent-growth.xls")

# Cells whose meaning is not certain: a unit in the format, a percentage in a level column, a
# date in a growth column. Each is refused with its cell; the rest of each row is kept.
save(table([
    ["丰城市", 5.2, 1, (23.51, '0.00"亿元"'), 3.1, 2],
    ["樟树市", 4.0, 2, (0.121, "0.0%"), -3.1, 3],
    ["高安市", (datetime.date(2020, 1, 3), "yyyy-mm-dd"), 3, 30.2, 4.5, 1],
]), "xls-uncertain-formats.xls")

# Figures typed as text as people type them; the % in a level column is refused.
save(table([
    ["丰城市", "7.9%", 1, "1,322.5", "－３.２", 2],
    ["樟树市", "4.0％", 2, "12.1%", "+3.1", 1],
]), "xls-written-figures.xls")

# The period only as a month typed into a date cell above the header.
book = table(ROWS, title="宜春市主要经济指标完成情况")
book.get_sheet(0).write(1, 0, datetime.date(2020, 4, 1), style('yyyy"年"m"月"'))
save(book, "xls-period-as-month-date.xls")

# A formula written by a program that does not calculate: no figure to take.
save(table([
    ["丰城市", xlwt.Formula("C6+1.2"), 1, 23.51, 3.1, 2],
    ["樟树市", 4.0, 2, 12.1, -3.1, 3],
]), "xls-formula-uncached.xls")

# A notes sheet before the table: the table is found by its header.
book = xlwt.Workbook(encoding="utf-8")
book.add_sheet("说明").write(0, 0, "本表数据为快报数，以正式公布为准。")
save(table(ROWS, book=book), "xls-notes-sheet-first.xls")

# Two months' tables in one workbook: which one is meant cannot be told.
book = table(ROWS)
table(ROWS, title="2020年1-3月宜春市主要经济指标完成情况", book=book, name="1-3月")
save(book, "xls-two-tables.xls")

# One county's growth refused: the bureau's 位次 of that indicator is not checked.
save(table([
    ["丰城市", 5.2, 1, 23.51, 3.1, 2],
    ["樟树市", "四点零", 2, 12.1, -3.1, 3],
    ["高安市", 3.0, 3, 30.2, 4.5, 1],
]), "xls-rank-group-incomplete.xls")

# Thousands of long strings: the shared-string table spans many CONTINUE records.
book = xlwt.Workbook(encoding="utf-8")
notes = book.add_sheet("说明")
for i in range(2000):
    notes.write(i, 0, "第%d条：本表数据为快报数，以正式公布为准。" % i + "注" * (i % 29))
save(table(ROWS, book=book), "xls-long-shared-strings.xls")

# The first half of a good workbook, as an interrupted download leaves it.
data = open(os.path.join(out, "xls-bureau-table.xls"), "rb").read()
open(os.path.join(out, "xls-truncated.xls"), "wb").write(data[: len(data) // 2])

# A CSV file given the .xls name, as some systems export "Excel" files.
open(os.path.join(out, "xls-csv-named-xls.xls"), "w").write("地区,规模以上工业增加值\n丰城市,5.2\n")

# An .xlsx workbook named .xls.
data = open(os.path.join(out, "xlsx-shared-strings.xlsx"), "rb").read()
open(os.path.join(out, "xls-xlsx-named-xls.xls"), "wb").write(data)
