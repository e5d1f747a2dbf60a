#!/usr/bin/env python3
"""Pictures of printed documents for docs/ (not run by CI): DOCX converted by LibreOffice, pages
rendered by poppler at 80 dpi.

    Scripts/docs/document_pages.py pages FILE.docx PAGE:docs/NAME.png ...
    Scripts/docs/document_pages.py compare BEFORE.docx AFTER.docx docs/NAME.png

`pages` writes the given pages of one document; `compare` sets the pages of two versions of a
document in two rows, "before" over "after". The pictures in docs/documents.md were made from `yujing demo --once
--dir DIR` (DIR/documents/notice-10-2020-03-talk.docx and summary-2020-12.docx); the "before"
from the same demo run at the commit before the body's last lines
were kept with the signature and the 版记.

Needs Debian's libreoffice-writer, poppler-utils and fonts-noto-cjk, and `pip install pillow`
for `compare`.
"""
import os, shutil, subprocess, sys, tempfile


def pdf(docx, directory):
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{directory}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", directory, docx], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return os.path.join(directory, os.path.splitext(os.path.basename(docx))[0] + ".pdf")


def page(pdf_path, number, out, dpi=80):
    prefix = os.path.splitext(out)[0]
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(number), "-l", str(number), "-singlefile",
                    pdf_path, prefix], check=True)
    return prefix + ".png"


def page_count(pdf_path):
    info = subprocess.run(["pdfinfo", pdf_path], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def compare(before, after, out):
    from PIL import Image, ImageDraw, ImageOps
    with tempfile.TemporaryDirectory() as directory:
        rows = []
        for label, docx in (("before", before), ("after", after)):
            converted = pdf(docx, os.path.join(directory, label))
            pages = [Image.open(page(converted, n, os.path.join(directory, f"{label}-{n}.png"))).convert("RGB")
                     for n in range(1, page_count(converted) + 1)]
            pages = [ImageOps.expand(p.resize((p.width // 2, p.height // 2)), border=1, fill=(150, 150, 150))
                     for p in pages]
            row = Image.new("RGB", (sum(p.width + 12 for p in pages) + 12, pages[0].height + 24), (228, 228, 228))
            x = 12
            for p in pages:
                row.paste(p, (x, 12))
                x += p.width + 12
            rows.append((label, row))
        width = max(row.width for _, row in rows)
        picture = Image.new("RGB", (width, sum(row.height + 28 for _, row in rows)), (255, 255, 255))
        draw = ImageDraw.Draw(picture)
        y = 0
        for label, row in rows:
            draw.text((12, y + 8), label, fill=(0, 0, 0))
            picture.paste(row, (0, y + 28))
            y += row.height + 28
        picture.save(out, optimize=True)


def main():
    command, *arguments = sys.argv[1:]
    if command == "compare":
        compare(*arguments)
        return
    docx, *shots = arguments
    with tempfile.TemporaryDirectory() as directory:
        converted = pdf(docx, directory)
        for shot in shots:
            number, out = shot.split(":", 1)
            written = page(converted, int(number), os.path.join(directory, "page.png"))
            shutil.move(written, out)


if __name__ == "__main__":
    main()
