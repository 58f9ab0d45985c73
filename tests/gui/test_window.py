"""Main window: context-menu actions, open action, undo actions, main.py --screenshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from editor.core.commands import AssignTowns
from editor.core.project import Project
from editor.gui.main_window import MainWindow
from tests.support import REPO, SAMPLE, grid_layer


@pytest.fixture
def window(qtbot):
    win = MainWindow(Project(grid_layer(3, 3)), install_features=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_menus_and_extension_points(window):
    assert set(window.menus) == {"file", "edit", "view", "plan", "help"}
    assert window.canvas.project is window.project
    assert window.findChild(type(window.undo_dock), "undo_history_dock") is window.undo_dock


def test_undo_redo_actions_follow_the_stack(window):
    undo, redo = window.actions_["undo"], window.actions_["redo"]
    assert not undo.isEnabled()
    window.push(AssignTowns([0], int(window.project.plan.unit_of[1])))
    assert undo.isEnabled()
    assert "镇0" in undo.text()
    undo.trigger()
    assert redo.isEnabled() and not undo.isEnabled()
    assert window.project.plan.unit_of[0] != window.project.plan.unit_of[1]


def test_context_actions_new_unit_detach_seat_rename(monkeypatch, window):
    plan = window.project.plan
    window.project.selection.set([0, 1, 3])
    window.plan_actions["new_unit"].trigger()
    uid = int(plan.unit_of[0])
    assert plan.unit_of[1] == plan.unit_of[3] == uid
    assert window.undo_stack.count() == 1

    window.project.selection.set([3])
    window.plan_actions["set_seat"].trigger()
    assert plan.units[uid].seat == 3

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("新城镇", True))
    window.plan_actions["rename"].trigger()
    assert plan.units[uid].name == "新城镇"

    window.project.selection.clear()
    window.context_town = 1  # right-clicked town, not selected
    window.plan_actions["detach"].trigger()
    assert len(plan.units[int(plan.unit_of[1])].members) == 1
    assert plan.unit_of[0] == plan.unit_of[3] == uid
    assert window.undo_stack.count() == 4
    window.context_town = -1

    window.project.selection.set([0])
    before = window.canvas.scale_denominator()
    window.plan_actions["zoom_unit"].trigger()
    assert window.canvas.scale_denominator() < before


def test_open_action_replaces_the_project_and_clears_undo(qtbot, monkeypatch, window):
    if not SAMPLE.exists():
        pytest.skip("sample county missing")
    window.push(AssignTowns([0], int(window.project.plan.unit_of[1])))
    assert window.undo_stack.count() == 1
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(SAMPLE), "Township layers")
    )
    seen = []
    window.project_changed.connect(seen.append)
    window.actions_["open_layer"].trigger()
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=20000)
    assert window.project.layer.n == 40
    assert window.canvas.project is window.project
    assert len(window.canvas.town_items) == 40
    assert window.undo_stack.count() == 0


def test_border_layer_is_drawn_as_reference(qtbot):
    border = REPO / "sample_shapes" / "border_line.shp"
    if not (SAMPLE.exists() and border.exists()):
        pytest.skip("sample county missing")
    from editor.io.load import LoadOptions, open_layer

    options = LoadOptions(border_layer=str(border))
    project = Project(open_layer(SAMPLE, options), load_options=options.to_dict())
    win = MainWindow(project, install_features=False)
    qtbot.addWidget(win)
    assert len(project.references) == 1
    assert len(win.canvas.reference_items) == 1
    assert not win.canvas.reference_items[0].path().isEmpty()
    win.close()


def _run_main(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_main_screenshot_writes_a_1600x1000_png(tmp_path):
    if not SAMPLE.exists():
        pytest.skip("sample county missing")
    out = tmp_path / "shot.png"
    result = _run_main("--screenshot", str(out), "--lang", "zh_CN", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)


def test_main_bad_layer_is_one_line_not_a_traceback(tmp_path):
    bad = tmp_path / "missing.shp"
    result = _run_main(str(bad), "--screenshot", str(tmp_path / "x.png"), tmp_path=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "missing.shp" in result.stderr
    assert not (tmp_path / "x.png").exists()


def _menu_actions(menu):
    """Object names of a menu's actions, submenus included."""
    names = set()
    for act in menu.actions():
        names.add(act.objectName())
        if act.menu() is not None:
            names.add(act.menu().objectName())
            names |= _menu_actions(act.menu())
    return names


def test_every_feature_installs_in_the_real_window(qtbot):
    from editor.gui import main_window

    win = MainWindow(Project(grid_layer(3, 3)))
    qtbot.addWidget(win)
    # every listed feature ran and said so under its module's name
    assert set(win.features) == {f.__module__ for f in main_window.FEATURES}
    menus = {key: _menu_actions(menu) for key, menu in win.menus.items()}
    assert "action_layer_properties" in menus["view"]  # loader
    assert "action_print_layout" in menus["file"]  # print_action
    assert "menu_recent" in menus["file"] and "action_open_layer" in menus["file"]
    assert win.language_menu.menuAction() in win.menus["view"].actions()  # i18n
    assert win.docks is not None  # docks
    assert win.plan_file_actions is not None  # plan_actions
    assert len(win.menus["plan"].actions()) > len(win.plan_actions)  # rules_dialog adds
    win.close()


def test_a_failing_feature_stops_the_window(qtbot):
    def broken(window):
        raise RuntimeError("half-written feature")

    win = MainWindow(Project(grid_layer(2, 2)), install_features=False)
    qtbot.addWidget(win)
    with pytest.raises(RuntimeError, match="half-written"):
        win.install_features([broken])
    with pytest.raises(KeyError):
        win.install_features(["editor.gui.planfiles"])  # no such feature
    win.close()
