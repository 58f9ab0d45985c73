"""Opening a plan in the window reopens its facility, reference and border layers; a
missing one is named in the message and the plan still opens. Adding a layer is a
change to save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from editor.core.commands import AssignTowns
from editor.core.project import Project
from editor.io.facilities import load_facilities
from editor.io.load import LoadOptions, open_layer
from tests.support import grid_layer, make_project


def save_as(monkeypatch, win, path: Path) -> None:
    """File > Save plan as…, the file dialog answered with ``path``."""
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    win.plan_file_actions.actions["save_plan_as"].trigger()
    assert win.project.plan_path == path and path.exists()


def open_plan(monkeypatch, win, path: Path) -> None:
    """File > Open plan…, the file dialog answered with ``path``."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    win.plan_file_actions.actions["open_plan"].trigger()


def saved_plan(make_window, monkeypatch, work) -> Path:
    w = make_window(make_project(work))
    w.push(AssignTowns([1, 2], 0))
    path = work["towns"].parent / "方案.tbplan"
    save_as(monkeypatch, w, path)
    return path


def test_open_plan_reopens_its_layers(qtbot, make_window, monkeypatch, work, messages):
    path = saved_plan(make_window, monkeypatch, work)
    w = make_window(Project(work["layer"], source_path=work["towns"]))
    open_plan(monkeypatch, w, path)
    project = w.project
    assert project.plan_path == path
    (fac,) = project.facilities
    assert sorted(set(fac.categories)) == ["卫生院", "学校"] and len(fac) == 9
    (ref,) = [r for r in project.references if not r.meta.get("border")]
    assert ref.name == "道路" and ref.above is False
    borders = [r.path.name for r in project.references if r.meta.get("border")]
    assert borders == ["border_line.shp"]  # the real window shows the layer's border line
    assert not w.isWindowModified() and messages == []


def test_missing_layer_is_named_and_the_plan_opens(qtbot, make_window, monkeypatch, work, messages):
    path = saved_plan(make_window, monkeypatch, work)
    work["facilities"].unlink()
    for f in work["border"].parent.glob("border_line.*"):
        f.unlink()
    w = make_window(Project(work["layer"], source_path=work["towns"]))
    open_plan(monkeypatch, w, path)
    assert w.project.plan_path == path and w.project.plan.unit_of[1] == w.project.plan.unit_of[0]
    assert w.project.facilities == [] and len(w.project.references) == 1
    assert len(messages) == 1
    lines = messages[0][1].splitlines()[1:]  # under "opened with these differences:"
    assert len(lines) == 2
    assert "border_line.shp" in lines[0] and "设施.gpkg" in lines[1]
    assert "道路" not in messages[0][1]


def test_adding_or_removing_a_layer_is_a_change_to_save(
    qtbot, make_window, monkeypatch, work, messages
):
    project = Project(work["layer"], source_path=work["towns"])
    w = make_window(project)
    assert not w.isWindowModified()
    fac = load_facilities(work["facilities"], work["layer"], "类型")
    project.add_facilities(fac)
    assert w.isWindowModified()
    save_as(monkeypatch, w, work["towns"].parent / "p.tbplan")
    assert not w.isWindowModified()
    project.remove_facilities(fac)
    assert w.isWindowModified()


def test_border_line_reopens_with_a_plan_of_another_layer(
    qtbot, make_window, monkeypatch, work, messages
):
    path = saved_plan(make_window, monkeypatch, work)
    win = make_window(Project(grid_layer(2, 2)))
    open_plan(monkeypatch, win, path)
    qtbot.waitUntil(lambda: win.project.plan_path == path, timeout=20000)
    project = win.project
    expected = open_layer(work["towns"], LoadOptions(border_layer=work["border"])).border
    assert project.layer.border.tolist() == expected.tolist() and expected.any()
    borders = [r for r in project.references if r.meta.get("border")]
    assert [r.path.name for r in borders] == ["border_line.shp"]
    assert [r.name for r in project.references if not r.meta.get("border")] == ["道路"]
    assert len(project.facilities) == 1 and messages == []
