"""The open dialog's encoding and CRS rows, and View > Layer properties."""

from __future__ import annotations

import geopandas
import pyproj
import pytest
import shapely
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from editor.core.commands import AssignTowns
from editor.core.project import Project
from editor.gui import i18n, loader
from editor.gui.main_window import MainWindow
from editor.io import reader
from editor.io.load import LoadOptions, open_layer
from tests.support import grid_layer

NAMES = ["甲镇", "乙乡", "丙镇", "丁乡"]


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    store = tmp_path / "settings.ini"
    monkeypatch.setattr(i18n, "settings", lambda: QSettings(str(store), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot):
    w = MainWindow(Project(grid_layer(2, 2)))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def gbk_shapefile(path, id_field="代码"):
    """GBK text, no .cpg, LDID 0: how most county layers arrive."""
    geoms = [shapely.box(108 + 0.1 * k, 30, 108.1 + 0.1 * k, 30.1) for k in range(len(NAMES))]
    frame = geopandas.GeoDataFrame(
        {
            id_field: [f"50010{k}" for k in range(len(NAMES))],
            "乡镇名称": NAMES,
            "人口": [10000 + k for k in range(len(NAMES))],
        },
        geometry=geoms,
        crs=4490,
    )
    frame.to_file(path, encoding="GBK", engine="pyogrio")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    with path.with_suffix(".dbf").open("r+b") as f:
        f.seek(29)
        f.write(bytes([0]))
    return path


def gk_shapefile_without_prj(path):
    """Towns near 108.3E 30N in CGCS2000 3-degree GK CM 108E (EPSG:4545), no .prj."""
    lonlat = [shapely.box(108.2 + 0.1 * k, 30, 108.3 + 0.1 * k, 30.1) for k in range(3)]
    frame = geopandas.GeoDataFrame(
        {"CODE": ["1", "2", "3"], "NAME": ["a", "b", "c"], "POP": [1, 2, 3]},
        geometry=lonlat,
        crs=4490,
    ).to_crs(4545)
    frame.to_file(path, encoding="UTF-8", engine="pyogrio")
    path.with_suffix(".prj").unlink()
    return path, lonlat


def finished(qtbot, job, timeout=20000):
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=timeout)
    return job.outcome


def final_outcome(qtbot, job):
    outcome = finished(qtbot, job)
    while job.next_job is not None:
        job = job.next_job
        outcome = finished(qtbot, job)
    return outcome


def wait_dialog(qtbot, job):
    qtbot.waitUntil(lambda: job.field_dialog is not None, timeout=20000)
    return job.field_dialog


def wait_idle(qtbot, dialog):
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)


def choose_encoding(dialog, value):
    combo = dialog.encoding_combo
    index = combo.findData(value)
    assert index >= 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def type_crs(dialog, text, enter=True):
    edit = dialog.crs_combo.lineEdit()
    edit.setText(text)
    edit.textEdited.emit(text)
    if enter:
        edit.editingFinished.emit()


def geodesic_km2(polygons):
    geod = pyproj.Geod(ellps="GRS80")  # CGCS2000's ellipsoid (same a, f to 1e-4 m)
    return [abs(geod.geometry_area_perimeter(p)[0]) / 1e6 for p in polygons]


def test_wrongly_detected_encoding_is_fixed_in_the_dialog(window, qtbot, tmp_path, monkeypatch):
    path = gbk_shapefile(tmp_path / "gbk.shp")
    # the detector gets it wrong: GBK bytes read as Western text (mojibake)
    monkeypatch.setattr(reader, "_detect", lambda samples: "cp1252")
    job = loader.open_layer_async(window, path)
    dialog = wait_dialog(qtbot, job)
    assert "encoding" in dialog.reasons
    assert dialog.encoding_combo.isEnabled()
    assert "cp1252" in dialog.encoding_combo.itemText(0)
    assert "detected" in dialog.encoding_combo.itemText(0)
    before = " ".join(
        dialog.combos["name"].itemText(i) for i in range(dialog.combos["name"].count())
    )
    assert "甲镇" not in before

    choose_encoding(dialog, "GBK")
    assert dialog.busy  # reading again in the worker
    wait_idle(qtbot, dialog)
    assert "乡镇名称" in dialog.columns
    assert dialog.fields()["name"] == "乡镇名称"
    assert "甲镇" in dialog.combos["name"].currentText()  # the samples decode now
    dialog.accept()
    assert final_outcome(qtbot, job) == "opened"
    project = window.project
    assert list(project.layer.names) == NAMES
    assert project.load_options["encoding"] == "GBK"
    assert project.layer.report.encoding == "GBK"


