"""The side-panel docks: units tree, summary, warnings, town info (pytest-qt, offscreen)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QItemSelectionModel, Qt

from editor.core.commands import AssignTowns
from editor.core.plan import Benchmark
from editor.core.project import Project
from editor.gui.docks import numbers
from editor.gui.docks.units import COL_CONTIG, COL_NAME, COL_POP, COL_TOWNS, MIME_TOWNS
from tests.support import grid_layer

# ``window`` (tests/gui/conftest.py): the real MainWindow on a 4 x 3 grid county.


def assert_map_shows(window, towns):
    """The map is zoomed onto ``towns``: their box fills the view, centred."""
    canvas = window.canvas
    box = canvas.towns_rect(towns)
    shown = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    assert shown.contains(box), (shown, box)
    assert max(box.width() / shown.width(), box.height() / shown.height()) > 0.5
    centre = shown.center() - box.center()
    assert abs(centre.x()) < shown.width() * 0.05 and abs(centre.y()) < shown.height() * 0.05


def unit_row(model, uid):
    row = model.row_of(uid)
    assert row >= 0, f"unit {uid} has no row"
    return row


def cell(model, uid, col):
    return model.index(unit_row(model, uid), col).data()


def name(model, row):
    return model.index(row, COL_NAME).data(Qt.ItemDataRole.EditRole)


def test_plan_change_updates_rows_without_reset(window):
    model = window.docks.units.model
    plan = window.project.plan
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    assert model.rowCount() == 12
    window.push(AssignTowns([1, 4], 0))  # grid 4x3: 1 and 4 neighbour town 0
    assert model.rowCount() == 10
    s = plan.stats(0)
    assert cell(model, 0, COL_POP) == numbers.count(s.population) == "8,000"
    assert cell(model, 0, COL_TOWNS) == "3: 镇0、镇1、镇4"
    assert cell(model, 0, COL_NAME) == "▸ 镇0"  # can be expanded now
    assert model.row_of(1) == -1 and model.row_of(4) == -1
    window.undo_stack.undo()
    assert model.rowCount() == 12
    assert [name(model, r) for r in range(12)] == [f"镇{k}" for k in range(12)]
    assert cell(model, 0, COL_TOWNS) == "1"
    assert resets == []


def test_expanded_unit_shows_and_follows_its_towns(window):
    model = window.docks.units.model
    window.push(AssignTowns([1], 0))
    model.expand(0)
    assert model.rowCount() == 11 + 2
    rows = [model.index(model.row_of(0) + k, COL_NAME).data() for k in (1, 2)]
    assert rows == ["      ├ 镇0", "      └ 镇1"]
    assert model.town_of(model.index(model.row_of(0) + 2, 0)) == 1
    window.push(AssignTowns([4], 0))
    assert model.children(0) == [0, 1, 4]
    assert model.rowCount() == 10 + 3
    window.undo_stack.undo()
    window.undo_stack.undo()  # unit 0 alone again: nothing left to show beneath it
    assert model.rowCount() == 12 and not model.is_expanded(0)


def test_drag_and_drop_in_view_assigns_towns_in_one_undo_step(window):
    dock = window.docks.units
    model = dock.model
    plan = window.project.plan
    # drag unit "镇5" (a single town) onto unit "镇1"
    mime = model.mimeData([model.unit_index(5)])
    assert mime.hasFormat(MIME_TOWNS)
    target = model.unit_index(1, COL_POP)  # any cell of the row
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target)
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target)
    assert plan.unit_of[5] == 1 and plan.stats(1).towns == 2
    assert window.undo_stack.count() == 1
    assert cell(model, 1, COL_TOWNS) == "2: 镇1、镇5"
    # now drag the town row 镇5 (under the expanded unit 1) onto unit 6's row
    model.expand(1)
    child = model.town_index(5)
    assert child.data().endswith("镇5")
    mime = model.mimeData([child])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.unit_index(6))
    assert plan.unit_of[5] == 6 and window.undo_stack.count() == 2
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert plan.unit_of.tolist() == list(range(12))
    # a drop on the unit the towns are already in changes nothing
    mime = model.mimeData([model.unit_index(2)])
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.unit_index(2))
    assert window.undo_stack.index() == 0


def test_drop_from_another_project_is_refused(window):
    model = window.docks.units.model
    other = Project(grid_layer(4, 3))
    from editor.gui.docks.units import _encode_towns

    mime = _encode_towns(other.plan, [3])
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, model.unit_index(0))
    assert window.undo_stack.count() == 0


def test_rename_by_editing_the_name(window):
    model = window.docks.units.model
    index = model.unit_index(2, COL_NAME)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.unit_index(2, COL_POP)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "  新城镇 ", Qt.ItemDataRole.EditRole)
    assert window.project.plan.units[2].name == "新城镇"
    assert name(model, model.row_of(2)) == "新城镇"
    assert window.undo_stack.count() == 1
    assert not model.setData(index, "   ", Qt.ItemDataRole.EditRole)
    assert window.undo_stack.count() == 1


def test_selecting_units_selects_their_towns_and_back(window):
    dock = window.docks.units
    model, view = dock.model, dock.view
    project = window.project
    window.push(AssignTowns([1, 4], 0))
    sm = view.selectionModel()
    sm.select(
        model.unit_index(0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert project.selection.towns == {0, 1, 4}
    # the map selects unit 0's towns and town 7 alone (a whole unit too)
    project.selection.set([0, 1, 4, 7])
    selected = {model.uid_at(i.row()) for i in sm.selectedRows(0)}
    assert selected == {0, 7}
    assert project.selection.towns == {0, 1, 4, 7}  # no feedback loop rewrote it
    # part of a unit: the unit opens and its town row is selected, not the unit
    project.selection.set([4])
    rows = sm.selectedRows(0)
    assert len(rows) == 1 and model.town_of(rows[0]) == 4
    assert project.selection.towns == {4}
    project.selection.clear()
    assert sm.selectedRows(0) == []


def test_plan_change_does_not_wipe_the_map_selection(window):
    model, view = window.docks.units.model, window.docks.units.view
    project = window.project
    project.selection.set([1, 2])  # the rows of units 1 and 2 are selected
    assert len(view.selectionModel().selectedRows(0)) == 2
    window.push(AssignTowns([1, 2], 0))  # their rows go away
    assert project.selection.towns == {1, 2}
    rows = view.selectionModel().selectedRows(0)
    assert {model.town_of(i) for i in rows} == {1, 2}  # shown under unit 0 now


def test_sorting_by_population_follows_edits(window):
    dock = window.docks.units
    model = dock.model
    dock.view.sortByColumn(COL_POP, Qt.SortOrder.DescendingOrder)
    assert name(model, 0) == "镇11"  # grid populations grow with the index
    window.push(AssignTowns([1, 4, 5], 0))
    assert name(model, 0) == "镇0"  # 1000+2000+5000+6000 = 14,000: now the largest
    pops = [model.index(r, COL_POP).data() for r in range(model.rowCount())]
    values = [int(p.rstrip("*").replace(",", "")) for p in pops]
    assert values == sorted(values, reverse=True)
    window.undo_stack.undo()
    assert name(model, 0) == "镇11" and model.rowCount() == 12
    names = [name(model, r) for r in range(12)]
    assert names == [f"镇{k}" for k in range(11, -1, -1)]
    dock.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert name(model, 0) == "镇0"


def test_name_filter(window):
    widget = window.docks.units.widget_
    widget.filter.setText("镇1")
    assert {widget.model.uid_at(r) for r in range(widget.model.rowCount())} == {1, 10, 11}
    window.push(AssignTowns([2], 1))
    assert {widget.model.uid_at(r) for r in range(widget.model.rowCount())} == {1, 10, 11}
    widget.filter.clear()
    assert widget.model.rowCount() == 11


def test_drag_preview_shows_new_figures_without_touching_the_plan(window):
    dock = window.docks.units
    plan = window.project.plan
    before = plan.unit_of.copy()
    dock.show_preview(0, np.array([1, 4]))
    assert dock.widget_.banner.isVisible()
    text = dock.widget_.banner.text()
    assert numbers.population(1000 + 2000 + 5000) in text
    assert "7,000" in cell(dock.model, 0, COL_POP) or "→" in cell(dock.model, 0, COL_POP)
    assert "→ 8,000" in cell(dock.model, 0, COL_POP)
    assert (plan.unit_of == before).all() and window.undo_stack.count() == 0
    dock.clear_preview()
    assert not dock.widget_.banner.isVisible()
    assert cell(dock.model, 0, COL_POP) == "1,000"
    assert dock.model.index(0, COL_NAME).data(Qt.ItemDataRole.BackgroundRole) is None


def test_summary_matches_plan_summary_after_assign(window):
    summary = window.docks.summary.summary
    window.push(AssignTowns([1, 4], 0))
    s = window.project.plan.summary()
    assert summary.values[0][0].text() == "12"
    assert summary.values[0][1].text() == "10 (−16.7%)"
    assert summary.values[1][0].text() == numbers.population(s.before.mean_population)
    assert summary.values[1][1].text() == numbers.population(s.after.mean_population)
    assert summary.values[2][1].text() == numbers.area(s.after.mean_area_km2)


def test_benchmark_dialog_sets_benchmark_without_undo_step(window, qtbot):
    summary = window.docks.summary.summary
    dialog = summary.edit_benchmark()
    dialog.label_edit.setText("全国平均")
    dialog.population_spin.setValue(36500)
    dialog.area_spin.setValue(250)
    dialog.accept()
    plan = window.project.plan
    assert plan.benchmark == Benchmark("全国平均", 36500, 250)
    assert window.undo_stack.count() == 0
    assert summary.values[1][2].text() == numbers.population(36500)
    mean = plan.summary().after.mean_population
    assert summary.values[1][3].text() == f"{100 * mean / 36500:.0f}%"
    assert "全国平均" in summary.benchmark_label.text()


def test_warnings_list_non_contiguous_unit_and_click_selects_it(window, qtbot):
    warnings = window.docks.warnings.list
    plan = window.project.plan
    window.push(AssignTowns([11], 0))  # 0 and 11 are opposite corners: two pieces
    shown = [v for v in warnings.violations_shown() if v.rule == "contiguity"]
    assert [v.unit for v in shown] == [0]
    item = warnings.item_for(0)
    assert "2" in item.text(1) and item.text(0) == plan.units[0].name
    window.docks.warnings.raise_()
    qtbot.waitUntil(warnings.isVisible)
    window.canvas.zoom_to_towns([5])  # elsewhere first
    rect = warnings.visualItemRect(item)
    qtbot.mouseClick(warnings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.project.selection.towns == {0, 11}
    assert_map_shows(window, [0, 11])
    window.undo_stack.undo()
    assert not [v for v in warnings.violations_shown() if v.rule == "contiguity"]
    assert window.docks.warnings.windowTitle() == warnings.tr("Warnings") or "(" not in (
        window.docks.warnings.windowTitle()
    )


def test_info_dock_shows_hovered_town(window):
    info = window.docks.info
    info.show_town(5)
    assert "镇5" in info.info.values["name"].text()
    assert info.info.values["id"].text() == "T5"
    assert info.info.values["population"].text() == "6,000"
    window.push(AssignTowns([5], 1))
    assert "镇1" in info.info.values["unit"].text()
    info.show_town(-1)
    assert info.info.values["id"].text() == ""


def test_docks_follow_a_new_project(window):
    model = window.docks.units.model
    window.push(AssignTowns([1], 0))
    window.set_project(Project(grid_layer(2, 2)))
    assert model.rowCount() == 4
    assert window.docks.summary.summary.values[0][0].text() == "4"
    window.push(AssignTowns([1], 0))
    assert model.rowCount() == 3
    view_menu = window.menus["view"]
    titles = [a.text() for a in view_menu.actions()]
    assert window.docks.units.windowTitle() in titles


def check_rows(model, plan):
    """Each unit once, its towns right beneath it when expanded, in sorted order."""
    seen, r, n = [], 0, model.rowCount()
    while r < n:
        uid = model.uid_at(r)
        assert uid is not None, f"row {r} is a town row without its unit"
        kids = model.children(uid)
        if kids:
            assert kids == sorted(plan.units[uid].members)
            assert [model.town_of(model.index(r + 1 + k, 0)) for k in range(len(kids))] == kids
        seen.append(uid)
        r += 1 + len(kids)
    assert sorted(seen) == sorted(plan.units)
    for a, b in zip(seen, seen[1:], strict=False):
        assert model._precedes(a, b), (a, b)


def test_units_model_is_consistent_under_random_edits(window):
    from PySide6.QtTest import QAbstractItemModelTester

    model = window.docks.units.model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    plan = window.project.plan
    rng = np.random.default_rng(1)
    for step in range(60):
        if step % 15 == 0:
            col = int(rng.integers(-1, 7))
            order = (
                Qt.SortOrder.DescendingOrder if rng.random() < 0.5 else Qt.SortOrder.AscendingOrder
            )
            window.docks.units.view.sortByColumn(col, order)
        towns = rng.choice(12, size=rng.integers(1, 4), replace=False)
        target = int(plan.unit_of[rng.integers(0, 12)])
        try:
            window.push(AssignTowns(towns, target))
        except Exception:
            continue
        if rng.random() < 0.4:
            model.expand(int(rng.choice(list(plan.units))))
        if rng.random() < 0.3:
            window.undo_stack.undo()
        check_rows(model, plan)
    for uid in plan.units:
        assert cell(model, uid, COL_POP).rstrip("*") == numbers.count(plan.stats(uid).population)
        if plan.stats(uid).contiguous:
            assert cell(model, uid, COL_CONTIG) == model.tr("Yes")


def test_double_click_elsewhere_zooms_to_unit(window, qtbot):
    dock = window.docks.units
    view = dock.view
    rect = view.visualRect(dock.model.unit_index(3, COL_POP))
    assert not rect.isEmpty()
    # Qt's item views take a double-click on the row pressed just before
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert_map_shows(window, [3])


def test_docks_in_the_main_window_follow_the_canvas(window):
    w = window
    docks = w.docks
    assert docks is not None and docks.units.model.rowCount() == 12
    w.canvas.drag_preview.emit(0, np.array([1, 4]))
    assert "→ 8,000" in docks.units.model.unit_index(0, COL_POP).data()
    w.canvas.drag_preview_cleared.emit()
    assert docks.units.model.preview is None
    w.canvas.town_hovered.emit(5)
    assert docks.info.info.values["id"].text() == "T5"
    assert w.push(AssignTowns([1], 0))
    assert docks.units.model.rowCount() == 11 and w.undo_stack.count() == 1
    w.set_project(Project(grid_layer(2, 2)))
    assert docks.units.model.rowCount() == 4
