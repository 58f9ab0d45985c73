"""Every window writer refuses to damage the planner's files (issue 10 items 1, 2).

The sample county is copied to a folder of its own and opened through the real window
(File > Open layer…); each writer is reached through its real menu action or the
dialog's own button, with the file dialog answered by a patched ``getSaveFileName``.
Refused: the open layer or any of its sidecars, a reference layer, a wrong extension,
an unwritable folder. Each refusal is one message box line naming the file and the
problem, and nothing is written (every file of the folder byte-identical, none added).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from editor.core.commands import AssignTowns
from editor.gui import jobs
from editor.gui.main_window import MainWindow
from tests.support import SAMPLE, copy_layer

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="sample county missing")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its sha256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def action(win: MainWindow, name: str):
    found = [a for a in win.findChildren(type(win.actions_["undo"])) if a.objectName() == name]
    assert found, f"no action {name}"
    return found[0]


@pytest.fixture
def opened(qtbot, tmp_path, monkeypatch, messages):
    """The real window with a copy of the sample county opened through File > Open."""
    shp = copy_layer("sample_county", tmp_path / "县")
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(shp), ""))
    )
    win.actions_["open_layer"].trigger()
    qtbot.waitUntil(lambda: win.project is not None, timeout=20000)
    assert win.project.layer.n == 40
    win.push(AssignTowns([0, 1], int(win.project.plan.unit_of[2])))  # an edit to save
    yield win, shp
    for job in jobs.running():
        qtbot.waitUntil(lambda job=job: job.done, timeout=20000)
    win.plan_file_actions._detach(remove=True)
    win.close()


def answer_save(monkeypatch, path: Path, selected: str = "") -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), selected))
    )
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("UTF-8", True)))


def one_line_about(messages, *words: str) -> str:
    assert len(messages) == 1, messages
    kind, text = messages[0]
    assert kind in ("critical", "warning")
    assert "\n" not in text and "Traceback" not in text
    for w in words:
        assert w in text, (w, text)
    return text


# -- the source layer as the destination ---------------------------------------------------
@pytest.mark.parametrize("name", ["sample_county.shp", "SAMPLE_COUNTY.SHP", "sample_county.dbf"])
def test_export_units_over_the_source_layer_is_refused(opened, monkeypatch, messages, name):
    win, shp = opened
    before = snapshot(shp.parent)
    answer_save(monkeypatch, shp.parent / name, "Shapefile (*.shp)")
    action(win, "action_export_units").trigger()
    assert win.plan_file_actions.export_job is None  # nothing started
    text = one_line_about(messages, name)
    assert "sample_county" in text
    assert snapshot(shp.parent) == before


@pytest.mark.parametrize("name", ["sample_county.dbf", "sample_county.shp", "方案.txt"])
def test_save_plan_as_a_layer_file_or_wrong_extension_is_refused(
    opened, monkeypatch, messages, name
):
    win, shp = opened
    before = snapshot(shp.parent)
    answer_save(monkeypatch, shp.parent / name)
    action(win, "action_save_plan_as").trigger()
    one_line_about(messages, name, ".tbplan")
    assert snapshot(shp.parent) == before
    assert win.project.plan_path is None and win.isWindowModified()


def test_save_plan_without_extension_gets_tbplan(opened, monkeypatch, messages):
    win, shp = opened
    answer_save(monkeypatch, shp.parent / "方案")
    action(win, "action_save_plan_as").trigger()
    assert messages == []
    assert win.project.plan_path == shp.parent / "方案.tbplan"
    assert (shp.parent / "方案.tbplan").is_file() and not win.isWindowModified()


@pytest.mark.parametrize("name", ["sample_county.dbf", "sample_county.fieldmap.csv"])
def test_export_tables_over_the_layer_is_refused(opened, monkeypatch, messages, name):
    win, shp = opened
    before = snapshot(shp.parent)
    answer_save(monkeypatch, shp.parent / name)
    monkeypatch.setattr(
        QInputDialog,
        "getItem",
        staticmethod(lambda parent, title, label, items, *a, **k: (items[0], True)),
    )
    action(win, "action_export_tables").trigger()
    one_line_about(messages, name)
    assert snapshot(shp.parent) == before


def test_print_dialog_export_over_the_layer_is_refused(opened, qtbot, monkeypatch, messages):
    win, shp = opened
    action(win, "action_print_layout").trigger()
    dlg = win.print_feature.dialog
    qtbot.addWidget(dlg)
    before = snapshot(shp.parent)
    for name in ("sample_county.shp", "sample_county.prj"):
        messages.clear()
        answer_save(monkeypatch, shp.parent / name, "PDF (*.pdf)")
        qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
        one_line_about(messages, name)
        assert snapshot(shp.parent) == before
    # a page file named after the layer beside it is fine
    messages.clear()
    answer_save(monkeypatch, shp.parent / "版面", "PDF (*.pdf)")
    qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    assert messages == [] and (shp.parent / "版面.pdf").is_file()
    dlg.close()


def test_rules_save_over_a_reference_layer_or_the_layer_is_refused(
    opened, qtbot, monkeypatch, messages
):
    import geopandas as gpd
    import shapely

    win, shp = opened
    roads = shp.parent / "道路.json"  # a GeoJSON reference layer named .json
    line = shapely.LineString(shapely.get_coordinates(win.project.layer.geometry[0])[:5])
    gpd.GeoDataFrame({"名称": ["县道"]}, geometry=[line], crs=win.project.layer.crs).to_file(
        roads, driver="GeoJSON"
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(roads), ""))
    )
    action(win, "action_add_reference").trigger()
    assert any(r.path == roads for r in win.project.references)
    dlg = win.rules_feature.open_dialog()
    qtbot.addWidget(dlg)
    before = snapshot(shp.parent)
    for target in (roads, shp.with_suffix(".dbf")):
        messages.clear()
        answer_save(monkeypatch, target)
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
        one_line_about(messages, target.name)
        assert snapshot(shp.parent) == before
    messages.clear()
    answer_save(monkeypatch, shp.parent / "规则")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert messages == [] and (shp.parent / "规则.toml").is_file()
    dlg.reject()


# -- destinations that cannot be written -----------------------------------------------------
def _read_only(folder: Path) -> None:
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    if os.access(folder, os.W_OK):
        folder.chmod(0o755)
        pytest.skip("this user can write a read-only folder anyway (root)")


def test_save_and_export_into_a_read_only_folder_is_one_line(
    opened, qtbot, tmp_path, monkeypatch, messages
):
    win, _shp = opened
    folder = tmp_path / "只读"
    _read_only(folder)
    try:
        answer_save(monkeypatch, folder / "方案.tbplan")
        action(win, "action_save_plan_as").trigger()
        one_line_about(messages, "方案.tbplan")
        assert win.isWindowModified()
        messages.clear()
        answer_save(monkeypatch, folder / "units.gpkg", "GeoPackage (*.gpkg)")
        action(win, "action_export_units").trigger()
        qtbot.waitUntil(lambda: win.plan_file_actions.export_job is None, timeout=20000)
        one_line_about(messages, "units.gpkg")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_save_into_a_folder_that_is_a_file_is_one_line(opened, tmp_path, monkeypatch, messages):
    win, _shp = opened
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("x", encoding="utf-8")
    answer_save(monkeypatch, blocker / "方案.tbplan")
    action(win, "action_save_plan_as").trigger()
    one_line_about(messages, "方案.tbplan")
    assert blocker.read_text(encoding="utf-8") == "x" and win.isWindowModified()