def test_correct_detection_opens_without_asking(window, qtbot, tmp_path):
    path = gbk_shapefile(tmp_path / "gbk.shp")
    job = loader.open_layer_async(window, path)
    assert finished(qtbot, job) == "opened"
    assert job.field_dialog is None
    assert list(window.project.layer.names) == NAMES


def test_missing_prj_shows_assumed_and_typed_epsg_opens_with_it(window, qtbot, tmp_path):
    path, lonlat = gk_shapefile_without_prj(tmp_path / "gk.shp")
    job = loader.open_layer_async(window, path)
    dialog = wait_dialog(qtbot, job)
    assert "crs" in dialog.reasons
    assert "assumed" in dialog.crs_current.text()
    assert "EPSG:4547" in dialog.crs_current.text()  # no zone number: CM 114E guessed
    assert dialog.encoding_combo.isEnabled()  # a shapefile: the encoding can be chosen

    type_crs(dialog, "4545")
    wait_idle(qtbot, dialog)
    assert "EPSG:4545" in dialog.crs_current.text()
    assert "assumed" not in dialog.crs_current.text()
    dialog.accept()
    assert final_outcome(qtbot, job) == "opened"
    layer = window.project.layer
    assert layer.crs.to_epsg() == 4545
    assert not layer.report.crs_assumed
    assert window.project.load_options["crs"] == "EPSG:4545"
    expected = geodesic_km2(lonlat)
    for got, want in zip(layer.computed_area_km2, expected, strict=True):
        assert got == pytest.approx(want, rel=1e-3)


def test_typed_epsg_without_enter_is_used_on_ok(window, qtbot, tmp_path):
    path, lonlat = gk_shapefile_without_prj(tmp_path / "gk.shp")
    job = loader.open_layer_async(window, path)
    dialog = wait_dialog(qtbot, job)
    type_crs(dialog, "EPSG:4545", enter=False)
    assert "CM 108E" in dialog.crs_status.text()
    dialog.accept()
    assert final_outcome(qtbot, job) == "opened"
    assert window.project.layer.crs.to_epsg() == 4545
    assert window.project.layer.computed_area_km2[0] == pytest.approx(
        geodesic_km2(lonlat)[0], rel=1e-3
    )


def test_invalid_epsg_shows_an_error_and_keeps_the_dialog(window, qtbot, tmp_path):
    path, _ = gk_shapefile_without_prj(tmp_path / "gk.shp")
    old = window.project
    job = loader.open_layer_async(window, path)
    dialog = wait_dialog(qtbot, job)
    for bad in ("99999", "5773", "abc"):  # unknown; a vertical CRS; not a code
        type_crs(dialog, bad)
        assert not dialog.busy  # nothing is read with it
        dialog.accept()
        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        assert bad in dialog.crs_status.text()
        assert "#b00000" in dialog.crs_status.styleSheet()
    assert job.outcome is None and window.project is old
    dialog.reject()
    assert finished(qtbot, job) == "cancelled"


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_geojson_encoding_is_fixed(window, qtbot, tmp_path):
    path = tmp_path / "towns.geojson"
    geoms = [shapely.box(108 + 0.1 * k, 30, 108.1 + 0.1 * k, 30.1) for k in range(2)]
    geopandas.GeoDataFrame({"名称": ["甲镇", "乙镇"], "人口": [1, 2]}, geometry=geoms).to_file(
        path, driver="GeoJSON"
    )  # no CRS: assumed, so the dialog shows
    job = loader.open_layer_async(window, path)
    dialog = wait_dialog(qtbot, job)
    assert not dialog.encoding_combo.isEnabled()
    assert "UTF-8" in dialog.encoding_combo.itemText(0)
    assert dialog.encoding_choice() is None
    dialog.reject()
    assert finished(qtbot, job) == "cancelled"


