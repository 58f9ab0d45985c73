"""Assignment and unit-statistics tables (CSV with BOM, XLSX) and table import."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from editor.core.history import History
from editor.core.plan import Plan
from editor.core.session import plan_from_assignment
from editor.errors import PlanError, WriteError
from editor.io.load import open_layer
from editor.io.plantable import read_assignment_table
from editor.io.tables import export_table, import_assignment_table

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_shapes" / "sample_county.shp"
SAMPLE_PLAN = REPO / "sample_shapes" / "sample_plan.csv"


@pytest.fixture(scope="module")
def layer():
    return open_layer(SAMPLE)


@pytest.fixture(scope="module")
def plan(layer):
    plan, _ = plan_from_assignment(layer, read_assignment_table(SAMPLE_PLAN))
    return plan


def _groups(plan: Plan) -> set[frozenset[str]]:
    ids = plan.layer.ids
    return {frozenset(str(ids[t]) for t in u.members) for u in plan.units.values()}


def test_assignment_csv_has_bom_and_chinese_headers(tmp_path, plan):
    out = tmp_path / "对照表.csv"
    export_table(plan, out, "assignment", language="zh")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["乡镇代码", "乡镇名称", "合并后编号", "合并后乡镇"]
    assert len(rows) == 1 + plan.layer.n
    by_town = {r[0]: r[3] for r in rows[1:]}
    assert by_town == plan.assignment()


def test_english_headers(tmp_path, plan):
    out = tmp_path / "units.csv"
    export_table(plan, out, "units", language="en")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:2] == ["unit_id", "unit_name"]
    assert len(rows) == 1 + len(plan)
    pop = sum(float(r[rows[0].index("population")]) for r in rows[1:])
    assert pop == pytest.approx(plan.layer.total_population)


def test_units_xlsx_opens_with_openpyxl_codes_as_text(tmp_path, plan):
    out = tmp_path / "合并后乡镇统计.xlsx"
    export_table(plan, out, "units", language="zh")
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["合并后编号", "合并后乡镇", "驻地代码", "驻地"]
    assert ws.max_row == 1 + len(plan)
    seat_code = ws.cell(row=2, column=3).value
    assert isinstance(seat_code, str) and len(seat_code) == 12  # not 5.3083E+11
    names = [ws.cell(row=r, column=2).value for r in range(2, ws.max_row + 1)]
    assert names == [plan.units[u].name for u in plan.unit_ids()]
    summary = wb.worksheets[1]
    assert summary.cell(row=2, column=2).value == plan.layer.n
    assert summary.cell(row=2, column=3).value == len(plan)


@pytest.mark.parametrize("ext", [".csv", ".xlsx"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_exported_assignment_table_imports_back(tmp_path, layer, plan, ext, lang):
    out = tmp_path / f"assignment{ext}"
    export_table(plan, out, "assignment", language=lang)
    fresh = Plan(layer)
    imported = import_assignment_table(fresh, out)
    assert imported.unmatched == [] and imported.matched == layer.n
    history = History(fresh)
    history.push(imported.command)
    assert _groups(fresh) == _groups(plan)
    history.undo()  # one undo step restores the plan as it was
    assert len(fresh) == layer.n


def test_import_reports_unmatched_rows(tmp_path, layer):
    table = tmp_path / "plan.csv"
    table.write_text(
        "乡镇代码,合并后乡镇\n530830001000,新城镇\n530830002000,新城镇\n999999999999,某镇\n不存在乡,某镇\n",
        encoding="utf-8-sig",
    )
    fresh = Plan(layer)
    imported = import_assignment_table(fresh, table)
    assert imported.unmatched == ["999999999999", "不存在乡"]
    assert imported.matched == 2 and imported.units == 1
    assert "999999999999" in imported.report()
    imported.command.redo(fresh)
    uid = fresh.find_unit("新城镇")
    assert len(fresh.units[uid].members) == 2


def test_import_of_unreadable_table(tmp_path, layer):
    bad = tmp_path / "plan.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(PlanError):
        import_assignment_table(Plan(layer), bad)


def test_unsupported_table_type(tmp_path, plan):
    with pytest.raises(WriteError, match="unsupported"):
        export_table(plan, tmp_path / "t.ods")


def test_units_table_carries_quota_facilities_and_sums(tmp_path, plan):
    import numpy as np
    import shapely

    from editor.core.facilities import FacilityLayer
    from editor.core.quota import QuotaCalculator
    from editor.io.rules_file import load_rules

    rules = load_rules(SAMPLE.with_name("sample_rules.toml"))
    layer = plan.layer
    surface = shapely.point_on_surface(layer.geometry_m)
    fac = FacilityLayer.from_points(layer, surface[::2], ["卫生院"] * len(surface[::2]))
    out = tmp_path / "units.xlsx"
    export_table(plan, out, "units", "zh", rules=rules, facilities=[fac], carry=["村委会数"])
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[-2:] == ["卫生院(个)", "村委会数(合计)"]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    quota = QuotaCalculator(layer, rules.quota)
    for row in rows:
        uid = row["合并后编号"]
        assert row["测算编制"] == quota.unit(plan, uid).total
        assert row["原乡镇编制合计"] == quota.old_total_of(plan, uid)
        assert row["卫生院(个)"] == fac.unit_counts(plan, uid).get("卫生院", 0)
        assert row["服务半径(公里)"] > 0 or plan.stats(uid).towns == 1
    assert sum(r["卫生院(个)"] for r in rows) == len(fac)
    villages = layer.attributes["村委会数"].astype(float).sum()
    assert sum(r["村委会数(合计)"] for r in rows) == pytest.approx(villages)
    summary = {r[0].value: [c.value for c in r[1:]] for r in wb.worksheets[1].iter_rows(min_row=2)}
    totals = quota.totals(plan)
    assert summary["编制总数"][:2] == [totals["old"], totals["new"]]
    assert np.isfinite(totals["new"]) and totals["new"] < totals["old"]  # a merger saves quota
