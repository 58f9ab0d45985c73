"""The journal never loses a committed edit: refused, damaged and shared journals, kills.

Issue 10 items 4, 5, 8 (the window's side of item 3 is in test_gui_recovery.py).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from editor.core.commands import AssignTowns, RenameUnit
from editor.core.history import History
from editor.core.plan import Plan
from editor.core.project import Project
from editor.errors import PlanError
from editor.io import journal as jr
from editor.io import lock as lock_io
from editor.io.load import open_layer
from editor.io.planfile import save_plan_file
from tests.journal_child import committed, expected_after, run_killed

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_shapes" / "sample_county.shp"
POSIX_KILL = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def _state(plan: Plan) -> dict:
    return {uid: (u.name, u.seat, u.note, frozenset(u.members)) for uid, u in plan.units.items()}


@pytest.fixture(scope="module")
def layer():
    return open_layer(SAMPLE)


def _copy_layer(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for f in SAMPLE.parent.glob("sample_county.*"):
        shutil.copy(f, folder / f.name)
    return folder / SAMPLE.name


def _three_edits(plan: Plan) -> None:
    history = History(plan)
    history.push(AssignTowns([1, 2], 0))
    history.push(RenameUnit(0, "新城镇"))
    history.push(AssignTowns([5], 0))


# -- item 8: a malformed line ends the replay there; the prefix is offered ---------------
@pytest.mark.parametrize(
    "bad",
    [
        '{"kind":"assign","label":"x","after":{"towns":[1],"unit_of":[' + "9" * 30 + "],"
        '"units":{}}}',
        '{"kind":"assign","label":"x","after":{"towns":[' + "9" * 5000 + '],"unit_of":[0]}}',
        '{"kind":"assign","after":{"towns":[1],"unit_of":[0],"units":{"0":["a",'
        + "9" * 25
        + ',""]}}}',
        '{"kind":"assign","after":{"towns":[100000],"unit_of":[0],"units":{}}}',
        '{"kind":"assign","after":{"towns":[1,2],"unit_of":[0],"units":{}}}',
        '{"kind":"assign","after":{"towns":[-1],"unit_of":[0],"units":{}}}',
        '{"kind":"assign","after":{"towns":[1.5],"unit_of":[0],"units":{}}}',
        '{"kind":"benchmark","benchmark":{"mean_population":"many"}}',
        '{"kind":"assign","after":{"towns":[1],"unit_of":[0],"units":{"x":null}}}',
        "[1,2,3]",
        "\x00\x00\x00",
    ],
)
def test_malformed_line_ends_the_replay_with_the_prefix_offered(tmp_path, layer, bad):
    plan = Plan(layer)
    path = tmp_path / "j.journal"
    journal = jr.Journal(plan, path)
    AssignTowns([1, 2], 0).redo(plan)
    expected = _state(plan)
    journal.close()
    good = path.read_text(encoding="utf-8")
    later = '{"kind":"assign","label":"y","after":{"towns":[3],"unit_of":[0],"units":{}}}\n'
    path.write_text(good + bad + "\n" + later, encoding="utf-8")

    rec = jr.read_journal(path)  # no OverflowError, ValueError, ...
    assert rec.edits == 1 and rec.problems and "line 3" in rec.problems[0]
    assert jr.find_recovery(source_path=None, plan_path=None, root=None) is None
    assert [r.path for r in jr.list_recoveries(tmp_path)] == [path]  # offered at start-up
    got = jr.recover(rec, layer)
    assert _state(got.plan) == expected and got.warnings


def test_header_with_odd_values_is_refused_cleanly(tmp_path):
    path = tmp_path / "j.journal"
    header = {"format": jr.FORMAT, "version": 1, "town_count": 10**40, "base_plan": 5}
    path.write_text(json.dumps(header) + "\n", encoding="utf-8")
    with pytest.raises(PlanError, match="journal header"):
        jr.read_journal(path)
    assert jr.list_recoveries(tmp_path) == []


# -- item 5: a refused journal is kept aside, and can be replayed by town id -------------
def _journal_on_copy(tmp_path: Path) -> tuple[Path, Path, dict]:
    src = _copy_layer(tmp_path / "layer")
    lay = open_layer(src)
    project = Project(lay, source_path=src)
    journal = jr.Journal(project)
    _three_edits(project.plan)
    expected = {
        uid: (u.name, frozenset(str(lay.ids[t]) for t in u.members))
        for uid, u in project.plan.units.items()
    }
    journal.close()
    return src, journal.path, expected


def _by_ids(plan: Plan) -> dict:
    lay = plan.layer
    return {
        uid: (u.name, frozenset(str(lay.ids[t]) for t in u.members))
        for uid, u in plan.units.items()
    }


@pytest.mark.parametrize("change", ["cpg", "dbf"])
def test_refused_journal_is_not_overwritten_by_the_next_edit(tmp_path, change):
    src, path, expected = _journal_on_copy(tmp_path)
    before = path.read_bytes()
    if change == "cpg":
        src.with_suffix(".cpg").write_text("CP936", encoding="ascii")
    else:
        dbf = bytearray(src.with_suffix(".dbf").read_bytes())
        dbf[-3] = ord("7") if dbf[-3] != ord("7") else ord("8")  # one value of the last record
        src.with_suffix(".dbf").write_bytes(bytes(dbf))
    lay = open_layer(src)
    project = Project(lay, source_path=src)
    journal = jr.Journal(project)
    assert journal.previous == path
    with pytest.raises(PlanError, match="changed"):
        jr.recover(journal.read_previous(), lay, base_plan=project.plan)
    AssignTowns([7], 8).redo(project.plan)  # the next edit: the old journal goes aside
    kept = journal.set_aside_to
    assert kept is not None and kept != path and kept.read_bytes() == before
    assert jr.read_journal(path).edits == 1  # the new journal holds the new edit only
    journal.close()

    # the user is offered to replay it by town id anyway: every edit comes back
    got = jr.recover(jr.read_journal(kept), lay, by_id=True)
    assert got.edits == 3 and _by_ids(got.plan) == expected


def test_by_id_replay_follows_reordered_and_missing_towns(tmp_path):
    from tests.support import grid_layer

    old = grid_layer(3, 3)
    plan = Plan(old)
    path = tmp_path / "j.journal"
    journal = jr.Journal(plan, path)
    history = History(plan)
    history.push(AssignTowns([1, 2], 0))  # T0 T1 T2
    history.push(AssignTowns([4, 5], 3))  # T3 T4 T5
    history.push(RenameUnit(3, "中镇"))
    journal.close()
    # the same towns, in reverse order, without T8
    order = list(range(7, -1, -1))
    new = grid_layer(
        3,
        3,
        ids=[f"T{k}" for k in order] + ["T9"],
        names=[f"镇{k}" for k in order] + ["镇9"],
    )
    with pytest.raises(PlanError):
        jr.recover(path, new)  # the same count, but the ids moved: refused by index
    got = jr.recover(path, new, by_id=True)
    units = {u.name: {str(new.ids[t]) for t in u.members} for u in got.plan.units.values()}
    assert units["镇0"] == {"T0", "T1", "T2"} and units["中镇"] == {"T3", "T4", "T5"}
    assert units["镇6"] == {"T6"} and units["镇9"] == {"T9"}
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[0])["town_ids"][8] == "T8"


def test_saving_keeps_a_journal_found_beside_the_new_plan(tmp_path, layer):
    plan_path = tmp_path / "p.tbplan"
    stray = jr.journal_path(plan_path)
    stray.write_text("not ours\n", encoding="utf-8")
    project = Project(layer, source_path=SAMPLE)
    journal = jr.Journal(project)
    AssignTowns([1], 0).redo(project.plan)
    save_plan_file(plan_path, project.plan, source_path=SAMPLE)
    journal.saved(plan_path)
    assert journal.set_aside_to.read_text(encoding="utf-8") == "not ours\n"
    journal.close()


# -- item 4: the journal is locked ---------------------------------------------------------
HOLDER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {repo!r})
    from editor.core.commands import AssignTowns
    from editor.core.plan import Plan
    from editor.io.journal import Journal
    from editor.io.load import open_layer
    plan = Plan(open_layer({sample!r}))
    journal = Journal(plan, {journal!r})
    AssignTowns([1, 2], 0).redo(plan)
    print("ready", flush=True)
    sys.stdin.readline()
    """
)


