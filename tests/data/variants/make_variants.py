#!/usr/bin/env python3
"""Writes the survey variants of tests/data/variants/ from examples/data/power_survey.csv (run from the repository
root: python3 tests/data/variants/make_variants.py). The first 200 respondents, the segment and the model's items,
and a case weight w = 0.75, 1, 1.25, 1.5 in turn:
  power200.csv          UTF-8, ',' and '.', empty cells for no answer
  power200_codes99.csv  every empty item cell written 99 ("no answer" code), and 99.0 in one cell
  power200_semicolon.csv ';'-delimited with decimal commas (w = 0,75 ...), as European Excel writes
"""
import csv

ITEMS = ["IMG1", "IMG2", "IMG3", "EXP1", "EXP2", "EXP3", "QUA1", "QUA2", "QUA3", "QUA4", "QUA5", "VAL1", "VAL2",
         "VAL3", "SAT1", "SAT2", "SAT3", "COM1", "COM2", "LOY1", "LOY2", "LOY3"]
WEIGHTS = ["0.75", "1", "1.25", "1.5"]

with open("examples/data/power_survey.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))[:200]

header = ["segment"] + ITEMS + ["w"]
table = [[r["segment"]] + [r[i] for i in ITEMS] + [WEIGHTS[k % 4]] for k, r in enumerate(rows)]

def write(name, data, delimiter=","):
    with open("tests/data/variants/" + name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\n")
        w.writerow(header)
        w.writerows(data)

write("power200.csv", table)
coded = [[c if (j == 0 or c != "") else "99" for j, c in enumerate(row)] for row in table]
first = next(k for k, row in enumerate(table) if "" in row)
coded[first][table[first].index("")] = "99.0"
write("power200_codes99.csv", coded)
write("power200_semicolon.csv", [[c.replace(".", ",") for c in row] for row in table], delimiter=";")
