"""The plan document (调整方案, .docx): opened with python-docx and checked against the
XLSX table of the same plan, the raw shapefile's figures and the boundary descriptions."""

from __future__ import annotations

import re

import docx
import geopandas as gpd
import openpyxl
import pyproj
import pytest
import shapely
from docx.oxml.ns import qn

from editor.cli.common import load_plan
from editor.core.boundary_text import boundary_texts
from editor.core.commands import ApplyAssignment
from editor.core.plan import Plan
from editor.core.ruleset import default_rules
from editor.core.session import take_benchmark
from editor.errors import WriteError
from editor.io.load import LoadOptions, open_layer
from editor.io.tables import export_table
from editor.layout.documents import unit_kind, write_plan_document
from tests.support import SAMPLE, SAMPLE_PLAN, grid_layer


@pytest.fixture(scope="module")
def sample():
    layer = open_layer(SAMPLE, LoadOptions())
    plan, unmatched = load_plan(layer, SAMPLE_PLAN)
    assert not unmatched
    take_benchmark(plan, default_rules())
    return layer, plan


@pytest.fixture(scope="module")
def written(sample, tmp_path_factory):
    layer, plan = sample
    folder = tmp_path_factory.mktemp("docs")
    out = write_plan_document(folder / "方案.docx", layer, plan, county="示例县")
    export_table(plan, folder / "units.xlsx", kind="units")
    wb = openpyxl.load_workbook(folder / "units.xlsx")
    units = list(wb.worksheets[0].iter_rows(values_only=True))
    summary = list(wb.worksheets[1].iter_rows(values_only=True))
    return docx.Document(str(out)), units, summary


def sections(document) -> dict[str, list[str]]:
    """Unit name -> the paragraphs of its section (after its Heading 2)."""
    out: dict[str, list[str]] = {}
    current = None
    for p in document.paragraphs:
        if p.style.name == "Heading 2":
            current = re.sub(r"^（\d+）|^\d+\. ", "", p.text)
            out[current] = []
        elif p.style.name.startswith("Heading"):
            current = None
        elif current is not None:
            out[current].append(p.text)
    return out


def field(lines: list[str], label: str) -> str:
    (line,) = [x for x in lines if x.startswith(label)]
    return line[len(label) :]


def test_one_section_per_unit_with_the_tables_figures(written, sample):
    document, units, _ = written
    header, rows = units[0], units[1:]
    col = {h: k for k, h in enumerate(header)}
    got = sections(document)
    assert list(got) == [r[col["合并后乡镇"]] for r in rows]  # every unit, table order
    assert len(got) == len(sample[1]) == 17
    for r in rows:
        lines = got[r[col["合并后乡镇"]]]
        pop, area = r[col["人口"]], r[col["面积(平方公里)"]]
        assert field(lines, "人口：") == f"{pop:,.0f}人（{pop / 1e4:,.2f}万人）"
        assert field(lines, "面积：") == f"{area:,.1f}平方公里"
        assert field(lines, "驻地：") == r[col["驻地"]]
        assert field(lines, "组成：").startswith(r[col["原乡镇"]])
        assert field(lines, "测算编制：") == f"{r[col['测算编制']]:,.0f}"


def test_figures_against_the_shapefile_itself(written, sample):
    """Population sums and geodesic union areas computed from the raw file."""
    document, _, _ = written
    _, plan = sample
    raw = gpd.read_file(SAMPLE)
    assign = {str(c): u for c, u in zip(*_csv_columns(), strict=True)}
    raw["unit"] = raw["乡镇代码"].astype(str).map(assign)
    geod = pyproj.Geod(ellps="GRS80")  # CGCS2000's ellipsoid
    got = sections(document)
    for name, group in raw.groupby("unit"):
        pop = group["户籍人口"].astype(float).sum()
        area = abs(geod.geometry_area_perimeter(shapely.union_all(group.geometry))[0]) / 1e6
        assert field(got[name], "人口：").startswith(f"{pop:,.0f}人")
        printed = float(field(got[name], "面积：").removesuffix("平方公里").replace(",", ""))
        assert abs(printed - area) <= 0.05 + 1e-3 * area, name


def _csv_columns():
    import csv

    with open(SAMPLE_PLAN, encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))[1:]
    return [r[0] for r in rows], [r[1] for r in rows]


def test_summary_paragraph_and_comparison_table(written, sample):
    document, _, summary = written
    _, plan = sample
    rows = {r[0]: r for r in summary[1:]}
    b_units, a_units = rows["乡镇数"][1:3]
    b_pop, a_pop = rows["平均人口"][1:3]
    b_area, a_area = rows["平均面积(平方公里)"][1:3]
    text = "\n".join(p.text for p in document.paragraphs)
    assert (
        f"由{b_units}个乡镇调减为{a_units}个乡镇，乡镇平均人口由{b_pop / 1e4:.2f}万人增加到"
        f"{a_pop / 1e4:.2f}万人，乡镇平均面积由{b_area:.1f}平方公里增加到{a_area:.1f}平方公里"
    ) in text
    assert document.paragraphs[0].text == "示例县乡镇行政区划调整方案"
    (table,) = document.tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["序号", "原乡镇", "乡镇代码", "调整后乡镇"]
    assert len(cells) == 1 + plan.layer.n
    codes, units = _csv_columns()
    assert {r[2]: r[3] for r in cells[1:]} == dict(zip(codes, units, strict=True))


def test_boundary_descriptions_and_kinds(written, sample):
    document, _, _ = written
    _, plan = sample
    texts = boundary_texts(plan)
    got = sections(document)
    for uid in plan.unit_ids():
        name = plan.units[uid].name
        assert field(got[name], "界线描述：") == texts[uid]
        assert field(got[name], "类型：") == unit_kind(name)
    assert unit_kind("岔河彝族乡") == "民族乡" and unit_kind("凤鸣街道") == "街道"
    assert unit_kind("大坪乡") == "乡" and unit_kind("城关镇") == "镇"
    assert unit_kind("Nowhere") == ""


def test_east_asian_fonts_are_set(written):
    document, _, _ = written
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) in ("宋体", "黑体"), name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name


def test_english_document_on_a_grid(tmp_path):
    layer = grid_layer()
    plan = Plan(layer)
    ApplyAssignment({"West Town": [0, 3, 6], "East Township": [2, 5, 8]}).redo(plan)
    out = write_plan_document(tmp_path / "plan.docx", layer, plan, county="Grid", lang="en")
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "Grid: Township Administrative Division Adjustment Plan"
    got = sections(document)
    assert len(got) == 5
    assert field(got["West Town"], "Boundary: ") == (
        "Borders 镇4 to the east, 镇1 to the southeast, 镇7 to the northeast."
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "goes from 9 units to 5" in text


def test_refuses_wrong_extension_and_the_layer(sample, tmp_path):
    layer, plan = sample
    for bad in (tmp_path / "plan.doc", tmp_path / "plan", tmp_path):
        with pytest.raises(WriteError):
            write_plan_document(bad, layer, plan)
    sidecar = tmp_path / "x.docx"
    with pytest.raises(WriteError, match="open in this session"):
        write_plan_document(sidecar, layer, plan, protected=[sidecar])
    assert sorted(tmp_path.iterdir()) == []
