"""File menu plan actions: title marker, save/open, close prompt, recovery, import/export."""

from __future__ import annotations

from pathlib import Path

import pyogrio
import pytest

from editor.core.commands import AssignTowns, RenameUnit
from editor.core.project import Project
from editor.gui import plan_actions
from editor.io import atomic
from editor.io import journal as jr
from editor.io.load import open_layer
from tests.support import grid_layer

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_shapes" / "sample_county.shp"
SAMPLE_PLAN = REPO / "sample_shapes" / "sample_plan.csv"


@pytest.fixture(scope="module")
def layer():
    return open_layer(SAMPLE)


def plan_window(make_window, layer, plan_path=None):
    """The real window on the sample county, and its plan-file actions."""
    project = Project(layer, source_path=SAMPLE)
    project.plan_path = plan_path
    w = make_window(project)
    return w, w.plan_file_actions


def _simulate_crash(w, actions):
    """The process "dies": nothing closed or saved; its lock file is left, as a killed
    process leaves it (stale: its pid would be gone; here the lock is just let go)."""
    w.project.plan.events.changed.disconnect()
    w.project.plan.events.benchmark.disconnect()
    from editor.io import lock as lock_io

    lock_io._held.clear()  # as if another process had held it (and its pid were gone)


def _state(plan):
    return {uid: (u.name, u.seat, u.note, frozenset(u.members)) for uid, u in plan.units.items()}


def test_menu_has_the_actions(qtbot, make_window, layer):
    w, actions = plan_window(make_window, layer)
    texts = [a.text() for a in w.menus["file"].actions() if a.text()]
    for expected in ("Open plan…", "&Save plan", "Save plan &as…", "Export merged units…"):
        assert expected in texts
    assert actions.actions["save_plan"].shortcut().toString() == "Ctrl+S"


def test_title_marks_unsaved_changes_and_save_clears_it(
    qtbot, make_window, layer, tmp_path, messages
):
    w, actions = plan_window(make_window, layer)
    assert "[*]" in w.windowTitle() and not w.isWindowModified()
    w.push(AssignTowns([1, 2], 0))
    assert w.isWindowModified()
    journal = actions.journal.path
    assert journal.exists()  # the edit is already on disk
    path = tmp_path / "方案.tbplan"
    assert actions.save_as(path)
    assert path.exists() and not w.isWindowModified()
    assert w.project.plan_path == path and "方案.tbplan" in w.windowTitle()
    assert not journal.exists()  # folded into the plan file
    w.push(RenameUnit(0, "城关镇"))
    assert w.isWindowModified()
    assert actions.journal.path == tmp_path / "方案.tbplan.journal"
    assert actions.save()
    assert not w.isWindowModified() and not actions.journal.path.exists()
    w.undo_stack.undo()  # back before the save point: modified again
    assert w.isWindowModified()


def test_failed_save_says_why_and_keeps_the_plan(
    qtbot, make_window, layer, tmp_path, messages, monkeypatch
):
    w, actions = plan_window(make_window, layer)
    w.push(AssignTowns([1, 2], 0))
    before = _state(w.project.plan)

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    assert not actions.save_as(tmp_path / "p.tbplan")
    assert messages and messages[-1][0] == "critical" and "read-only" in messages[-1][1]
    assert "\n" not in messages[-1][1]
    assert _state(w.project.plan) == before and w.isWindowModified()
    assert w.project.plan_path is None


@pytest.mark.parametrize("answer", ["cancel", "discard", "save"])
def test_closing_with_unsaved_changes_asks(
    qtbot, make_window, layer, tmp_path, monkeypatch, answer
):
    path = tmp_path / "p.tbplan"
    w, actions = plan_window(make_window, layer, plan_path=path)
    w.push(AssignTowns([1, 2], 0))
    journal = actions.journal.path
    asked = []
    monkeypatch.setattr(actions, "ask_unsaved", lambda: asked.append(1) or answer)
    closed = w.close()
    assert asked == [1]
    if answer == "cancel":
        assert not closed and w.isVisible() and journal.exists()
    else:
        assert closed and not journal.exists()
        assert path.exists() == (answer == "save")


def test_closing_without_changes_does_not_ask(qtbot, make_window, layer, monkeypatch):
    w, actions = plan_window(make_window, layer)
    monkeypatch.setattr(actions, "ask_unsaved", lambda: pytest.fail("asked"))
    assert w.close()


