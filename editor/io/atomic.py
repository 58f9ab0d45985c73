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
import json
import os
import re
import shutil
import tempfile
import time
import uuid
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
# (read once: os.umask sets the mask to read it, which would race with other threads)
_UMASK = _current_umask()
_FILE_MODE = 0o666 & ~_UMASK
_DIR_MODE = 0o777 & ~_UMASK

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


# -- names of the program's own temporary files -------------------------------------------
# Every temporary thing a write leaves beside its destination while it runs is named
# ``.<destination name>.tbe-<pid>-<random>.<kind>``: a ``.tmp`` file (one-file writes), a
# ``.stage`` folder (the new files of a set), a ``.backup`` folder (the old files of a set
# while it is replaced) and an ``.intent`` file (what a set replace is doing, so that a
# process killed midway can be rolled back by the next write or read). The pid tells a
# live writer's files from a dead one's, which the next write in that folder removes.
_OWN = re.compile(
    r"^\.(?P<name>.+)\.tbe-(?P<pid>\d+)-[A-Za-z0-9_]+\.(?P<kind>tmp|stage|backup|intent)$"
)
_STALE_AGE_S = 24 * 3600  # a file of a live pid older than this is stale too (pid reuse, Windows)
# this process's temporary files, staging folders, backups and intents now in use (by any
# thread); those of this process not in it are left over from a failed clean-up
_ACTIVE: set[str] = set()


def _akey(path: str | Path) -> str:
    return os.path.abspath(path)


def _tag() -> str:
    return f"tbe-{os.getpid()}-"


