#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, made from the repository's own files (the sample feeds,
the default targets, the test workbook, the rule files), so that the fuzzers start from inputs
that reach deep into each parser instead of discovering the formats from nothing.

    Scripts/fuzz/seeds.py TARGET OUTPUT_DIR      (TARGET: csv, json, xlsx, xls, rules, yaml or zip)
"""
import csv, glob, io, json, os, re, struct, sys, zipfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SAMPLE = os.path.join(ROOT, "Sources", "YujingResources", "sample")
# Seeds are cut to a few rows: libFuzzer's input size limit follows the largest seed, and short
# inputs are mutated and run many times faster.
ROWS = 12


def write(directory, name, data):
    with open(os.path.join(directory, name), "wb") as file:
        file.write(data if isinstance(data, bytes) else data.encode())


def head(path, rows=ROWS):
    with open(path, encoding="utf-8-sig", newline="") as file:
        return "".join(line for _, line in zip(range(rows + 1), file))


def feed_files():
    files = sorted(glob.glob(os.path.join(SAMPLE, "*.csv")))
    return files + [os.path.join(ROOT, "Sources", "YujingResources", "default", "targets-2020.csv")]


def csv_seeds(out):
    for path in feed_files():
        write(out, os.path.basename(path), head(path))
    # What the readers must reject clearly: a quote left open, ragged rows, CRLF and a BOM.
    write(out, "unclosed-quote.csv", 'period,region,indicator,value,growth\n2020-05,"360902,fai,,1.5\n')
    write(out, "ragged-crlf-bom.csv", "\ufeffperiod,region,indicator,value,growth\r\n2020-05,360902,fai\r\n\r\n")


def json_seeds(out):
    for path in feed_files():
        rows = list(csv.DictReader(io.StringIO(head(path))))
        name = os.path.splitext(os.path.basename(path))[0]
        # Figures as JSON numbers where they are numbers, as the feeds' JSON form allows both.
        def value(text):
            return float(text) if re.fullmatch(r"-?\d+(\.\d+)?", text or "") else (text or None)
        write(out, name + ".json", json.dumps([{k: value(v) for k, v in row.items()} for row in rows],
                                              ensure_ascii=False, indent=1))
    projects = sorted(glob.glob(os.path.join(SAMPLE, "projects-*.csv")))[4]
    milestones = list(csv.DictReader(io.StringIO(head(projects.replace("projects-", "milestones-"), 40))))
    rows = list(csv.DictReader(io.StringIO(head(projects, 3))))
    for row in rows:
        row["milestones"] = [{k: v for k, v in m.items() if k != "project"} for m in milestones
                             if m["project"] == row["project"]]
    write(out, "projects-with-milestones.json", json.dumps(rows, ensure_ascii=False))
    write(out, "escapes.json", '[{"region": "\\u8881\\u5DDE\\uD83D\\uDE00", "value": -1.5e3, "growth": null}]')
    write(out, "nested.json", "[" * 40 + "]" * 40)


def xlsx_seeds(out):
    paths = sorted(glob.glob(os.path.join(ROOT, "Tests", "YujingCoreTests", "Fixtures", "*.xlsx")))
    for number, path in enumerate(paths):
        with zipfile.ZipFile(path) as workbook:
            parts = {name: workbook.read(name) for name in workbook.namelist() if name.endswith((".xml", ".rels"))}
        strings = parts.get("xl/sharedStrings.xml", b"")
        for name, xml in parts.items():
            seed = strings + b"\0" + xml if "worksheets/" in name else xml
            write(out, f"{number}-" + name.replace("/", "_"), seed)


def xls_seeds(out):
    """The corpus's .xls workbooks whole, and each one's workbook stream alone (what the target
    reads when the input is not a compound file), cut out of its regular sectors."""
    paths = sorted(glob.glob(os.path.join(ROOT, "Tests", "YujingCoreTests", "Fixtures", "malformed", "xls-*.xls")))
    for path in paths:
        data = open(path, "rb").read()
        if len(data) > 65536:
            continue
        name = os.path.basename(path)
        write(out, name, data)
        try:
            stream = workbook_stream(data)
        except (struct.error, UnicodeDecodeError):
            stream = None  # a damaged workbook: kept whole only
        if stream:
            write(out, name + ".biff", stream)


def workbook_stream(data):
    """The Workbook stream of a compound file with 512-byte sectors whose allocation table fits
    in the header's 109 entries (what xlwt writes for small workbooks); None otherwise."""
    if data[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or struct.unpack_from("<H", data, 0x1E)[0] != 9:
        return None
    def sector(n):
        return data[512 + n * 512: 1024 + n * 512]
    fat = []
    for index in range(109):
        n = struct.unpack_from("<I", data, 0x4C + index * 4)[0]
        if n < 0xFFFFFFFA:
            fat += struct.unpack("<128I", sector(n))
    def chain(start):
        out, n, steps = b"", start, 0
        while n < 0xFFFFFFFA and n < len(fat) and steps < len(fat):
            out += sector(n)
            n, steps = fat[n], steps + 1
        return out
    directory = chain(struct.unpack_from("<I", data, 0x30)[0])
    for offset in range(0, len(directory), 128):
        entry = directory[offset: offset + 128]
        name = entry[: struct.unpack_from("<H", entry, 0x40)[0]].decode("utf-16-le").rstrip("\0")
        if name == "Workbook" and entry[0x42] == 2:
            start, size = struct.unpack_from("<II", entry, 0x74)
            return chain(start)[:size] if size >= 4096 else None
    return None


def rule_seeds(out):
    paths = sorted(glob.glob(os.path.join(ROOT, "thresholds", "**", "*.yaml"), recursive=True))
    keys = r"(?:when|recovery|red|orange|yellow|blue)"
    seen = set()
    for path in paths:
        with open(path, encoding="utf-8") as file:
            for line in file:
                match = re.match(r"\s*(?:-\s*)?" + keys + r":\s*(.+?)\s*$", line)
                if not match or match.group(1) in ("|", ">", "|-", ">-"):
                    continue
                text = match.group(1)
                if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
                    text = text[1:-1]
                if text not in seen:
                    seen.add(text)
                    write(out, f"rule-{len(seen):03}.txt", text)


MALFORMED = os.path.join(ROOT, "Tests", "YujingCoreTests", "Fixtures", "malformed")


def yaml_seeds(out):
    # The default configuration cut into its sections (each alone is small and reaches the
    # decoder's checks of that section), the rule files, and the corpus' broken YAML files.
    with open(os.path.join(ROOT, "Sources", "YujingResources", "default", "yujing.yaml"), encoding="utf-8") as file:
        text = file.read()
    sections = re.split(r"\n(?=[a-z_]+:)", text)
    head_section = next(section for section in sections if section.startswith("city:"))
    for number, section in enumerate(sections):
        write(out, f"config-{number:02}.yaml", head_section + "\n" + section if section is not head_section else section)
    for path in sorted(glob.glob(os.path.join(ROOT, "thresholds", "**", "*.yaml"), recursive=True)):
        with open(path, "rb") as file:
            write(out, "thresholds-" + os.path.relpath(path, ROOT).replace("/", "_"), file.read()[:4096])
    for path in sorted(glob.glob(os.path.join(MALFORMED, "*.yaml"))):
        with open(path, "rb") as file:
            write(out, os.path.basename(path), file.read()[:4096])


def zip_seeds(out):
    # Small workbooks whole: the test fixtures and the corpus' damaged archives.
    paths = sorted(glob.glob(os.path.join(ROOT, "Tests", "YujingCoreTests", "Fixtures", "*.xlsx")))
    paths += sorted(glob.glob(os.path.join(MALFORMED, "*.xlsx")))
    for path in paths:
        if os.path.getsize(path) <= 32768:
            with open(path, "rb") as file:
                write(out, os.path.basename(path), file.read())


def main():
    target, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    seeds = {"csv": csv_seeds, "json": json_seeds, "xlsx": xlsx_seeds, "xls": xls_seeds, "rules": rule_seeds,
             "yaml": yaml_seeds, "zip": zip_seeds}
    seeds[target](out)


if __name__ == "__main__":
    main()