def test_open_plan_on_the_same_layer(qtbot, make_window, layer, tmp_path, messages):
    w, actions = plan_window(make_window, layer)
    actions.import_table(SAMPLE_PLAN)
    w.push(RenameUnit(w.project.plan.find_unit("城关镇"), "城关新镇"))
    saved = _state(w.project.plan)
    path = tmp_path / "p.tbplan"
    actions.save_as(path)

    w2, actions2 = plan_window(make_window, layer)
    assert actions2.open_plan(path)
    assert w2.project.plan_path == path
    assert _state(w2.project.plan) == saved
    assert not w2.isWindowModified() and "p.tbplan" in w2.windowTitle()


def test_open_plan_of_another_layer_opens_that_layer(qtbot, make_window, tmp_path, messages):
    sample = open_layer(SAMPLE)
    w, _ = plan_window(make_window, sample)
    actions = w.plan_file_actions
    actions.import_table(SAMPLE_PLAN)
    path = tmp_path / "p.tbplan"
    actions.save_as(path)
    saved = _state(w.project.plan)

    other = make_window(Project(grid_layer(2, 2)))
    assert other.plan_file_actions.open_plan(path)
    qtbot.waitUntil(lambda: other.project.plan_path == path, timeout=20000)
    assert Path(other.project.source_path) == SAMPLE
    assert _state(other.project.plan) == saved


def test_recovery_after_a_crash(qtbot, make_window, layer, tmp_path, monkeypatch, messages):
    w, actions = plan_window(make_window, layer)
    w.push(AssignTowns([1, 2], 0))
    w.push(RenameUnit(0, "合并镇"))
    w.undo_stack.undo()
    w.push(AssignTowns([5], 0))
    expected = _state(w.project.plan)
    _simulate_crash(w, actions)  # a new session opens the layer

    offered = []
    monkeypatch.setattr(
        plan_actions.PlanActions, "ask_recover", lambda self, rec: offered.append(rec.edits) or True
    )
    w2 = make_window(Project(layer, source_path=SAMPLE))
    actions2 = w2.plan_file_actions
    qtbot.waitUntil(lambda: bool(offered), timeout=5000)  # offered at start-up
    assert offered == [4]
    assert _state(w2.project.plan) == expected
    assert w2.isWindowModified()  # recovered, not saved yet
    # the recovered state is journaled at once: a second crash keeps it
    rec = jr.find_recovery(source_path=SAMPLE)
    assert rec is not None and jr.recover(rec, layer).plan.unit_of.tolist() == (
        w2.project.plan.unit_of.tolist()
    )
    path = tmp_path / "p.tbplan"
    assert actions2.save_as(path)
    assert jr.find_recovery(source_path=SAMPLE) is None


def test_declined_recovery_discards_the_journal(qtbot, make_window, layer, monkeypatch):
    w, actions = plan_window(make_window, layer)
    w.push(AssignTowns([1, 2], 0))
    _simulate_crash(w, actions)
    asked = []
    monkeypatch.setattr(
        plan_actions.PlanActions, "ask_recover", lambda self, rec: asked.append(1) or False
    )
    w2 = make_window(Project(layer))  # a layer without a file: nothing to recover
    w2.set_project(Project(layer, source_path=SAMPLE))  # then the sample county opens
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked == [1]
    assert jr.find_recovery(source_path=SAMPLE) is None
    assert len(w2.project.plan) == layer.n


def test_import_table_is_one_undo_step_and_reports_unmatched(
    qtbot, make_window, layer, tmp_path, messages
):
    w, actions = plan_window(make_window, layer)
    table = tmp_path / "t.csv"
    table.write_text(
        "乡镇代码,合并后乡镇\n530830001000,新城镇\n530830002000,新城镇\n999,无\n",
        encoding="utf-8-sig",
    )
    assert actions.import_table(table)
    assert w.undo_stack.count() == 1
    assert len(w.project.plan.units[w.project.plan.find_unit("新城镇")].members) == 2
    assert messages and "999" in messages[-1][1]
    w.undo_stack.undo()
    assert len(w.project.plan) == layer.n


def test_export_units_and_tables(qtbot, make_window, layer, tmp_path, messages):
    w, actions = plan_window(make_window, layer)
    actions.import_table(SAMPLE_PLAN)
    job = actions.export_units(tmp_path / "units.shp", encoding="gbk")
    qtbot.waitUntil(lambda: job.done)
    got = pyogrio.read_dataframe(tmp_path / "units.shp")
    assert len(got) == len(w.project.plan)
    assert (tmp_path / "units.cpg").read_text().strip() == "GBK"
    job = actions.export_tables(tmp_path / "t.xlsx", kind="units")
    qtbot.waitUntil(lambda: job.done)
    assert (tmp_path / "t.xlsx").exists()
    job = actions.export_units(tmp_path / "missing" / "units.gpkg", encoding="utf-8")
    qtbot.waitUntil(lambda: job.done)
    assert job.error is not None
    assert messages[-1][0] == "critical" and "folder" in messages[-1][1]