def _holder(tmp_path: Path, journal: Path) -> subprocess.Popen:
    script = tmp_path / "holder.py"
    script.write_text(
        HOLDER.format(repo=str(REPO), sample=str(SAMPLE), journal=str(journal)), encoding="utf-8"
    )
    proc = subprocess.Popen(
        [sys.executable, str(script)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    assert proc.stdout.readline().strip() == "ready"
    return proc


@POSIX_KILL
def test_second_process_sees_the_lock_and_a_killed_owner_is_stale(tmp_path, layer):
    path = tmp_path / "p.tbplan.journal"
    proc = _holder(tmp_path, path)
    try:
        owner = lock_io.holder(jr.lock_path(path))
        assert owner is not None and owner.pid == proc.pid and owner.host == lock_io.host_name()
        with pytest.raises(lock_io.LockedError, match=f"pid {proc.pid}"):
            jr.Journal(Plan(layer), path)
        before = path.read_bytes()
        assert jr.read_journal(path).edits == 1  # untouched by the refused second instance
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    # the owner is dead: its lock is stale and taken over; its journal is kept for recovery
    assert lock_io.holder(jr.lock_path(path)) is None
    journal = jr.Journal(Plan(layer), path)
    assert journal.previous == path and path.read_bytes() == before
    journal.close()
    assert not jr.lock_path(path).exists()


def test_lock_of_a_reused_pid_or_another_host(tmp_path):
    lock = tmp_path / "x.lock"
    lock.write_text(
        json.dumps({"pid": os.getppid(), "host": lock_io.host_name(), "started": -1.0}),
        encoding="utf-8",
    )
    if lock_io.process_started(os.getppid()) is not None:
        assert lock_io.holder(lock) is None  # the pid runs another process now
    lock.write_text(json.dumps({"pid": 1, "host": "elsewhere"}), encoding="utf-8")
    assert lock_io.holder(lock).host == "elsewhere"  # cannot be checked: in use
    with pytest.raises(lock_io.LockedError, match="elsewhere"):
        lock_io.acquire(lock)
    lock.write_text("{half", encoding="utf-8")  # killed while writing it: stale
    with lock_io.acquire(lock) as got:
        assert lock_io.read_owner(lock) == got.owner
    assert not lock.exists()


# -- crash tests: SIGKILL at injected points of the journal write ---------------------------
@POSIX_KILL
@pytest.mark.parametrize(
    ("record", "point"),
    [(1, "mid"), (2, "before"), (2, "mid"), (2, "after"), (5, "mid"), (9, "after"), (23, "mid")],
)
def test_sigkill_at_each_point_of_the_journal_write_loses_no_edit(tmp_path, layer, record, point):
    plan_path = run_killed(tmp_path, record, point)
    want = committed(record, point)
    journal = jr.journal_path(plan_path)
    if want <= 0:
        found = jr.find_recovery(plan_path=plan_path)
        assert found is None  # nothing committed after saving: nothing to offer
        return
    # the window's path: the journal beside the plan is the new Journal's previous
    from editor.io.planfile import load_plan_file

    project = Project(layer, load_plan_file(plan_path, layer).plan, source_path=SAMPLE)
    project.plan_path = plan_path
    new = jr.Journal(project)
    assert new.previous == journal
    rec = new.read_previous()
    assert rec.edits == want and rec.torn == (point == "mid")
    got = jr.recover(rec, layer, base_plan=project.plan)
    new.adopt()
    expected = expected_after(layer, want)
    assert got.edits - want == 0  # edits lost
    assert _state(project.plan) == _state(expected)
    assert np.array_equal(project.plan.unit_of, expected.unit_of)
    # the recovered state is on disk before anything else happens
    again = jr.recover(jr.read_journal(journal), layer)
    assert _state(again.plan) == _state(expected)
    new.close()
