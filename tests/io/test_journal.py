"""The journal: every committed edit survives a killed process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from editor.core.commands import AssignTowns, RenameUnit
from editor.core.history import History
from editor.core.plan import Benchmark, Plan
from editor.core.project import Project
from editor.errors import PlanError
from editor.io import journal as jr
from editor.io.load import open_layer
from editor.io.planfile import save_plan_file

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_shapes" / "sample_county.shp"

# One deterministic edit sequence, run by the child process and again by the test.
SEQUENCE = textwrap.dedent(
    """
    from editor.core.commands import AssignTowns, RenameUnit, SetNote, SetSeat, CommandError

    def step(plan, history, k):
        layer = plan.layer
        n = layer.n
        if k % 11 == 10 and history.can_undo:
            history.undo()
            return
        t = (k * 7) % n
        uid = int(plan.unit_of[t])
        if k % 5 == 4:
            history.push(RenameUnit(uid, f"单元{k}"))
        elif k % 7 == 6:
            history.push(SetNote(uid, f"第{k}次讨论"))
        elif k % 13 == 12:
            history.push(SetSeat(uid, t))
        else:
            nb = layer.neighbors(t)
            target = int(plan.unit_of[int(nb[k % len(nb)])])
            if target == uid:
                history.push(RenameUnit(uid, f"合并{k}"))
            else:
                history.push(AssignTowns([t], target))
    """
)


def _state(plan: Plan) -> dict:
    return {uid: (u.name, u.seat, u.note, frozenset(u.members)) for uid, u in plan.units.items()}


@pytest.fixture(scope="module")
def layer():
    return open_layer(SAMPLE)


def test_every_change_is_a_line_and_replays(tmp_path, layer):
    plan = Plan(layer)
    path = tmp_path / "edits.journal"
    journal = jr.Journal(plan, path)
    assert not path.exists()  # nothing written before the first change
    history = History(plan)
    history.push(AssignTowns([1, 2], 0))
    history.push(RenameUnit(0, "城关镇"))
    history.undo()  # undo is a change too
    plan.set_benchmark(Benchmark("全国平均", 30000.0, 100.0))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["format"] == jr.FORMAT
    assert len(lines) == 1 + 4
    journal.close()

    got = jr.recover(path, layer)
    assert got.edits == 4
    assert _state(got.plan) == _state(plan)
    assert got.plan.benchmark == plan.benchmark


def test_torn_last_line_is_ignored(tmp_path, layer):
    plan = Plan(layer)
    path = tmp_path / "edits.journal"
    journal = jr.Journal(plan, path)
    AssignTowns([1], 0).redo(plan)
    expected = _state(plan)
    AssignTowns([3], 0).redo(plan)
    journal.close()
    data = path.read_bytes()
    last = data.rstrip(b"\n").rfind(b"\n")
    path.write_bytes(data[: last + 1 + 25])  # the last record cut mid-way, no newline
    rec = jr.read_journal(path)
    assert rec.torn and rec.edits == 1
    got = jr.recover(rec, layer)
    assert _state(got.plan) == expected


def test_journal_beside_saved_plan_replays_on_top_of_it(tmp_path, layer):
    project = Project(layer, source_path=SAMPLE)
    AssignTowns([1, 2], 0).redo(project.plan)
    plan_path = tmp_path / "县方案.tbplan"
    save_plan_file(plan_path, project.plan, source_path=SAMPLE)
    project.plan_path = plan_path
    journal = jr.Journal(project)
    assert journal.path == tmp_path / "县方案.tbplan.journal"
    AssignTowns([5], 0).redo(project.plan)
    RenameUnit(0, "新城关").redo(project.plan)
    found = jr.find_recovery(plan_path=plan_path)
    assert found is not None and found.edits == 2 and found.base_plan == plan_path
    got = jr.recover(found, layer)
    assert _state(got.plan) == _state(project.plan)

    # saving folds the journal into the plan file
    save_plan_file(plan_path, project.plan, source_path=SAMPLE)
    journal.saved(plan_path)
    assert jr.find_recovery(plan_path=plan_path) is None
    AssignTowns([7], 0).redo(project.plan)
    assert jr.find_recovery(plan_path=plan_path).edits == 1
    journal.close()


def test_unsaved_plan_journal_goes_to_recovery_folder(tmp_path, layer, monkeypatch):
    monkeypatch.setattr(jr, "_recovery_override", tmp_path / "recovery")
    project = Project(layer, source_path=SAMPLE)
    journal = jr.Journal(project)
    assert journal.path.parent == tmp_path / "recovery"
    assert jr.find_recovery(source_path=SAMPLE) is None  # no change, nothing to offer
    AssignTowns([4], 3).redo(project.plan)
    found = jr.find_recovery(source_path=SAMPLE)
    assert found is not None and found.base_plan is None
    assert [r.path for r in jr.list_recoveries()] == [journal.path]
    found.discard()
    assert jr.find_recovery(source_path=SAMPLE) is None
    journal.close()


def test_journal_for_another_layer_is_refused(tmp_path, layer):
    plan = Plan(layer)
    path = tmp_path / "j.journal"
    journal = jr.Journal(plan, path)
    AssignTowns([1], 0).redo(plan)
    journal.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["town_count"] = layer.n + 1
    path.write_text("\n".join([json.dumps(header)] + lines[1:]) + "\n", encoding="utf-8")
    with pytest.raises(PlanError, match="towns"):
        jr.recover(path, layer)


def test_write_failure_does_not_break_the_edit(tmp_path, layer, monkeypatch):
    plan = Plan(layer)
    journal = jr.Journal(plan, tmp_path / "j.journal")
    messages = []
    journal.failed.connect(messages.append)

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jr.os, "fsync", boom)
    AssignTowns([1], 0).redo(plan)  # must not raise into the command
    assert plan.unit_of[1] == 0
    assert journal.error and messages and "j.journal" in messages[0]
    journal.close()


CHILD = """
import sys
sys.path.insert(0, {repo!r})
from editor.io.load import open_layer
from editor.core.plan import Plan
from editor.core.history import History
from editor.io.journal import Journal
{sequence}
layer = open_layer({sample!r})
plan = Plan(layer)
journal = Journal(plan, {journal!r})
history = History(plan)
print("ready", flush=True)
for k in range(100000):
    step(plan, history, k)
    print(f"committed {{k + 1}}", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_mid_edits_loses_no_committed_edit(tmp_path, layer):
    journal_file = tmp_path / "killed.journal"
    script = tmp_path / "child.py"
    script.write_text(
        CHILD.format(
            repo=str(REPO), sequence=SEQUENCE, sample=str(SAMPLE), journal=str(journal_file)
        ),
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=tmp_path
    )
    committed = 0
    try:
        for line in proc.stdout:
            if line.startswith("committed"):
                committed = int(line.split()[1])
                if committed >= 40:
                    os.kill(proc.pid, signal.SIGKILL)  # while it keeps editing
                    break
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert committed >= 40

    rec = jr.read_journal(journal_file)
    assert rec.edits >= committed  # every edit reported as committed is in the journal
    got = jr.recover(rec, layer)

    # replay the same sequence in-process for as many edits as the journal holds
    ns: dict = {}
    exec(SEQUENCE, ns)
    plan = Plan(layer)
    history = History(plan)
    changes = []
    plan.events.changed.connect(changes.append)
    k = 0
    while len(changes) < rec.edits:
        ns["step"](plan, history, k)
        k += 1
    assert len(changes) == rec.edits
    assert k >= committed
    assert _state(got.plan) == _state(plan)
    assert np.array_equal(got.plan.unit_of, plan.unit_of)


def test_checkpoint_compacts_a_recovered_journal(tmp_path, layer):
    plan = Plan(layer)
    path = tmp_path / "j.journal"
    journal = jr.Journal(plan, path)
    history = History(plan)
    for t in (1, 2, 3):
        history.push(AssignTowns([t], 0))
    history.undo()
    journal.close()
    got = jr.recover(path, layer)
    j2 = jr.Journal(got.plan, path)
    j2.checkpoint()  # the recovered state, journaled at once
    assert jr.read_journal(path).edits == 1
    RenameUnit(0, "合并镇").redo(got.plan)
    j2.close()
    again = jr.recover(path, layer)
    assert again.edits == 2
    assert _state(again.plan) == _state(got.plan)
