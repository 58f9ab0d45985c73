"""Failure injection for the replace tests: shared by the tests and their child processes."""

from __future__ import annotations

import errno
import os
import signal
from pathlib import Path

from editor.io.atomic import move_into_place, staging_folder

OLD = {"a.shp": b"old shp", "a.shx": b"old shx", "a.dbf": b"old dbf", "a.qix": b"old index"}
NEW = {"a.shp": b"new shp", "a.shx": b"new shx", "a.dbf": b"new dbf", "a.qml": b"new style"}
STALE = ("a.shp", "a.shx", "a.dbf", "a.qix", "a.qml", "a.prj")  # what a .shp export sweeps


def files_of(folder: Path) -> dict[str, bytes]:
    """Every entry of ``folder``, hidden ones too (a leftover fails the comparison)."""
    return {p.name: p.read_bytes() if p.is_file() else b"<dir>" for p in folder.iterdir()}


def replace_set(folder: Path, new: dict[str, bytes] = NEW) -> list[Path]:
    with staging_folder(folder / "a.shp") as stage:
        for name, data in new.items():
            (stage / name).write_bytes(data)
        files = sorted(stage.iterdir(), key=lambda p: (p.suffix == ".shp", p.name))
        return move_into_place(files, folder, [folder / n for n in STALE])


class Steps:
    """Counts the renames and deletes of a replace; fails (or kills) at step ``at``."""

    def __init__(self, at: int | None = None, kill: bool = False):
        self.at, self.kill, self.n = at, kill, 0
        self.replace, self.unlink = os.replace, os.unlink

    def _step(self) -> None:
        self.n += 1
        if self.at is not None and self.n == self.at:
            if self.kill:
                os.kill(os.getpid(), signal.SIGKILL)
            raise OSError(errno.EIO, "injected failure")

    def os_replace(self, *a, **k):
        self._step()
        return self.replace(*a, **k)

    def os_unlink(self, *a, **k):
        self._step()
        return self.unlink(*a, **k)
