"""The units dock inside the real window: map gestures and the table's highlighted rows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from editor.core.project import Project
from editor.gui.main_window import MainWindow
from tests.support import SAMPLE, grid_layer


@pytest.fixture
def window(qtbot):
    # 4 x 4 grid: town k at column k % 4, row k // 4 (row 0 at the bottom)
    project = Project(grid_layer(4, 4))
    win = MainWindow(project, install_features=False)
    win.install_features(["editor.gui.docks"])
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.canvas.zoom_to_all()
    yield win
    win.close()


def pos(win: MainWindow, town: int) -> QPoint:
    return win.canvas.town_view_pos(town)


def paint(qtbot, win: MainWindow, towns: list[int]) -> None:
    win.tool_actions["paint"].trigger()
    vp = win.canvas.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=pos(win, towns[0]))
    for t in towns[1:]:
        qtbot.mouseMove(vp, pos(win, t))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=pos(win, towns[-1]))
    win.tool_actions["select"].trigger()


def rubber_band(qtbot, win: MainWindow, a: int, b: int, click_first: bool = True) -> None:
    """Shift+drag a band from town ``a`` to town ``b`` (which adds to the selection:
    a click on ``a`` first starts a new one)."""
    vp = win.canvas.viewport()
    pa, pb = pos(win, a), pos(win, b)
    if click_first:
        qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=pa)
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, shift, pa)
    qtbot.mouseMove(vp, (pa + pb) / 2)
    qtbot.mouseMove(vp, pb)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, shift, pb)


def highlighted_towns(win: MainWindow) -> set[int]:
    """The towns of the rows the units table highlights."""
    model = win.docks.units.model
    towns: set[int] = set()
    for index in win.docks.units.view.selectionModel().selectedRows(0):
        towns.update(model.towns_of(index))
    return towns


def test_table_highlights_the_map_selection_when_a_unit_expands(qtbot, window):
    plan = window.project.plan
    # the bottom row painted into one unit: four towns
    paint(qtbot, window, [0, 1, 2, 3])
    unit = int(plan.unit_of[0])
    assert {int(plan.unit_of[t]) for t in range(4)} == {unit}
    # rubber band over the south-east 2 x 2: two towns of that unit (it expands to show
    # them) and two single-town units listed after it
    assert not window.project.selection.towns
    rubber_band(qtbot, window, 2, 7, click_first=False)
    assert window.project.selection.towns == {2, 3, 6, 7}
    model = window.docks.units.model
    assert model.is_expanded(unit)
    assert highlighted_towns(window) == {2, 3, 6, 7}
    # and the same again with the unit already expanded
    rubber_band(qtbot, window, 10, 15)
    assert window.project.selection.towns == {10, 11, 14, 15}
    assert highlighted_towns(window) == {10, 11, 14, 15}
    rubber_band(qtbot, window, 3, 11)
    assert window.project.selection.towns == {3, 7, 11}
    assert highlighted_towns(window) == {3, 7, 11}


def test_opening_another_layer_clears_the_name_filter(qtbot, window):
    units = window.docks.units.widget_
    qtbot.keyClicks(units.filter, "1")  # 镇1, 镇10 … 镇15 (QTest types ASCII only)
    assert units.model.rowCount() == 7
    old = window.project
    assert window.open_layer(SAMPLE)  # read in a worker
    qtbot.waitUntil(lambda: window.project is not old, timeout=30000)
    plan = window.project.plan
    assert units.filter.text() == ""
    assert units.model.rowCount() == len(plan.units)
    # the filter still works on the new layer
    name = plan.units[plan.unit_ids()[0]].name
    units.filter.setText(name)
    assert 1 <= units.model.rowCount() < len(plan.units)
