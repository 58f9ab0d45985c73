"""No layout fails on geometry: the meeting packet on every quirk generator (issue 11,
item 4), above all on towns that overlap (GEOS refused to clip an invalid unit shape)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from editor.io.load import open_layer
from editor.layout.mapdraw import PlanGeometry, overlay, valid_noded
from tests.quirks import GENERATORS, dense_grid, overlay_zone, write
from tests.support import run


def _quirk(name: str):
    return dense_grid(3, 3, 200) if name == "dense_grid" else GENERATORS[name]()


def _plan_rows(layer, name: str) -> list[tuple[str, str]]:
    """Every town paired with the next (the overlay zone's towns with their zones)."""
    names = layer.names.tolist()
    if name == "overlay_zone":
        units = {"甲镇": "甲镇", "经济开发区": "甲镇", "丙镇": "丙镇", "工业园区": "丙镇"}
        return [(str(i), units.get(n, n)) for i, n in zip(layer.ids.tolist(), names, strict=True)]
    return [(str(i), f"单元{k // 2}") for k, i in enumerate(layer.ids.tolist())]


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_the_packet_draws_on_every_quirk(tmp_path, name):
    path = write(_quirk(name), tmp_path / f"{name}.shp")
    layer = open_layer(path)
    plan = tmp_path / "plan.csv"
    plan.write_text(
        "town,unit\n" + "".join(f"{t},{u}\n" for t, u in _plan_rows(layer, name)),
        encoding="utf-8",
    )
    out = tmp_path / "packet.pdf"
    done = run("layout", path, "--plan", plan, "--kind", "packet", "--out", out)
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr
    assert out.read_bytes()[:5] == b"%PDF-"


def test_unit_shapes_of_overlapping_towns_are_valid(tmp_path):
    from editor.core.commands import NewUnit
    from editor.core.plan import Plan

    layer = open_layer(write(overlay_zone(), tmp_path / "zone.shp"))
    plan = Plan(layer)
    park = int(np.flatnonzero(layer.names == "工业园区")[0])
    town = int(np.flatnonzero(layer.names == "丙镇")[0])
    NewUnit([town, park]).redo(plan)
    geo = PlanGeometry(plan)
    assert shapely.is_valid(geo.unit_geoms).all()
    uid = int(plan.unit_of[town])
    # the park lies inside its town: the unit is the town's shape
    assert shapely.area(geo.unit_geom[uid]) == pytest.approx(
        shapely.area(layer.geometry_m[town]), rel=1e-6
    )


def test_overlay_survives_invalid_operands():
    nested = shapely.MultiPolygon([shapely.box(0, 0, 10, 10), shapely.box(2, 2, 12, 5)])
    assert not nested.is_valid
    view = shapely.box(-1, -1, 11, 4)
    with pytest.raises(shapely.errors.GEOSException):
        shapely.difference(shapely.intersection(view, nested), shapely.box(0, 0, 10, 10))
    inside = overlay(shapely.intersection, view, nested)
    visible = overlay(shapely.difference, inside, shapely.box(0, 0, 10, 10))
    assert shapely.area(visible) == pytest.approx(2 * 1.0, abs=1e-3)  # x 10..11, y 2..4
    (fixed,) = valid_noded(np.array([nested], dtype=object))
    assert fixed.is_valid and fixed.area == pytest.approx(100 + 2 * 3)


def test_a_unit_without_any_population_reads_a_dash_in_the_layout_tables(tmp_path):
    """Issue 11, item 7: missing, never 0 (the table said 0.00 万)."""
    import pypdf

    from editor.core.commands import NewUnit
    from editor.core.plan import Plan
    from editor.layout import LayoutSettings, save_layout
    from tests.support import grid_layer

    pop = np.array([np.nan, np.nan, 30000.0, 40000.0, 50000.0, 60000.0, 70000.0, 80000.0, 90000.0])
    plan = Plan(grid_layer(population=pop))
    NewUnit([0, 1]).redo(plan)
    plan.units[int(plan.unit_of[0])].name = "无人口单元"
    out = tmp_path / "packet.pdf"
    save_layout(plan, LayoutSettings(kind="packet", paper="A4"), out)
    pages = [p.extract_text() or "" for p in pypdf.PdfReader(str(out)).pages]
    rows = [ln.replace(" ", "") for text in pages for ln in text.splitlines() if "无人口单元" in ln]
    assert rows, pages[:2]
    assert not any("0.00" in row for row in rows), rows
    assert any("—" in row for row in rows), rows
