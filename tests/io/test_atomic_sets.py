"""Replacing a set of files (a shapefile and its sidecars) is all or nothing (issue 10,
items 6 and 7): a failure injected at every step, a SIGKILL at every step, immutable old
files, stale staging of killed writers, and the permissions of what is written."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyogrio
import pytest

from editor.core.plan import Plan
from editor.core.session import plan_from_assignment
from editor.errors import WriteError
from editor.io import atomic
from editor.io.atomic import recover_folder
from editor.io.export import export_units
from editor.io.load import open_layer
from editor.io.plantable import read_assignment_table
from tests.io.inject import NEW, OLD, Steps, files_of, replace_set
from tests.support import REPO, SAMPLE, SAMPLE_PLAN

posix_kill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")


def _count_steps(tmp_path: Path, monkeypatch) -> int:
    folder = tmp_path / "count"
    folder.mkdir()
    for name, data in OLD.items():
        (folder / name).write_bytes(data)
    steps = Steps()
    with monkeypatch.context() as m:
        m.setattr(atomic.os, "replace", steps.os_replace)
        m.setattr(atomic.os, "unlink", steps.os_unlink)
        replace_set(folder)
    assert files_of(folder) == NEW
    return steps.n


def test_a_failure_at_every_step_leaves_the_whole_old_set(tmp_path, monkeypatch):
    total = _count_steps(tmp_path, monkeypatch)
    assert total >= len(OLD) + len(NEW) + 1  # every old file out, every new one in, the commit
    for k in range(1, total + 1):
        folder = tmp_path / f"k{k}"
        folder.mkdir()
        for name, data in OLD.items():
            (folder / name).write_bytes(data)
        steps = Steps(at=k)
        with monkeypatch.context() as m:
            m.setattr(atomic.os, "replace", steps.os_replace)
            m.setattr(atomic.os, "unlink", steps.os_unlink)
            try:
                replace_set(folder)
            except WriteError as exc:
                assert "a.shp" in str(exc)
                failed = True
            else:  # the injected step was one of the clean-ups after the commit
                failed = False
        recover_folder(folder)  # what the next write in the folder does first
        assert files_of(folder) == (OLD if failed else NEW), f"step {k}"


def test_a_failed_rollback_is_finished_by_the_next_write(tmp_path, monkeypatch):
    """The old files cannot come back at once (a second failure): they stay in the backup
    folder, the error says where, and the next write in the folder puts them back."""
    for name, data in OLD.items():
        (tmp_path / name).write_bytes(data)
    real = os.replace
    calls = {"n": 0}

    def flaky(src, dst):
        calls["n"] += 1
        if calls["n"] in (6, 7):  # the first new file moving in, then its roll back
            raise OSError(errno.EIO, "injected failure")
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", flaky)
    with pytest.raises(WriteError, match="put back by the next write"):
        replace_set(tmp_path)
    monkeypatch.setattr(atomic.os, "replace", real)
    assert recover_folder(tmp_path)  # what the next write (or read) does first
    assert files_of(tmp_path) == OLD


KILL_CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    sys.path.insert(0, {repo!r})
    from tests.io.inject import Steps, replace_set
    from editor.io import atomic
    steps = Steps(at=int(sys.argv[2]), kill=True)
    atomic.os.replace = steps.os_replace
    atomic.os.unlink = steps.os_unlink
    replace_set(Path(sys.argv[1]))
    """
)


