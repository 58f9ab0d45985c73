"""The side-panel docks: units tree, summary, warnings, town info (pytest-qt, offscreen)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

from editor.core.commands import AssignTowns
from editor.core.plan import Benchmark
from editor.core.project import Project
from editor.gui import docks as docks_pkg
from editor.gui.docks import numbers
from editor.gui.docks.units import COL_CONTIG, COL_NAME, COL_POP, COL_TOWNS, MIME_TOWNS
from tests.conftest import grid_layer


class _Adapter(QUndoCommand):
    """Minimal stand-in for editor.gui.undo.PlanCommand."""

    def __init__(self, plan, command):
        super().__init__()
        self.plan, self.command = plan, command

    def redo(self):
        self.command.redo(self.plan)
        self.setText(self.command.label)

    def undo(self):
        self.command.undo(self.plan)


class FakeWindow(QMainWindow):
    """The MainWindow extension points the docks and the loader use."""

    project_changed = Signal()

    def __init__(self, project):
        super().__init__()
        self.project = project
        self.undo_stack = QUndoStack(self)
        self.canvas = None
        self.menus = {}
        for key in ("file", "edit", "view", "plan", "help"):
            self.menus[key] = QMenu(key.title(), self)
            self.menuBar().addMenu(self.menus[key])
        self.zoomed: list[list[int]] = []

    def push(self, command):
        self.undo_stack.push(_Adapter(self.project.plan, command))

    def set_project(self, project):
        old, self.project = self.project, project
        self.undo_stack.clear()
        self.project_changed.emit()
        if old is not None:
            old.close()


@pytest.fixture
def window(qtbot):
    w = FakeWindow(Project(grid_layer(4, 3)))
    qtbot.addWidget(w)
    docks_pkg.install(w)
    w.docks._zoom = lambda towns: w.zoomed.append(list(towns))
    w.docks.units.widget_._zoom = w.docks._zoom
    w.docks.warnings.list._zoom = w.docks._zoom
    w.resize(1200, 800)
    w.show()
    yield w
    w.close()


def unit_row(model, uid):
    row = model.row_of(uid)
    assert row >= 0, f"unit {uid} has no row"
    return row


def cell(model, uid, col):
    return model.index(unit_row(model, uid), col).data()


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
    assert cell(model, 0, COL_TOWNS).startswith("3: ")
    assert model.rowCount(model.index(unit_row(model, 0), 0)) == 3
    assert model.row_of(1) == -1 and model.row_of(4) == -1
    window.undo_stack.undo()
    assert model.rowCount() == 12
    assert cell(model, 4, COL_NAME) == "镇4"
    assert cell(model, 0, COL_TOWNS) == "1: 镇0"
    assert resets == []


def test_children_follow_membership(window):
    model = window.docks.units.model
    parent = model.index(unit_row(model, 0), 0)
    assert model.rowCount(parent) == 1  # the view has now seen the children
    window.push(AssignTowns([1], 0))
    parent = model.index(unit_row(model, 0), 0)
    names = [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]
    assert names == ["镇0", "镇1"]


def test_drag_and_drop_in_view_assigns_towns_in_one_undo_step(window):
    dock = window.docks.units
    model, proxy = dock.model, dock.proxy
    plan = window.project.plan
    # drag unit "镇5" (a single town) onto unit "镇1"
    src = proxy.mapFromSource(model.unit_index(5))
    mime = proxy.mimeData([src])
    assert mime.hasFormat(MIME_TOWNS)
    target = proxy.mapFromSource(model.unit_index(1))
    assert proxy.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target)
    assert proxy.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target)
    assert plan.unit_of[5] == 1 and plan.stats(1).towns == 2
    assert window.undo_stack.count() == 1
    assert cell(model, 1, COL_TOWNS) == "2: 镇1、镇5"
    # now drag the town row 镇5 (a child of unit 1) onto unit 6's row
    parent = model.unit_index(1)
    child = model.index(1, 0, parent)
    assert child.data() == "镇5"
    mime = proxy.mimeData([proxy.mapFromSource(child)])
    assert proxy.dropMimeData(
        mime, Qt.DropAction.MoveAction, -1, -1, proxy.mapFromSource(model.unit_index(6))
    )
    assert plan.unit_of[5] == 6 and window.undo_stack.count() == 2
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert plan.unit_of.tolist() == list(range(12))
    # a drop on the unit the towns are already in changes nothing
    mime = proxy.mimeData([proxy.mapFromSource(model.unit_index(2))])
    assert not proxy.dropMimeData(
        mime, Qt.DropAction.MoveAction, -1, -1, proxy.mapFromSource(model.unit_index(2))
    )
    assert window.undo_stack.index() == 0


def test_drop_from_another_project_is_refused(window):
    dock = window.docks.units
    other = Project(grid_layer(4, 3))
    from editor.gui.docks.units import _encode_towns

    mime = _encode_towns(other.plan, [3])
    target = dock.proxy.mapFromSource(dock.model.unit_index(0))
    assert not dock.proxy.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target)
    assert window.undo_stack.count() == 0


def test_rename_by_editing_the_name(window):
    model = window.docks.units.model
    index = model.index(unit_row(model, 2), COL_NAME)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "  新城镇 ", Qt.ItemDataRole.EditRole)
    assert window.project.plan.units[2].name == "新城镇"
    assert cell(model, 2, COL_NAME) == "新城镇"
    assert window.undo_stack.count() == 1
    assert not model.setData(index, "   ", Qt.ItemDataRole.EditRole)
    assert window.undo_stack.count() == 1


def test_selecting_units_selects_their_towns_and_back(window):
    dock = window.docks.units
    model, proxy, view = dock.model, dock.proxy, dock.view
    project = window.project
    window.push(AssignTowns([1, 4], 0))
    sm = view.selectionModel()
    sm.select(
        proxy.mapFromSource(model.unit_index(0)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert project.selection.towns == {0, 1, 4}
    # the map selects unit 0's towns and town 7 alone (a whole unit too)
    project.selection.set([0, 1, 4, 7])
    selected = {model.unit_of_index(proxy.mapToSource(i)) for i in sm.selectedRows(0)}
    assert selected == {0, 7}
    assert project.selection.towns == {0, 1, 4, 7}  # no feedback loop rewrote it
    # part of a unit: its town row is selected, not the unit
    project.selection.set([4])
    rows = [proxy.mapToSource(i) for i in sm.selectedRows(0)]
    assert len(rows) == 1 and model.town_of(rows[0]) == 4
    project.selection.clear()
    assert sm.selectedRows(0) == []


def test_sorting_by_population_follows_edits(window):
    dock = window.docks.units
    proxy = dock.proxy
    dock.view.sortByColumn(COL_POP, Qt.SortOrder.DescendingOrder)
    top = proxy.index(0, COL_NAME).data()
    assert top == "镇11"  # grid populations grow with the index
    window.push(AssignTowns([1, 4, 5], 0))
    assert proxy.index(0, COL_NAME).data() == "镇0"


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


def test_summary_matches_plan_summary_after_assign(window):
    summary = window.docks.summary.summary
    window.push(AssignTowns([1, 4], 0))
    s = window.project.plan.summary()
    assert summary.values[0][0].text() == "12"
    assert summary.values[0][1].text() == str(s.after.units) == "10"
    assert summary.values[1][0].text() == numbers.population(s.before.mean_population)
    assert summary.values[1][1].text() == numbers.population(s.after.mean_population)
    assert summary.values[2][1].text() == numbers.area(s.after.mean_area_km2)
    assert summary.values[0][3].text() == "−16.7%"


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


def test_warnings_list_non_contiguous_unit_and_click_selects_it(window):
    warnings = window.docks.warnings.list
    plan = window.project.plan
    window.push(AssignTowns([11], 0))  # 0 and 11 are opposite corners: two pieces
    shown = [v for v in warnings.violations_shown() if v.rule == "contiguity"]
    assert [v.unit for v in shown] == [0]
    item = warnings.item_for(0)
    assert "2" in item.text(1) and item.text(0) == plan.units[0].name
    warnings.itemClicked.emit(item, 0)
    assert window.project.selection.towns == {0, 11}
    assert window.zoomed[-1] == [0, 11]
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


def test_units_model_is_consistent_under_random_edits(window):
    from PySide6.QtTest import QAbstractItemModelTester

    model = window.docks.units.model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    QAbstractItemModelTester(
        window.docks.units.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    plan = window.project.plan
    rng = np.random.default_rng(1)
    for _ in range(25):
        towns = rng.choice(12, size=rng.integers(1, 4), replace=False)
        target = int(plan.unit_of[rng.integers(0, 12)])
        try:
            window.push(AssignTowns(towns, target))
        except Exception:
            continue
        if rng.random() < 0.3:
            window.undo_stack.undo()
    assert model.rowCount() == len(plan.units)
    shown = {model.uid_at(r) for r in range(model.rowCount())}
    assert shown == set(plan.units)
    for uid in plan.units:
        assert cell(model, uid, COL_POP).rstrip("*") == numbers.count(plan.stats(uid).population)
        expected = model.tr("Yes") if plan.stats(uid).contiguous else None
        if expected:
            assert cell(model, uid, COL_CONTIG) == expected


def test_double_click_elsewhere_zooms_to_unit(window):
    dock = window.docks.units
    index = dock.proxy.mapFromSource(dock.model.unit_index(3, COL_POP))
    dock.widget_._on_double_click(index)
    assert window.zoomed[-1] == [3]
    assert isinstance(QModelIndex(), QModelIndex)
