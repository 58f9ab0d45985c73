"""Shared fixtures: small hand-made layers and paths to the real layers."""

from __future__ import annotations

import os

import pytest
import shapely

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

import geopandas as gpd  # noqa: E402

from editor.io.load import LoadOptions, open_layer  # noqa: E402
from tests.support import copy_layer, grid_layer  # noqa: E402


@pytest.fixture
def grid():
    return grid_layer()


@pytest.fixture
def work(tmp_path):
    """A project folder: the towns, a border line, a facility layer and a road layer."""
    data = tmp_path / "县" / "data"
    towns = copy_layer("sample_county", data)
    border = copy_layer("border_line", data)
    layer = open_layer(towns, LoadOptions(border_layer=border))
    pts = shapely.point_on_surface(layer.geometry[:9])
    kinds = ["卫生院", "学校", "学校"] * 3
    facilities = data / "设施.gpkg"
    gpd.GeoDataFrame(
        {"类型": kinds, "名称": [f"点{k}" for k in range(9)]}, geometry=pts, crs=layer.crs
    ).to_file(facilities)
    roads = data / "道路.geojson"
    line = shapely.LineString(shapely.get_coordinates(layer.geometry[0])[:5])
    gpd.GeoDataFrame({"名称": ["县道"]}, geometry=[line], crs=layer.crs).to_file(roads)
    return {
        "towns": towns,
        "border": border,
        "facilities": facilities,
        "roads": roads,
        "layer": layer,
    }


@pytest.fixture(autouse=True)
def _isolated_user_state(tmp_path, monkeypatch):
    """No test reads or writes the user's settings, recent files or recovery journals."""
    from editor.io import journal

    monkeypatch.setattr(journal, "_recovery_override", tmp_path / "recovery")
    try:
        from PySide6.QtCore import QSettings

        from editor.gui import i18n
    except ImportError:  # a machine without Qt still runs the Qt-free tests
        return
    store = tmp_path / "settings.ini"
    monkeypatch.setattr(i18n, "settings", lambda: QSettings(str(store), QSettings.Format.IniFormat))


@pytest.fixture
def messages(monkeypatch):
    """Message boxes answered "OK" at once; returns the ``(kind, text)`` shown."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []
    for kind in ("information", "warning", "critical"):

        def fake(parent, title, text, *a, _kind=kind, **k):
            shown.append((_kind, text))
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, kind, staticmethod(fake))
    return shown