@posix_kill
def test_sigkill_at_every_step_leaves_the_old_or_the_new_set(tmp_path, monkeypatch):
    total = _count_steps(tmp_path, monkeypatch)
    script = tmp_path / "child.py"
    script.write_text(KILL_CHILD.format(repo=str(REPO)), encoding="utf-8")
    outcomes = set()
    for k in range(1, total + 2):
        folder = tmp_path / f"kill{k}"
        folder.mkdir()
        for name, data in OLD.items():
            (folder / name).write_bytes(data)
        r = subprocess.run(
            [sys.executable, str(script), str(folder), str(k)],
            cwd=REPO,
            capture_output=True,
            timeout=60,
        )
        assert r.returncode in (0, -signal.SIGKILL), r.stderr
        recover_folder(folder)  # the next write or read in the folder
        got = files_of(folder)
        assert got in (OLD, NEW), f"killed at step {k}: {sorted(got)}"
        outcomes.add((r.returncode, "new" if got == NEW else "old"))
    # killed before the commit: old; after it (or not killed at all): new
    assert (-signal.SIGKILL, "old") in outcomes and (0, "new") in outcomes


@pytest.fixture(scope="module")
def plan():
    layer = open_layer(SAMPLE)
    plan, _ = plan_from_assignment(layer, read_assignment_table(SAMPLE_PLAN))
    return plan


def _shapefile_consistent(out: Path) -> int:
    info = pyogrio.read_info(out)
    frame = pyogrio.read_dataframe(out)
    assert info["features"] == len(frame) and frame.geometry.notna().all()
    return len(frame)


def test_real_export_failing_at_every_step_keeps_the_old_export(tmp_path, plan, monkeypatch):
    folder = tmp_path / "dest"
    folder.mkdir()
    out = folder / "out.shp"
    export_units(plan, out)  # the old set: with .qml and .fieldmap.csv
    one = Plan(plan.layer)  # the new export differs: one unit per town, no style
    counting = tmp_path / "count"
    shutil.copytree(folder, counting)
    steps = Steps()
    with monkeypatch.context() as m:
        m.setattr(atomic.os, "replace", steps.os_replace)
        m.setattr(atomic.os, "unlink", steps.os_unlink)
        export_units(one, counting / "out.shp", style=False)
    assert steps.n >= 2 * 7  # the old set out, the new set in
    failures = 0
    for k in range(1, steps.n + 1):
        old = files_of(folder)
        failing = Steps(at=k)
        with monkeypatch.context() as m:
            m.setattr(atomic.os, "replace", failing.os_replace)
            m.setattr(atomic.os, "unlink", failing.os_unlink)
            try:
                export_units(one, out, style=False)
            except WriteError as exc:
                assert str(exc).startswith(str(out)) and "\n" not in str(exc)
                assert files_of(folder) == old, f"step {k}"
                failures += 1
                continue
        recover_folder(folder)
        assert _shapefile_consistent(out) == one.layer.n  # finished: the new set whole
        assert not (folder / "out.qml").exists()
        export_units(plan, out)  # the old set again for the next step
    assert failures >= 2 * 7
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".")]