def _temp_name(path: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{_tag()}", suffix=".tmp", dir=path.parent)
    try:
        if os.name != "nt":
            os.fchmod(fd, _FILE_MODE)
    finally:
        os.close(fd)
    return Path(name)


class _GuardedFile:
    """A file object that remembers the first OSError of a write, flush or seek.

    Libraries that write through a file object often hide the operating system's error
    behind their own: a PDF writer reports "Error -2 while flushing" (zlib) after the
    disk filled up, a zip file "seek of closed file". :func:`atomic_open` turns any
    failure after such an OSError into the one-line :class:`WriteError` of that OSError.
    Once abandoned, the file ignores further writes, so a library object the failure
    left open (a ``ZipFile`` closed by the garbage collector) cannot complain again.
    """

    def __init__(self, fh: IO):
        self._fh = fh
        self.error: OSError | None = None
        self.abandoned = False
        self._pos = 0  # once abandoned: a pretend position, so late writers stay consistent

    def abandon(self) -> None:
        if not self.abandoned:
            try:
                self._pos = self._fh.tell()
            except (OSError, ValueError):
                self._pos = 0
            self.abandoned = True

    def _pretend(self, name: str, *args):
        if name == "write":
            self._pos += len(args[0])
            return len(args[0])
        if name == "seek":
            offset, whence = (*args, 0)[:2]
            self._pos = offset if whence == 0 else self._pos + offset if whence == 1 else self._pos
            return self._pos
        if name == "tell":
            return self._pos
        return None

    def _call(self, name: str, *args):
        if self.abandoned:
            return self._pretend(name, *args)
        try:
            return getattr(self._fh, name)(*args)
        except OSError as exc:
            if self.error is None:
                self.error = exc
            raise

    def write(self, data):
        return self._call("write", data)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        return self._call("flush")

    def seek(self, *args):
        return self._call("seek", *args)

    def tell(self):
        return self._call("tell")

    def truncate(self, *args):
        return self._call("truncate", *args)

    def close(self) -> None:
        """Closing is :func:`atomic_open`'s business (it syncs, then renames)."""

    @property
    def closed(self) -> bool:
        return self.abandoned or self._fh.closed

    def __getattr__(self, name: str):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None


def _failure(path: Path, exc: BaseException, guard: _GuardedFile | None = None) -> BaseException:
    """The WriteError for a failed write: the OSError behind ``exc``, when there is one."""
    if isinstance(exc, WriteError) or not isinstance(exc, Exception):
        return exc  # already worded, or an interrupt (Ctrl+C) that must stay one
    os_error = exc if isinstance(exc, OSError) else None
    if os_error is None and guard is not None:
        os_error = guard.error
    seen: BaseException | None = exc
    while os_error is None and seen is not None:  # raised while handling an OSError
        seen = seen.__cause__ or seen.__context__
        if isinstance(seen, OSError):
            os_error = seen
    return exc if os_error is None else write_error(path, os_error)


@contextlib.contextmanager
def atomic_open(
    path: str | Path, mode: str = "wb", encoding: str | None = None, newline: str | None = None
) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` whole.

    The file gets the user's usual permissions (``0666 & ~umask``). A failure while
    writing (the disk filling up, even when a library reports it in its own words)
    removes the temporary file and raises one :class:`WriteError`.

    Raises
    ------
    WriteError
        When the folder cannot be written (read-only, full, missing).
    """
    path = Path(path)
    if "b" in mode:
        encoding = None
    recover_folder(path.parent if str(path.parent) else Path("."))
    try:
        tmp = _temp_name(path)
    except OSError as exc:
        raise write_error(path, exc) from None
    _ACTIVE.add(_akey(tmp))
    guard: _GuardedFile | None = None
    try:
        with open(tmp, mode, encoding=encoding, newline=newline) as fh:
            guard = _GuardedFile(fh)
            try:
                yield guard  # type: ignore[misc]
            except BaseException:
                guard.abandon()
                raise
            if guard.error is not None:  # a library swallowed the OSError
                raise guard.error
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if guard is not None:
            guard.abandon()
        _remove(tmp)
        err = _failure(path, exc, guard)
        if err is exc:
            raise
        raise err from None
    finally:
        _ACTIVE.discard(_akey(tmp))
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
    folder when the block ends (an interrupted write) is deleted with it. Staging left
    by a killed process for any destination in that folder is removed first.
    """
    destination = Path(destination)
    parent = destination.parent if str(destination.parent) else Path(".")
    recover_folder(parent)
    remove_legacy_staging(destination)
    try:
        folder = Path(
            tempfile.mkdtemp(prefix=f".{destination.name}.{_tag()}", suffix=".stage", dir=parent)
        )
        if os.name != "nt":
            os.chmod(folder, _DIR_MODE)
    except OSError as exc:
        raise write_error(destination, exc) from None
    _ACTIVE.add(_akey(folder))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _ACTIVE.discard(_akey(folder))


# -- replacing a set of files (a shapefile and its sidecars) as one ------------------------
def _sibling(stage: Path, kind: str) -> Path:
    """The backup folder or intent file belonging to a staging folder (same name, other kind)."""
    m = _OWN.match(stage.name)
    if m and m["kind"] == "stage":
        return stage.with_name(stage.name[: -len("stage")] + kind)
    return stage.with_name(f".{stage.name}.{_tag()}{uuid.uuid4().hex[:8]}.{kind}")


def _ino(path: Path) -> list[int]:
    st = os.lstat(path)
    return [st.st_dev, st.st_ino]


def move_into_place(
    files: Iterable[Path], folder: str | Path, stale: Iterable[Path] = ()
) -> list[Path]:
    """Replace the files of ``folder`` named like the staged ``files`` all at once.

    ``stale`` files (sidecars of an older output that the new one does not have, e.g.
    an old ``.qix`` index) leave with the old set. The switch is all or nothing:

    1. the staged files are fsynced, and an *intent* file beside the destination records
       the names of the old and new files and the identity (device, inode) of each new
       one;
    2. every old file is moved into a backup folder, then every new file into place;
    3. deleting the intent file is the one step that commits the new set; the backup
       folder is removed after it.

    A failure at any step moves the new files out and the old ones back, so the folder
    holds the whole previous set again; a process killed between the steps leaves the
    intent file, and the next write or read in that folder (:func:`recover_folder`)
    rolls it back the same way. Renames within one folder are atomic, so each step is.

    Returns
    -------
    list of Path
        The final paths.
    """
    folder = Path(folder)
    files = list(files)
    if not files:
        return []
    stage = files[0].parent
    m = _OWN.match(stage.name)
    first = folder / (m["name"] if m and m["kind"] == "stage" else files[0].name)
    names = [f.name for f in files]
    old: list[str] = []
    for p in [*(folder / n for n in names), *stale]:
        if p.name not in old and os.path.lexists(folder / p.name):
            old.append(p.name)
    backup = _sibling(stage, "backup")
    intent_path = _sibling(stage, "intent")
    _ACTIVE.update((_akey(intent_path), _akey(backup)))
    try:
        for f in files:
            fsync_file(f)
        os.mkdir(backup)
        intent = {
            "version": 1,
            "pid": os.getpid(),
            "stage": stage.name,
            "backup": backup.name,
            "old": old,
            "new": {f.name: _ino(f) for f in files},
        }
        write_text(intent_path, json.dumps(intent, ensure_ascii=False))
    except BaseException as exc:
        _ACTIVE.difference_update((_akey(intent_path), _akey(backup)))
        shutil.rmtree(backup, ignore_errors=True)
        _remove(intent_path)
        err = _failure(first, exc)
        if isinstance(err, WriteError) and err.path != first:
            err = WriteError(first, err.problem)
        raise err from None
    try:
        return _switch(first, files, names, old, backup, intent_path, intent)
    finally:
        _ACTIVE.difference_update((_akey(intent_path), _akey(backup)))


def _switch(
    first: Path,
    files: list[Path],
    names: list[str],
    old: list[str],
    backup: Path,
    intent_path: Path,
    intent: dict,
) -> list[Path]:
    folder = first.parent
    current = first.name
    try:
        for n in old:
            current = n
            os.replace(folder / n, backup / n)
        for f in files:
            current = f.name
            os.replace(f, folder / f.name)
        fsync_dir(folder)
        os.unlink(intent_path)  # the commit: from here on the new set stands
    except BaseException as exc:
        restored = _roll_back(folder, intent)
        if restored:
            _remove(intent_path)
            shutil.rmtree(backup, ignore_errors=True)
            fsync_dir(folder)
        err = _failure(first, exc)
        if err is exc:
            raise
        locked = (errno.EACCES, errno.EPERM, errno.EBUSY)
        if restored and isinstance(exc, OSError) and exc.errno in locked:
            err = WriteError(
                first,
                Message(
                    "error.cannot_replace_locked",
                    "cannot replace {file}: it is locked, read-only or open in another program; "
                    "the previous files are unchanged",
                    file=current,
                ),
            )
        if not restored:
            err = WriteError(
                first,
                Message(
                    "error.replace_not_undone",
                    "{problem}; the previous files are kept in {backup} and are put back "
                    "by the next write in this folder",
                    problem=err.problem if isinstance(err, WriteError) else str(err),
                    backup=backup.name,
                ),
            )
        raise err from None
    fsync_dir(folder)
    shutil.rmtree(backup, ignore_errors=True)
    return [folder / n for n in names]


def _roll_back(folder: Path, intent: dict) -> bool:
    """Undo an interrupted :func:`move_into_place`; True when the old set is back whole."""
    stage = folder / intent["stage"]
    backup = folder / intent["backup"]
    ok = True
    for name, ino in intent["new"].items():
        target = folder / name
        try:
            if os.path.lexists(target) and _ino(target) == list(ino):
                if stage.is_dir():
                    os.replace(target, stage / name)
                else:
                    os.unlink(target)
        except OSError:
            ok = False
    for name in intent["old"]:
        try:
            if os.path.lexists(backup / name):
                os.replace(backup / name, folder / name)
        except OSError:
            ok = False
    return ok


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # no cheap, safe probe (os.kill(pid, 0) would signal it): age only
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but another user's
    return True


def _stale(path: Path, pid: int) -> bool:
    if pid == os.getpid():
        return _akey(path) not in _ACTIVE
    if not _pid_alive(pid):
        return True
    try:
        return time.time() - os.lstat(path).st_mtime > _STALE_AGE_S and pid != os.getpid()
    except OSError:
        return False


def recover_folder(folder: str | Path) -> list[str]:
    """Roll back set replaces a killed process left half done in ``folder``; tidy up.

    Called before every write (and fit to call before reading a layer): each intent
    file of a dead writer is rolled back (its destination holds the whole old set
    again), then the staging folders, backup folders and temporary files dead writers
    left are removed. Live writers' files are left alone. Errors are ignored: this is
    housekeeping, the write itself reports what stops it.

    Returns
    -------
    list of str
        The names of the entries dealt with (for tests and logs).
    """
    folder = Path(folder)
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(".") and ".tbe-" in e.name]
    except OSError:
        return []
    done: list[str] = []
    kept: set[str] = set()
    own = [(e, m) for e in entries if (m := _OWN.match(e.name)) is not None]
    for e, m in own:
        if m["kind"] != "intent":
            continue
        path = Path(e.path)
        pid = int(m["pid"])
        try:
            intent = json.loads(path.read_text(encoding="utf-8"))
            siblings = {intent["stage"], intent["backup"]}
            if any(os.sep in n or "/" in n or not n.startswith(".") for n in siblings):
                raise ValueError("not a name of this folder")
        except (OSError, ValueError, KeyError, TypeError):
            kept.update(_sibling_names(e.name))
            continue
        kept.update(siblings)
        if not _stale(path, pid):
            continue  # a replace in progress
        try:
            restored = _roll_back(folder, intent)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            restored = False
        if restored:
            _remove(path)
            for n in siblings:
                shutil.rmtree(folder / n, ignore_errors=True)
            done.append(e.name)
    if done:
        fsync_dir(folder)
    for e, m in own:
        if m["kind"] == "intent" or e.name in kept or not _stale(Path(e.path), int(m["pid"])):
            continue
        if m["kind"] == "tmp":
            _remove(Path(e.path))
        else:
            shutil.rmtree(e.path, ignore_errors=True)
        done.append(e.name)
    return done


def _sibling_names(intent_name: str) -> set[str]:
    base = intent_name[: -len("intent")]
    return {intent_name, base + "stage", base + "backup"}


def remove_legacy_staging(destination: str | Path) -> list[str]:
    """Remove staging folders older versions left for ``destination`` (``.out.abcd1234``).

    Only hidden folders named ``.<stem>.<8 random characters>`` holding nothing but
    files named ``<stem>.*`` are removed: what an interrupted export of ``<stem>`` left.
    """
    destination = Path(destination)
    stem = destination.stem
    pattern = re.compile(rf"^\.{re.escape(stem)}\.[a-z0-9_]{{8}}$")
    removed = []
    try:
        entries = list(os.scandir(destination.parent if str(destination.parent) else "."))
    except OSError:
        return []
    for e in entries:
        if not (pattern.match(e.name) and e.is_dir(follow_symlinks=False)):
            continue
        try:
            inside = list(os.scandir(e.path))
        except OSError:
            continue
        if all(i.is_file(follow_symlinks=False) and i.name.startswith(stem + ".") for i in inside):
            shutil.rmtree(e.path, ignore_errors=True)
            removed.append(e.name)
    return removed


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
