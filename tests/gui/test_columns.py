"""One column catalogue (editor.core.columns): exports, tables, layouts and the units
dock take their unit-column headers from it, and the headers are the ones they had."""

from __future__ import annotations

import csv
import dataclasses

from PySide6.QtCore import QCoreApplication

from editor.core import columns
from editor.core.plan import Plan
from editor.core.project import Project
from editor.gui import i18n, main_window
from editor.gui.docks.units.rows import DOCK_HEADER_TEXTS
from editor.io import export, tables
from editor.io.load import open_layer
from editor.layout import settings
from tests.support import SAMPLE, grid_layer


def test_catalogue_keys_and_formats():
    cols = columns.COLUMNS
    for keys in (columns.TABLE_KEYS, columns.EXPORT_KEYS, columns.DOCK_KEYS):
        assert len(set(keys)) == len(keys) and set(keys) <= set(cols)
    for key in columns.EXPORT_KEYS:
        name = cols[key].field
        assert name.isascii() and 0 < len(name) <= export.DBF_NAME_BYTES
    assert cols["area_km2"].unit == "km²" and cols["area_km2"].decimals == 1
    assert cols["population"].decimals == 0 and cols["service_radius_km"].unit == "km"


def test_io_and_layouts_take_their_headers_from_the_catalogue():
    assert export.BASE_FIELDS == columns.export_fields()
    assert export.BASE_FIELDS[1] == ("name", "unit name", "合并后乡镇")
    assert tables.HEADERS["units"]["zh"] == columns.table_headers("zh")
    assert tables.HEADERS["units"]["en"] == columns.table_headers("en")
    assert tables.HEADERS["units"]["zh"][9] == "面积(平方公里)"
    for key, header in columns.layout_texts().items():
        assert settings.STRINGS[key] == header
    for key, header in columns.layout_texts(village=True).items():
        assert settings.VILLAGE_STRINGS[key] == header
    assert settings.STRINGS["col_pop"] == ("人口(万)", "Pop. (10k)")
    assert settings.VILLAGE_STRINGS["col_unit"] == ("合并后村", "Merged village")


def test_units_table_file_has_the_catalogue_headers(tmp_path):
    layer = open_layer(SAMPLE)
    out = tmp_path / "units.csv"
    tables.export_table(Plan(layer), out, "units", "zh")
    with open(out, encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert header[: len(columns.TABLE_KEYS)] == columns.table_headers("zh")


def test_units_dock_headers_come_from_the_catalogue(qtbot, monkeypatch):
    dock_texts = {c.dock for c in columns.COLUMNS.values() if c.dock}
    dock_texts |= {c.dock_village for c in columns.COLUMNS.values() if c.dock_village}
    assert set(DOCK_HEADER_TEXTS) == dock_texts  # lupdate sees every header
    w = main_window.MainWindow(Project(grid_layer(3, 3)))
    qtbot.addWidget(w)
    model = w.docks.units.model
    assert model.headers()[:4] == ("Unit", "Towns", "Population", "Area km²")
    try:
        i18n.set_language(i18n.CHINESE)
        zh = model.headers()
        assert zh[0] == QCoreApplication.translate("UnitsModel", "Unit") and zh[0] != "Unit"
        assert zh[2] == QCoreApplication.translate("UnitsModel", "Population")
    finally:
        i18n.set_language(i18n.ENGLISH)
        QCoreApplication.processEvents()
    # the dock reads the catalogue when it words its headers
    changed = dataclasses.replace(columns.COLUMNS["population"], dock="People")
    monkeypatch.setitem(columns.COLUMNS, "population", changed)
    assert model.headers()[2] == "People"


def test_facility_and_carried_headers():
    assert columns.facility_header("学校", True) == "学校(个)"
    assert columns.facility_header("school", False) == "school (count)"
    assert columns.facility_header("学校", True, description=True) == "学校数量"
    assert columns.carried_header("GDP", True) == "GDP(合计)"
    assert columns.carried_header("GDP", False, description=True) == "GDP (sum)"
