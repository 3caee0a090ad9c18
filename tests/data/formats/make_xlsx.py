"""Makes the .xlsx test workbooks from power300.csv (run make_formats.R first).

    cd tests/data/formats && python3 make_xlsx.py   (needs openpyxl: apt-get install -y python3-openpyxl)

power300.xlsx: sheet "Sheet1" holds power300.csv (numbers as numbers, empty cells empty, except one missing cell
written as the text NA), sheet "Subset" the first 50 rows of the Image and Loyalty items.
Broken workbooks for the error messages: empty_header.xlsx (Sheet1!C1 empty), text_cell.xlsx (the text "abc" in
Sheet1!C5, a numeric column), merged_header.xlsx (Sheet1!B1:C1 merged), duplicate_header.xlsx (IMG1 twice) and
truncated.xlsx (the first 300 bytes of a workbook).
"""
import csv
import datetime

from openpyxl import Workbook

FIXED = datetime.datetime(2026, 1, 1)


def rows_of_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    out = []
    for r in data:
        out.append([r[0]] + [None if v == "" else int(v) for v in r[1:]])
    return header, out


def save(wb, path):
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.save(path)


def workbook(header, rows, title="Sheet1"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for r in rows:
        ws.append(r)
    return wb, ws


header, rows = rows_of_csv("power300.csv")

# the full data: one missing cell (the first empty VAL3) as the text NA, the others empty
wb, ws = workbook(header, rows)
val3 = header.index("VAL3")
na_row = next(i for i, r in enumerate(rows) if r[val3] is None)
ws.cell(row=na_row + 2, column=val3 + 1, value="NA")
sub = wb.create_sheet("Subset")
keep = [i for i, h in enumerate(header) if h.startswith("IMG") or h.startswith("LOY")]
sub.append([header[i] for i in keep])
for r in rows[:50]:
    sub.append([r[i] for i in keep])
save(wb, "power300.xlsx")

small_header, small = header[:6], [r[:6] for r in rows[:10]]

wb, ws = workbook(small_header, small)
ws["C1"] = None
save(wb, "empty_header.xlsx")

wb, ws = workbook(small_header, small)
ws["C5"] = "abc"
save(wb, "text_cell.xlsx")

wb, ws = workbook(small_header, small)
ws.merge_cells("B1:C1")
save(wb, "merged_header.xlsx")

wb, ws = workbook(small_header, small)
ws["D1"] = "IMG1"
save(wb, "duplicate_header.xlsx")

with open("power300.xlsx", "rb") as f:
    head = f.read(300)
with open("truncated.xlsx", "wb") as f:
    f.write(head)
