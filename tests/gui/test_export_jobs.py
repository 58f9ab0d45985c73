"""File > Export merged units… / Export tables… run in a worker thread behind a progress
dialog, on a snapshot of the plan: the window stays usable, edits made meanwhile are
safe (not in the file, not lost), and errors come back in the user's language."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import pyogrio
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QProgressDialog

from editor.core.commands import AssignTowns, RenameUnit
from editor.core.project import Project
from editor.gui import i18n, jobs, plan_actions
from editor.gui.main_window import MainWindow
from editor.io import export as export_io
from editor.io import tables as tables_io
from editor.io.atomic import write_error
from editor.io.load import open_layer
from tests.support import CJK

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_shapes" / "sample_county.shp"


@pytest.fixture(scope="module")
def layer():
    return open_layer(SAMPLE)


@pytest.fixture
def window(qtbot, layer, messages):
    win = MainWindow(Project(layer, source_path=SAMPLE), install_features=False)
    qtbot.addWidget(win)
    actions = plan_actions.install(win)
    win.show()
    yield win, actions
    for job in jobs.running():  # never leave a worker writing after the test
        qtbot.waitUntil(lambda job=job: job.done, timeout=20000)
    win.close()


def _state(plan):
    return {uid: (u.name, u.seat, u.note, frozenset(u.members)) for uid, u in plan.units.items()}


def _answer_dialogs(monkeypatch, path: Path, item: str = "UTF-8") -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (item, True)))


def _held(monkeypatch, module, name):
    """Make ``module.name`` wait for the returned event in the worker; records its thread."""
    gate = threading.Event()
    threads: list[int] = []
    real = getattr(module, name)

    def held(*a, **k):
        threads.append(threading.get_ident())
        assert gate.wait(20)
        return real(*a, **k)

    monkeypatch.setattr(module, name, held)
    return gate, threads


def test_export_through_the_menu_runs_in_a_worker_and_edits_stay_safe(
    qtbot, window, tmp_path, monkeypatch, messages
):
    win, actions = window
    out = tmp_path / "units.gpkg"
    _answer_dialogs(monkeypatch, out)
    gate, threads = _held(monkeypatch, export_io, "export_units")
    win.push(AssignTowns([0, 1], win.project.plan.unit_of[0]))
    exported = _state(win.project.plan)
    actions.actions["export_units"].trigger()
    job = actions.export_job
    assert job is not None and not job.done
    # the export waits in its worker; the GUI thread goes on: the dialog shows, and an
    # edit goes through without touching what is being written
    qtbot.waitUntil(lambda: threads and job.progress.isVisible())
    assert threads[0] != threading.get_ident()
    assert isinstance(job.progress, QProgressDialog) and job.progress.maximum() == 0
    assert not actions.actions["export_units"].isEnabled()
    assert not actions.actions["export_tables"].isEnabled()
    uid = win.project.plan.unit_of[0]
    win.push(RenameUnit(uid, "改名中"))
    assert win.project.plan.units[uid].name == "改名中"
    gate.set()
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    assert job.error is None and job.worker_thread != threading.get_ident()
    got = pyogrio.read_dataframe(out)
    assert len(got) == len(exported)
    assert "改名中" not in set(got["name"])  # the plan as it was when export started
    assert win.project.plan.units[uid].name == "改名中"  # and the edit is kept
    assert win.undo_stack.count() == 2
    assert actions.actions["export_units"].isEnabled()
    assert "Wrote" in win.statusBar().currentMessage() and str(out) in (
        win.statusBar().currentMessage()
    )
    assert messages and messages[-1][0] == "information"


def test_export_tables_through_the_menu(qtbot, window, tmp_path, monkeypatch):
    win, actions = window
    out = tmp_path / "assignment.csv"
    _answer_dialogs(monkeypatch, out, item="Old-to-new assignment table")
    gate, threads = _held(monkeypatch, tables_io, "export_table")
    actions.actions["export_tables"].trigger()
    job = actions.export_job
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] != threading.get_ident() and not job.done
    gate.set()
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    assert job.error is None and out.exists()
    assert win.statusBar().currentMessage() == f"Wrote {out}"


def test_the_dialog_button_hides_it_and_the_export_still_finishes(
    qtbot, window, tmp_path, monkeypatch
):
    win, actions = window
    out = tmp_path / "t.xlsx"
    gate, threads = _held(monkeypatch, tables_io, "export_table")
    job = actions.export_tables(out, kind="units")
    qtbot.waitUntil(lambda: job.progress.isVisible())
    job.progress.cancel()  # "Run in background"
    assert not job.progress.isVisible() and not job.done
    gate.set()
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    assert out.exists() and win.statusBar().currentMessage() == f"Wrote {out}"


@pytest.fixture
def chinese(qapp):
    assert i18n.set_language(i18n.CHINESE)
    yield
    i18n.set_language(i18n.ENGLISH)
    QCoreApplication.processEvents()


def test_a_read_only_destination_is_one_translated_line_and_the_plan_is_unchanged(
    qtbot, window, tmp_path, monkeypatch, messages, chinese
):
    win, actions = window
    win.push(AssignTowns([0, 1], win.project.plan.unit_of[0]))
    before = _state(win.project.plan)
    out = tmp_path / "units.gpkg"

    def denied(*a, **k):
        raise write_error(out, PermissionError(errno.EACCES, "Permission denied"))

    monkeypatch.setattr(export_io, "move_into_place", denied)
    job = actions.export_units(out, encoding="utf-8")
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    assert job.error is not None and job.worker_thread != threading.get_ident()
    kind, text = messages[-1]
    assert kind == "critical" and "\n" not in text
    assert text.startswith(str(out)) and CJK.search(text)
    assert "read-only" not in text  # worded in Chinese, not the English problem
    assert _state(win.project.plan) == before and win.undo_stack.count() == 1
    assert not out.exists()
    assert actions.actions["export_units"].isEnabled()


def test_the_frozen_plan_is_equal_and_independent(layer):
    project = Project(layer)
    plan = project.plan
    AssignTowns([0, 1, 2], plan.unit_of[0]).redo(plan)
    frozen = plan.copy()
    assert _state(frozen) == _state(plan)
    assert {u: frozen.stats(u) for u in frozen.units} == {u: plan.stats(u) for u in plan.units}
    was = _state(frozen)
    AssignTowns([3, 4], plan.unit_of[0]).redo(plan)
    RenameUnit(plan.unit_of[0], "新名").redo(plan)
    assert _state(frozen) == was and _state(plan) != was
