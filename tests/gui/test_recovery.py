"""Recovery in the real window after a killed session, answered by clicking the real boxes.

Issue 10 items 3 (a saved plan's edits after saving), 4 (a plan another process has
open) and 5 (a refused journal is kept and replayed by town id).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.gui.main_window import MainWindow
from editor.gui.plan import common
from editor.gui.plan.common import add_recent_plan
from editor.io import journal as jr
from editor.io.load import open_layer
from tests.journal_child import REPO, SAMPLE, expected_after, run_killed

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def _state(plan):
    return {uid: (u.name, u.seat, u.note, frozenset(u.members)) for uid, u in plan.units.items()}


@pytest.fixture
def asked(monkeypatch):
    """The window asks (it is not "headless"); returns the texts of the boxes clicked."""
    monkeypatch.setattr(common, "headless", lambda: False)
    return []


def click(asked: list, *buttons: str | QMessageBox.StandardButton) -> None:
    """Click ``buttons`` (texts or standard buttons), in turn, on the next modal message
    boxes; a box with only "OK" (a notice) is acknowledged on the way and recorded too."""
    todo = list(buttons)

    def attempt() -> None:
        if not todo:
            return
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(20, attempt)
            return
        want = todo[0]
        if isinstance(want, str):
            target = next((b for b in box.buttons() if b.text() == want), None)
        else:
            target = box.button(want)
        if target is None and len(box.buttons()) == 1:
            target = box.buttons()[0]  # a notice: OK
        else:
            todo.pop(0)
        assert target is not None, f"no button {want!r} in {box.text()!r}"
        asked.append(box.text())
        target.click()
        QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def start_window(qtbot) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    return win


def test_saved_plan_recovery_replays_the_edits_after_saving(qtbot, tmp_path, asked):
    # save a plan, make 3 edits (the journal holds 3 lines), kill -9 (the 4th record)
    plan_path = run_killed(tmp_path, record=4, point="after")
    journal = jr.journal_path(plan_path)
    assert jr.read_journal(journal).edits == 3
    add_recent_plan(plan_path)

    click(asked, QMessageBox.StandardButton.Yes)  # 「要打开并恢复吗？」: Yes
    win = start_window(qtbot)
    qtbot.waitUntil(
        lambda: win.project is not None and win.project.plan_path == plan_path, timeout=20000
    )
    assert len(asked) == 1 and plan_path.name in asked[0]  # asked once, not twice
    layer = win.project.layer
    expected = expected_after(layer, 3)
    assert _state(win.project.plan) == _state(expected)  # 0 edits lost
    assert np.array_equal(win.project.plan.unit_of, expected.unit_of)
    assert win.isWindowModified()
    # the recovered edits are on disk at once, beside the plan
    again = jr.recover(jr.read_journal(journal), layer)
    assert _state(again.plan) == _state(expected)
    # saving folds them into the plan file; the journal goes only then
    assert win.plan_file_actions.save()
    assert not journal.exists()
    win.close()


HOLDER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {repo!r})
    from editor.core.commands import AssignTowns
    from editor.core.project import Project
    from editor.io.journal import Journal
    from editor.io.load import open_layer
    from editor.io.planfile import load_plan_file
    layer = open_layer({sample!r})
    project = Project(layer, load_plan_file({plan!r}, layer).plan, source_path={sample!r})
    project.plan_path = {plan!r}
    journal = Journal(project)
    AssignTowns([3], 4).redo(project.plan)
    print("ready", flush=True)
    sys.stdin.readline()
    """
)


def test_plan_open_in_another_process_opens_as_a_copy(qtbot, tmp_path, asked):
    plan_path = run_killed(tmp_path, record=1, point="before")  # saved, nothing journaled
    script = tmp_path / "holder.py"
    script.write_text(
        HOLDER.format(repo=str(REPO), sample=str(SAMPLE), plan=str(plan_path)), encoding="utf-8"
    )
    proc = subprocess.Popen(
        [sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        journal = jr.journal_path(plan_path)
        theirs = journal.read_bytes()
        win = start_window(qtbot)
        click(asked, "Open a copy")
        assert win.plan_file_actions.open_plan(plan_path)
        qtbot.waitUntil(lambda: win.project is not None, timeout=20000)
        qtbot.waitUntil(lambda: win.plan_file_actions.copy_of == plan_path, timeout=20000)
        assert asked and str(proc.pid) in asked[0]
        assert win.project.plan_path is None and "copy" in win.windowTitle()
        ours = win.plan_file_actions.journal.path
        assert ours != journal and ours.parent != plan_path.parent
        from editor.core.commands import AssignTowns

        win.push(AssignTowns([7], 8))
        assert journal.read_bytes() == theirs  # the other instance's journal is untouched
        # Save writes elsewhere: the plan file the other instance has open is refused
        before = plan_path.read_bytes()
        click(asked, QMessageBox.StandardButton.Ok)
        assert not win.plan_file_actions.save_as(plan_path)
        assert plan_path.read_bytes() == before
        assert win.plan_file_actions.save_as(tmp_path / "副本.tbplan")
        win.plan_file_actions.journal.close()
        win.plan_file_actions.journal = None
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


def test_refused_journal_is_kept_and_replayed_by_town_id(qtbot, tmp_path, asked):
    folder = tmp_path / "layer"
    folder.mkdir()
    for f in SAMPLE.parent.glob("sample_county.*"):
        shutil.copy(f, folder / f.name)
    sample = folder / SAMPLE.name
    plan_path = run_killed(tmp_path, record=4, point="after", sample=sample)
    journal = jr.journal_path(plan_path)
    before = journal.read_bytes()
    sample.with_suffix(".cpg").write_text("CP936", encoding="ascii")  # the layer "changed"
    add_recent_plan(plan_path)

    click(asked, QMessageBox.StandardButton.Yes, "Replay by town id")
    win = start_window(qtbot)
    qtbot.waitUntil(lambda: any("changed" in a for a in asked[1:]), timeout=20000)
    qtbot.waitUntil(
        lambda: win.project is not None and win.project.plan_path == plan_path, timeout=20000
    )
    kept = [p for p in plan_path.parent.iterdir() if p.name.startswith(journal.name + ".refused")]
    assert len(kept) == 1 and kept[0].read_bytes() == before  # kept aside, whole
    expected = expected_after(open_layer(sample), 3)
    assert _state(win.project.plan) == _state(expected)
    assert win.isWindowModified()
    click(asked, QMessageBox.StandardButton.Discard)
    assert win.close()
