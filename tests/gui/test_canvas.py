"""Map canvas gestures driven with real mouse events (pytest-qt, offscreen)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from editor.core.commands import AssignTowns
from editor.core.project import Project
from editor.gui.main_window import MainWindow
from tests.support import grid_layer


@pytest.fixture
def window(qtbot):
    # 4 x 3 grid: town k at column k % 4, row k // 4 (row 0 at the bottom)
    project = Project(grid_layer(4, 3))
    win = MainWindow(project, install_features=False)
    qtbot.addWidget(win)
    win.resize(1000, 800)
    win.show()
    qtbot.waitExposed(win)
    win.canvas.zoom_to_all()
    yield win
    win.close()


def pos(win: MainWindow, town: int) -> QPoint:
    return win.canvas.town_view_pos(town)


def drag(
    qtbot,
    win: MainWindow,
    a: int,
    b: int,
    cancel: bool = False,
    mods=Qt.KeyboardModifier.NoModifier,
):
    vp = win.canvas.viewport()
    start, end = pos(win, a), pos(win, b)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, mods, start)
    qtbot.mouseMove(vp, start + QPoint(12, 0))
    qtbot.mouseMove(vp, (start + end) / 2)
    qtbot.mouseMove(vp, end)
    if cancel:
        qtbot.keyClick(win.canvas, Qt.Key.Key_Escape)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, mods, end)


def test_town_under_its_pixel(window):
    for t in range(window.project.layer.n):
        assert window.canvas.town_at(pos(window, t)) == t


def test_drag_town_onto_another_merges_it_in_one_undo_step(qtbot, window):
    plan = window.project.plan
    target = int(plan.unit_of[1])
    previews = []
    window.canvas.drag_preview.connect(lambda uid, towns: previews.append((uid, list(towns))))
    cleared = []
    window.canvas.drag_preview_cleared.connect(lambda: cleared.append(1))
    drag(qtbot, window, 0, 1)
    assert plan.unit_of[0] == plan.unit_of[1] == target
    assert window.undo_stack.count() == 1
    assert previews and previews[-1] == (target, [0])
    assert cleared
    # the merged unit gets an outline; adjacent units still differ in colour
    assert target in window.canvas.outline_items
    assert window.canvas.colors.conflicts() == []
    brush = window.canvas.town_items[0].brush().color()
    assert brush == window.canvas.town_items[1].brush().color()
    window.undo_stack.undo()
    assert plan.unit_of[0] != plan.unit_of[1]
    assert len(plan.units[int(plan.unit_of[0])].members) == 1
    assert target not in window.canvas.outline_items
    window.undo_stack.redo()
    assert plan.unit_of[0] == plan.unit_of[1]


def test_escape_during_drag_leaves_no_trace(qtbot, window):
    plan = window.project.plan
    before = plan.unit_of.copy()
    window.project.selection.set([5])
    drag(qtbot, window, 0, 1, cancel=True)
    assert np.array_equal(plan.unit_of, before)
    assert window.undo_stack.count() == 0
    assert window.project.selection.towns == {5}
    assert window.canvas.target_item.path().isEmpty()


def test_dragging_a_selected_town_moves_the_whole_selection(qtbot, window):
    plan = window.project.plan
    window.project.selection.set([0, 4])
    target = int(plan.unit_of[2])
    drag(qtbot, window, 4, 2)
    assert plan.unit_of[0] == plan.unit_of[4] == target
    assert window.undo_stack.count() == 1
    assert window.undo_stack.text(0)  # labelled for the history view


def test_click_and_ctrl_click_select(qtbot, window):
    vp = window.canvas.viewport()
    sel = window.project.selection
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=pos(window, 3))
    assert sel.towns == {3}
    qtbot.mouseClick(
        vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, pos(window, 6)
    )
    assert sel.towns == {3, 6}
    qtbot.mouseClick(
        vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, pos(window, 3)
    )
    assert sel.towns == {6}
    assert window.undo_stack.count() == 0
    assert not window.canvas.selection_item.path().isEmpty()


def test_rubber_band_selects_the_towns_it_touches(qtbot, window):
    vp = window.canvas.viewport()
    a, b = pos(window, 0), pos(window, 5)  # bottom-left 2 x 2 block
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, shift, a)
    qtbot.mouseMove(vp, (a + b) / 2)
    qtbot.mouseMove(vp, b)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, shift, b)
    assert window.project.selection.towns == {0, 1, 4, 5}
    assert window.undo_stack.count() == 0


def test_paint_tool_sweep_is_one_undo_step(qtbot, window):
    plan = window.project.plan
    window.tool_actions["paint"].trigger()
    assert window.canvas.tool.name == "paint"
    vp = window.canvas.viewport()
    unit = int(plan.unit_of[0])
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=pos(window, 0))
    for t in (1, 2, 3):
        qtbot.mouseMove(vp, pos(window, t))
    assert plan.unit_of[3] != unit  # nothing changes before the release
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=pos(window, 3))
    assert all(plan.unit_of[t] == unit for t in (0, 1, 2, 3))
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert all(len(plan.units[int(plan.unit_of[t])].members) == 1 for t in range(4))


def test_paint_escape_cancels(qtbot, window):
    plan = window.project.plan
    before = plan.unit_of.copy()
    window.tool_actions["paint"].trigger()
    vp = window.canvas.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=pos(window, 0))
    qtbot.mouseMove(vp, pos(window, 1))
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=pos(window, 1))
    assert np.array_equal(plan.unit_of, before)
    assert window.undo_stack.count() == 0


def test_plan_change_restyles_only_touched_towns(qtbot, window):
    canvas = window.canvas
    plan = window.project.plan
    calls = []
    original = canvas._style_towns
    canvas._style_towns = lambda towns: (calls.append(set(towns)), original(towns))
    window.push(AssignTowns([0], int(plan.unit_of[1])))
    # the moved town and the members of the unit it joined; nothing else is redrawn
    assert calls == [{0, 1}]


def test_hover_emits_town_and_wheel_zooms(qtbot, window):
    canvas = window.canvas
    seen = []
    canvas.town_hovered.connect(seen.append)
    qtbot.mouseMove(canvas.viewport(), pos(window, 7))
    assert seen and seen[-1] == 7
    before = canvas.scale_denominator()
    canvas.zoom_by(2.0, pos(window, 7).toPointF())
    assert canvas.scale_denominator() == pytest.approx(before / 2, rel=0.01)
    # zoom is around the cursor: the town stays under it
    assert canvas.town_at(pos(window, 7)) == 7
    assert window.status.scale.text().startswith("1:")
