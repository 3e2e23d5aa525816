#!/usr/bin/env python3
"""Writes the skills of sfia-sample.csv as spreadsheets in the layout of the Skills sheet of
SFIA's official spreadsheet, so that `cairn frameworks import` is tried (and tested) on real
.xlsx files written by real spreadsheet writers:

- Frameworks/sfia/sfia-sample.xlsx, written by XlsxWriter, which stores text as Excel does: in
  the shared strings table, with one description as rich text (runs in different fonts);
- Tests/CairnTestSupport/Fixtures/frameworks/sfia-inline-strings.xlsx, written by openpyxl,
  which stores every text cell as an inline string (and rich text as inline runs).

Each is read back with openpyxl and compared with the CSV before the script ends.

Needs XlsxWriter and openpyxl (`pip install XlsxWriter openpyxl`; made with 3.3.1 and 3.1.5).
Run from anywhere:

    python3 Frameworks/sfia/make-sfia-sample-xlsx.py

The Skills sheet follows SFIA 9's column layout: `#`, seven level-number columns under one
`Levels` header (merged over them; level 1 in the first, level 7 in the last), `Code`, `URL`,
`Skill`, `Category`, `Subcategory`, `Overall description`, `Guidance notes`, and
`Level 1 description` … `Level 7 description`. A notes sheet comes before it and a levels sheet
after it, so a reader must find the Skills sheet by its name. The URL cells are left empty
(the sample makes up no addresses). Zip entries get a fixed date and the document properties
fixed times, so running the script again gives the same bytes.
"""
import csv
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "sfia-sample.csv"
SHARED = HERE / "sfia-sample.xlsx"
INLINE = HERE.parent.parent / "Tests/CairnTestSupport/Fixtures/frameworks/sfia-inline-strings.xlsx"
FIXED = datetime(2026, 1, 1)

NOTES = ["A sample in the layout of SFIA's spreadsheet, made for Cairn's tests.",
         "Codes, names, categories and subcategories are SFIA 8's; descriptions are short summaries "
         "written for the sample, and every level cell holds a placeholder sentence."]
HEADER = (["#", "Levels"] + [None] * 6
          + ["Code", "URL", "Skill", "Category", "Subcategory", "Overall description", "Guidance notes"]
          + [f"Level {level} description" for level in range(1, 8)])
# SFIA's guiding phrases for its seven levels of responsibility.
LEVELS = [(1, "Follow"), (2, "Assist"), (3, "Apply"), (4, "Enable"), (5, "Ensure, advise"),
          (6, "Initiate, influence"), (7, "Set strategy, inspire, mobilise")]
# The description written as rich text: its first word in bold.
RICH_CODE, RICH_WORD = "PROG", "Designing"


def skills():
    with SOURCE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def rows():
    """The Skills sheet's rows after the header, as lists of cell values (None: empty)."""
    for number, skill in enumerate(skills(), start=1):
        described = [skill[f"Level {level} description"] or None for level in range(1, 8)]
        level_numbers = [level if described[level - 1] else None for level in range(1, 8)]
        yield ([number] + level_numbers
               + [skill["Code"], None, skill["Skill"], skill["Category"], skill["Subcategory"],
                  skill["Overall description"], skill["Guidance notes"] or None] + described)


def write_shared(target):
    """XlsxWriter: text in the shared strings table, numbers as numbers, one rich-text cell."""
    book = xlsxwriter.Workbook(target, {"strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"author": "Cairn", "created": FIXED})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    notes = book.add_worksheet("Read Me Notes")
    for index, line in enumerate(NOTES):
        notes.write_string(index, 0, line)
    sheet = book.add_worksheet("Skills")
    for column, name in enumerate(HEADER):
        if name is not None and column != 1:
            sheet.write_string(0, column, name, bold)
    sheet.merge_range(0, 1, 0, 7, "Levels", bold)
    for row, values in enumerate(rows(), start=1):
        for column, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, int):
                sheet.write_number(row, column, value, wrap)
            elif HEADER[column] == "Overall description" and values[8] == RICH_CODE:
                rest = value[len(RICH_WORD):]
                assert value.startswith(RICH_WORD)
                sheet.write_rich_string(row, column, bold, RICH_WORD, rest, wrap)
            else:
                sheet.write_string(row, column, value, wrap)
    levels = book.add_worksheet("Levels of responsibility")
    levels.write_row(0, 0, ["Level", "Guiding phrase"], bold)
    for row, (level, phrase) in enumerate(LEVELS, start=1):
        levels.write_number(row, 0, level)
        levels.write_string(row, 1, phrase)
    book.close()


def write_inline(target):
    """openpyxl: every text cell an inline string, the rich-text cell as inline runs."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Read Me Notes"
    for line in NOTES:
        notes.append([line])
    sheet = book.create_sheet("Skills")
    sheet.append(HEADER)
    sheet.merge_cells(start_row=1, start_column=2, end_row=1, end_column=8)
    for values in rows():
        if values[8] == RICH_CODE:
            values[13] = CellRichText([TextBlock(InlineFont(b=True), RICH_WORD), values[13][len(RICH_WORD):]])
        sheet.append(values)
    levels = book.create_sheet("Levels of responsibility")
    levels.append(["Level", "Guiding phrase"])
    for level, phrase in LEVELS:
        levels.append([level, phrase])
    book.properties.creator = "Cairn"
    book.properties.created = FIXED
    book.save(target)


def reproducible(written, target):
    """Rewrites the archive in `written` to `target` with fixed dates, inside and out."""
    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            out.writestr(fixed, data)


def check(target):
    """Reads `target` back with openpyxl: the Skills sheet must hold the CSV's rows."""
    sheet = openpyxl.load_workbook(target, rich_text=False)["Skills"]
    found = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert found == list(rows()), f"{target} does not hold the CSV's skills"
    assert [cell.value for cell in sheet[1]][8:] == HEADER[8:], f"{target}: unexpected header"


def main():
    for target, write in [(SHARED, write_shared), (INLINE, write_inline)]:
        written = io.BytesIO()
        write(written)
        reproducible(written, target)
        check(target)
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
