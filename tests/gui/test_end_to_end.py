"""The whole window on the sample county: a mouse drag on the map changes the plan and
the side panel (preview during the drag, figures after the drop), Esc and undo leave
the panel as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from editor.core.project import Project
from editor.gui.docks import numbers
from editor.gui.docks.units import COL_POP, COL_TOWNS
from editor.gui.main_window import MainWindow
from editor.io.load import open_layer
from tests.support import SAMPLE


@pytest.fixture
def window(qtbot):
    win = MainWindow(Project(open_layer(SAMPLE), source_path=SAMPLE))
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    win.canvas.zoom_to_all()
    yield win
    win.close()


def neighbours(win):
    """Two adjacent towns whose label pixels are well apart on screen."""
    layer = win.project.layer
    for a, b in layer.adjacency.pairs().tolist():
        pa, pb = win.canvas.town_view_pos(a), win.canvas.town_view_pos(b)
        if (
            (pa - pb).manhattanLength() > 60
            and win.canvas.town_at(pa) == a
            and win.canvas.town_at(pb) == b
        ):
            return a, b
    raise AssertionError("no pair of towns to drag between")


def press_and_move(qtbot, win, a, b):
    vp = win.canvas.viewport()
    start, end = win.canvas.town_view_pos(a), win.canvas.town_view_pos(b)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    qtbot.mouseMove(vp, start + QPoint(12, 0))
    qtbot.mouseMove(vp, (start + end) / 2)
    qtbot.mouseMove(vp, end)
    return vp, end


def test_mouse_drag_changes_plan_and_panel(qtbot, window):
    plan, layer = window.project.plan, window.project.layer
    units, summary = window.docks.units, window.docks.summary.summary
    a, b = neighbours(window)
    target = int(plan.unit_of[b])
    row = units.model.row_of(target)
    expected = layer.population[a] + layer.population[b]

    vp, end = press_and_move(qtbot, window, a, b)
    # during the drag: the panel previews the target unit's new population; the plan is untouched
    assert f"→ {numbers.population(expected)}" in units.model.index(row, COL_POP).data()
    assert units.widget_.banner.isVisible()
    assert plan.unit_of[a] != target and window.undo_stack.count() == 0

    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert plan.unit_of[a] == target and window.undo_stack.count() == 1
    row = units.model.row_of(target)
    assert units.model.index(row, COL_POP).data() == numbers.population(expected)
    assert units.model.index(row, COL_TOWNS).data().startswith("2")
    assert units.model.rowCount() == layer.n - 1
    assert summary.values[0][1].text().startswith(str(layer.n - 1))
    assert not units.widget_.banner.isVisible()

    window.undo_stack.undo()
    assert units.model.rowCount() == layer.n
    assert summary.values[0][1].text().startswith(str(layer.n))
    assert units.model.index(units.model.row_of(target), COL_POP).data() == numbers.population(
        layer.population[b]
    )


def test_escape_mid_drag_leaves_plan_and_panel(qtbot, window):
    plan, layer = window.project.plan, window.project.layer
    units = window.docks.units
    a, b = neighbours(window)
    before = plan.unit_of.copy()
    vp, end = press_and_move(qtbot, window, a, b)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert (plan.unit_of == before).all() and window.undo_stack.count() == 0
    assert units.model.rowCount() == layer.n
    assert "→" not in units.model.index(units.model.row_of(int(plan.unit_of[b])), COL_POP).data()
    assert not units.widget_.banner.isVisible()
