"""A full disk while writing a table or a layout is one clear error (issue 10, item 15).

Before: an XLSX gave a ``ZipFile`` traceback ("seek of closed file") after the error,
a PDF "unexpected error: Error -2 while flushing" (zlib hiding the ENOSPC). Both run
for real on a tiny tmpfs when the tests run as root, and everywhere with a file whose
writes fail with ENOSPC after a given number of bytes.
"""

from __future__ import annotations

import errno
import gc
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from editor.cli import main
from editor.io import atomic
from tests.support import SAMPLE, SAMPLE_PLAN

WRITERS = [
    ("table", "t.xlsx", ("--kind", "units")),
    ("table", "t.xlsx", ("--kind", "assignment")),
    ("table", "t.csv", ()),
    ("layout", "l.pdf", ()),
    ("layout", "l.svg", ()),
]


def _check_one_error(capsys, code: int, folder: Path, out: str) -> None:
    gc.collect()  # a ZipFile the failure left open complains when it is collected
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert code == 2, captured.err
    assert len(lines) == 1 and lines[0].startswith("error:"), captured.err
    assert "disk is full" in lines[0] and out in lines[0]
    assert "Traceback" not in captured.err and "unexpected" not in captured.err
    assert not (folder / out).exists()
    assert not [p.name for p in folder.iterdir() if ".tbe-" in p.name]  # no temp file left


class FullDisk(io.FileIO):
    """A file on a disk with ``room`` bytes left."""

    room = 0

    def write(self, data) -> int:
        n = len(memoryview(data))
        if n > FullDisk.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        FullDisk.room -= n
        return super().write(data)


def _open_on_full_disk(path, mode="r", encoding=None, newline=None, **kw):
    raw = FullDisk(path, mode.replace("t", "").replace("b", "") or "r")
    buffered = io.BufferedWriter(raw, buffer_size=4096)
    if "b" in mode:
        return buffered
    return io.TextIOWrapper(buffered, encoding=encoding, newline=newline, write_through=True)


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("fraction", [0, 0.3, 0.7, 0.99])
@pytest.mark.parametrize(("command", "out", "extra"), WRITERS)
def test_full_disk_injected(tmp_path, capsys, monkeypatch, command, out, extra, fraction):
    """The disk fills at 0 %, 30 %, 70 % and 99 % of the file."""
    args = [command, str(SAMPLE), "--plan", str(SAMPLE_PLAN), *extra, "--out"]
    assert main([*args, str(tmp_path / out)]) == 0
    size = (tmp_path / out).stat().st_size
    (tmp_path / out).unlink()
    capsys.readouterr()
    FullDisk.room = int(size * fraction)
    monkeypatch.setattr(atomic, "open", _open_on_full_disk, raising=False)
    code = main([*args, str(tmp_path / out)])
    _check_one_error(capsys, code, tmp_path, out)


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MB tmpfs (root only), filled later to the room a case wants."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small file system")
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def _fill(folder: Path, room: int) -> None:
    total = shutil.disk_usage(folder).free
    with open(folder / "fill", "wb") as fh:
        try:
            fh.write(b"\0" * max(0, total - room))
        except OSError:
            pass


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("room", [1, 3000, 6000])
def test_full_disk_for_real(tiny_disk, capsys, room):
    _fill(tiny_disk, room)
    for command, out, extra in WRITERS:
        args = [command, str(SAMPLE), "--plan", str(SAMPLE_PLAN), *extra, "--out"]
        code = main([*args, str(tiny_disk / out)])
        if code == 0:  # it fitted (a small CSV): then it is whole
            capsys.readouterr()
            (tiny_disk / out).unlink()
            continue
        _check_one_error(capsys, code, tiny_disk, out)