def test_layer_properties_fix_the_encoding_and_keep_the_plan(window, qtbot, tmp_path):
    path = gbk_shapefile(tmp_path / "gbk.shp", id_field="CODE")
    options = LoadOptions(encoding="cp1252")  # opened earlier with the wrong encoding
    layer = open_layer(path, options)
    assert "甲镇" not in list(layer.names)
    window.set_project(Project(layer, source_path=path, load_options=options.to_dict()))
    window.push(AssignTowns([1], window.project.plan.unit_of[0]))  # 乙乡 joins 甲镇's unit
    assert window.layer_properties_action.action.isEnabled()

    window.layer_properties_action.action.trigger()
    dialog = window.layer_properties.dialog
    assert dialog is not None and "properties" in dialog.reasons
    assert dialog.encoding_choice() == "cp1252"
    choose_encoding(dialog, "GBK")
    wait_idle(qtbot, dialog)
    assert "甲镇" in dialog.combos["name"].currentText()
    with qtbot.waitSignal(window.layer_properties.applied, timeout=20000):
        dialog.accept()
    project = window.project
    assert project.layer is not layer
    assert list(project.layer.names) == NAMES
    assert project.load_options["encoding"] == "GBK"
    plan = project.plan
    assert plan.unit_of[0] == plan.unit_of[1] != plan.unit_of[2]
    # untouched units had their town's (garbled) name: they take the decoded one
    assert plan.units[int(plan.unit_of[2])].name == "丙镇"
    assert plan.units[int(plan.unit_of[0])].name == "甲镇"


def test_layer_properties_cancel_changes_nothing(window, qtbot, tmp_path):
    path = gbk_shapefile(tmp_path / "gbk.shp")
    window.set_project(Project(open_layer(path), source_path=path))
    old = window.project
    dialog = loader.show_layer_properties(window)
    assert "GBK" in dialog.encoding_combo.itemText(0)  # Automatic: GBK (detected)
    dialog.reject()
    qtbot.wait(10)
    assert window.project is old
    # OK without changes keeps the project too
    dialog = loader.show_layer_properties(window)
    dialog.accept()
    qtbot.wait(10)
    assert window.project is old


def test_layer_properties_in_the_main_window_mark_the_plan_unsaved(qtbot, tmp_path):
    from editor.io.planfile import read_plan_header

    path = gbk_shapefile(tmp_path / "gbk.shp", id_field="CODE")
    options = LoadOptions(encoding="cp1252")
    project = Project(open_layer(path, options), source_path=path, load_options=options.to_dict())
    win = MainWindow(project)
    qtbot.addWidget(win)
    actions = win.plan_file_actions
    plan_file = tmp_path / "plan.tbplan"
    assert actions.save_as(plan_file)
    assert not actions.is_modified()
    view = [a.objectName() for a in win.menus["view"].actions()]
    assert "action_layer_properties" in view

    dialog = loader.show_layer_properties(win)
    choose_encoding(dialog, "GBK")
    wait_idle(qtbot, dialog)
    with qtbot.waitSignal(win.layer_properties.applied, timeout=20000):
        dialog.accept()
    assert win.project.plan_path == plan_file
    assert list(win.project.layer.names) == NAMES
    assert actions.is_modified()  # the plan file still holds the old encoding
    assert actions.save()
    assert read_plan_header(plan_file).load_options.encoding == "GBK"
    win.close()


def test_reread_keeps_a_chosen_column_that_still_exists(window, qtbot, tmp_path):
    path, _ = gk_shapefile_without_prj(tmp_path / "gk.shp")
    job = loader.open_layer_async(window, path)
    dialog = wait_dialog(qtbot, job)
    dialog.set_role("population", "CODE")  # an odd choice, but the user's
    dialog.set_role("border", "")
    type_crs(dialog, "4545")
    wait_idle(qtbot, dialog)
    assert dialog.fields()["population"] == "CODE"
    assert dialog.fields()["name"] == "NAME"
    dialog.reject()
    assert finished(qtbot, job) == "cancelled"
