"""Write files whole or not at all: write beside the destination, fsync, then rename.

A file the program writes is first written to a temporary name in the destination's
own folder (so the final ``os.replace`` is a rename on one file system, which is
atomic), flushed and fsynced, and only then renamed into place. An exception on the
way removes the temporary file, so the destination keeps its old content or stays
absent. Outputs made of several files (a shapefile and its sidecars) are written into
a temporary folder beside the destination and moved in together.

Errors from the operating system become :class:`~editor.errors.WriteError` with a
message a user can act on ("the folder is read-only", "the disk is full").
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from editor.core.messages import Message
from editor.errors import WriteError


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp makes 0600 files; outputs should get the usual permissions (0666 - umask)
_FILE_MODE = 0o666 & ~_current_umask()

_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


def write_error(path: str | Path, exc: OSError) -> WriteError:
    """A :class:`WriteError` for ``exc`` with a plain explanation of the common causes."""
    path = Path(path)
    if exc.errno == errno.EROFS:
        problem = Message("error.read_only_disk", "cannot write: the folder is on a read-only disk")
    elif exc.errno in _READ_ONLY:
        problem = Message(
            "error.cannot_write_folder_read",
            "cannot write: the folder is read-only or you have no permission to write there",
        )
    elif exc.errno in _FULL:
        problem = Message(
            "error.disk_full", "cannot write: the disk is full (or your quota is used up)"
        )
    elif exc.errno == errno.ENOENT:
        problem = Message(
            "error.cannot_write_folder_does", "cannot write: the folder does not exist"
        )
    else:
        problem = Message(
            "error.cannot_write", "cannot write: {detail}", detail=exc.strerror or str(exc)
        )
    return WriteError(path, problem)


def fsync_dir(folder: str | Path) -> None:
    """Flush a folder's entries (the rename) to disk; a no-op where unsupported (Windows)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a directory; the data itself is synced
    finally:
        os.close(fd)


def _temp_name(path: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if os.name != "nt":
            os.fchmod(fd, _FILE_MODE)
    finally:
        os.close(fd)
    return Path(name)


@contextlib.contextmanager
def atomic_open(
    path: str | Path, mode: str = "wb", encoding: str | None = None, newline: str | None = None
) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` whole.

    Raises
    ------
    WriteError
        When the folder cannot be written (read-only, full, missing).
    """
    path = Path(path)
    if "b" in mode:
        encoding = None
    try:
        tmp = _temp_name(path)
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        with open(tmp, mode, encoding=encoding, newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise write_error(path, exc) from None
    except BaseException:
        _remove(tmp)
        raise
    fsync_dir(path.parent)


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb") as fh:
        fh.write(data)


def write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (no newline translation)."""
    with atomic_open(path, "w", encoding=encoding, newline="") as fh:
        fh.write(text)


def fsync_file(path: str | Path) -> None:
    """fsync a file written by a library that does not do it itself (GDAL, openpyxl)."""
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


@contextlib.contextmanager
def staging_folder(destination: str | Path) -> Iterator[Path]:
    """A temporary folder in ``destination``'s folder, removed whatever happens.

    Write the outputs in it, then :func:`move_into_place` them; anything left in the
    folder when the block ends (an interrupted write) is deleted with it.
    """
    destination = Path(destination)
    try:
        folder = Path(tempfile.mkdtemp(prefix=f".{destination.stem}.", dir=destination.parent))
        if os.name != "nt":
            os.chmod(folder, 0o777 & ~_current_umask())
    except OSError as exc:
        raise write_error(destination, exc) from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def move_into_place(
    files: Iterable[Path], folder: str | Path, stale: Iterable[Path] = ()
) -> list[Path]:
    """Move staged ``files`` into ``folder`` (same names), after fsyncing each.

    If a move fails midway, files already moved are removed again so the destination
    never holds half an output; ``stale`` files (sidecars of an older output that the new
    one does not have, e.g. an old ``.qix`` index) are deleted after the moves.

    Returns
    -------
    list of Path
        The final paths.
    """
    folder = Path(folder)
    files = list(files)
    moved: list[Path] = []
    try:
        for f in files:
            fsync_file(f)
        for f in files:
            target = folder / f.name
            os.replace(f, target)
            moved.append(target)
    except OSError as exc:
        for m in moved:
            _remove(m)
        raise write_error(folder / (files[0].name if files else ""), exc) from None
    names = {m.name for m in moved}
    for s in stale:
        if s.name not in names:
            _remove(s)
    fsync_dir(folder)
    return moved


def check_folder_writable(path: str | Path) -> None:
    """Raise :class:`WriteError` early when ``path``'s folder is missing or read-only."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise WriteError(
            path,
            Message("error.cannot_write_folder_does", "cannot write: the folder does not exist"),
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise WriteError(
            path,
            Message(
                "error.cannot_write_folder_read",
                "cannot write: the folder is read-only or you have no permission to write there",
            ),
        )


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
