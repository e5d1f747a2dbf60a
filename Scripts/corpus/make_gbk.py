#!/usr/bin/env python3
"""Writes the GB18030 text files of the malformed-input corpus
(Tests/YujingCoreTests/Fixtures/malformed/csv-gbk-*.csv) with Python's own gb18030 codec, as
Excel on a Chinese Windows saves "CSV": CRLF line ends, no byte-order mark. The generated files
are committed; run this again only to change them:

    python3 Scripts/corpus/make_gbk.py Tests/YujingCoreTests/Fixtures/malformed
"""
import csv, io, os, sys

out = sys.argv[1]


def write(name, rows, encoding="gb18030", replace=None):
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    data = buffer.getvalue().encode(encoding)
    if replace:
        data = data.replace(*replace)
    open(os.path.join(out, name), "wb").write(data)


PROJECTS = [
    ["period", "project", "name", "region", "department", "leader", "total_investment", "annual_plan",
     "completed_ytd", "status", "planned_start", "actual_start", "planned_completion", "registered"],
    ["2020-05", "P2020-017", "宜春锂电新能源产业园一期", "360902", "gxj", "分管副市长", "52.0", "12.0", "3.1", "在建",
     "2020-03-01", "2020-03-18", "2022-06-30", "2020-04-20"],
    ["2020-05", "P2020-031", "樟树市中药材仓储物流园（二期）", "360982", "fgw", "分管副市长", "8.5", "3.0", "1.25", "前期",
     "2020-07-01", "", "2021-12-31", ""],
]

# Read when the feed declares gb18030; refused with that advice when it does not.
write("csv-gbk-projects-declared.csv", PROJECTS)
write("csv-gbk-projects-undeclared.csv", PROJECTS)
# Declared gb18030 but saved as UTF-8: read as GB18030 it would give other characters.
write("csv-gbk-declared-but-utf8.csv", PROJECTS, encoding="utf-8")
# A targets file in GBK with figures typed as people type them.
write("csv-gbk-targets-declared.csv", [
    ["year", "region", "indicator", "target_growth", "target_value", "备注"],
    ["2021", "360982", "retail", "１０", "", "社零目标"],
    ["2021", "360981", "fai", "9.5%", "", "固投目标"],
])
# A character whose code means different characters in the 2005 and 2022 editions (A6D9).
write("csv-gbk-indicators-edition-dependent.csv", [
    ["period", "region", "indicator", "value", "growth", "备注"],
    ["2020-05", "360981", "industry_va", "", "5.2", "说明"],
], replace=("说明".encode("gb18030"), "说".encode("gb18030") + bytes([0xA6, 0xD9])))