EXPORT_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, {repo!r})
    from tests.io.inject import Steps
    from editor.core.plan import Plan
    from editor.io import atomic
    from editor.io.export import export_units
    from editor.io.load import open_layer
    steps = Steps(at=int(sys.argv[2]), kill=True)
    atomic.os.replace = steps.os_replace
    atomic.os.unlink = steps.os_unlink
    export_units(Plan(open_layer({sample!r})), Path(sys.argv[1]), style=False)
    """
)


@posix_kill
@pytest.mark.parametrize("k", [2, 5, 9, 14])
def test_sigkill_during_a_real_export_then_the_next_export(tmp_path, plan, k):
    """The reported failure: killed between renames, ``out.dbf`` and ``out.shp`` disagreed.
    Now the next read (recover_folder) sees the whole old or new set, and the next export
    removes every staging and backup folder the killed one left."""
    out = tmp_path / "out.shp"
    export_units(plan, out)
    old = files_of(tmp_path)
    script = tmp_path.parent / f"export_child_{k}.py"
    script.write_text(EXPORT_CHILD.format(repo=str(REPO), sample=str(SAMPLE)), encoding="utf-8")
    r = subprocess.run(
        [sys.executable, str(script), str(out), str(k)], cwd=REPO, capture_output=True, timeout=120
    )
    assert r.returncode == -signal.SIGKILL, r.stderr.decode()[-500:]
    assert any(".tbe-" in p.name for p in tmp_path.iterdir())  # it died mid-way
    recover_folder(tmp_path)
    got = files_of(tmp_path)
    if got != old:  # killed after the commit: the new set, whole
        assert {n for n in got if not n.startswith(".")} == {
            n for n in old if n != "out.qml"
        } and _shapefile_consistent(out) == plan.layer.n
    export_units(plan, out)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert _shapefile_consistent(out) == len(plan)


def _chattr(flag: str, *paths: Path) -> bool:
    if os.geteuid() != 0 or shutil.which("chattr") is None:
        return False
    r = subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True)
    return r.returncode == 0


@pytest.mark.parametrize(("suffix", "frozen"), [(".shp", ".shp"), (".gpkg", ".qml")])
def test_an_immutable_old_file_keeps_the_old_export_whole(tmp_path, plan, suffix, frozen):
    """Issue 10 item 6 with ``chattr +i`` for real (root only; else the injected tests)."""
    out = tmp_path / ("out" + suffix)
    export_units(plan, out)
    old = files_of(tmp_path)
    locked = tmp_path / ("out" + frozen)
    if not _chattr("+i", locked):
        pytest.skip("needs root and chattr on this file system")
    try:
        with pytest.raises(WriteError) as err:
            export_units(Plan(plan.layer), out)
        assert "\n" not in str(err.value) and str(out) in str(err.value)
        assert f"cannot replace out{frozen}: it is locked" in str(err.value)
        assert files_of(tmp_path) == old
    finally:
        _chattr("-i", locked)


def test_stale_staging_of_dead_writers_is_removed_on_the_next_write(tmp_path, plan):
    out = tmp_path / "out.shp"
    dead = _dead_pid()
    leftovers = [
        f".out.shp.tbe-{dead}-abcd1234.stage",  # a killed export's staging (12 MB in the report)
        f".out.shp.tbe-{dead}-abcd1234.backup",
        f".plan.tbplan.tbe-{dead}-zz99yy88.tmp",
        ".out.k2j4_9xq",  # staging of the version before (``.out.xxxx``)
    ]
    for name in leftovers:
        if name.endswith(".tmp"):
            (tmp_path / name).write_bytes(b"half a plan")
        else:
            (tmp_path / name).mkdir()
            (tmp_path / name / "out.dbf").write_bytes(b"x" * 1000)
    alive = tmp_path / f".other.shp.tbe-{os.getppid()}-live0000.stage"  # a live writer's
    alive.mkdir()
    mine = tmp_path / ".settings.k2j4_9xq"  # not ours: holds no out.* file
    mine.mkdir()
    (mine / "keep.txt").write_text("user's", encoding="utf-8")
    export_units(plan, out)
    names = {p.name for p in tmp_path.iterdir()}
    assert not names & set(leftovers)
    assert alive.name in names and mine.name in names


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_written_files_keep_the_users_umask(tmp_path, plan):
    """Issue 12: the PDF was 0600 (mkstemp's mode); every writer gives 0666 & ~umask."""
    if os.name == "nt":
        pytest.skip("POSIX permissions")
    from editor.io.planfile import save_plan_file
    from editor.io.tables import export_table
    from editor.layout import LayoutSettings, save_layout

    expected = 0o666 & ~atomic._current_umask()
    written = [
        *save_layout(plan, LayoutSettings(), tmp_path / "l.pdf"),
        *save_layout(plan, LayoutSettings(dpi=40), tmp_path / "l.png"),
        export_table(plan, tmp_path / "t.xlsx"),
        export_table(plan, tmp_path / "t.csv"),
        save_plan_file(tmp_path / "p.tbplan", plan, source_path=SAMPLE),
        *export_units(plan, tmp_path / "u.shp").files,
    ]
    modes = {Path(p).name: oct(os.stat(p).st_mode & 0o777) for p in written}
    assert set(modes.values()) == {oct(expected)}, modes
