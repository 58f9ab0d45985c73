"""A lock file that says which process has a journal (a plan being edited) open.

``acquire(path)`` creates ``path`` with ``os.open(O_CREAT | O_EXCL)`` (atomic on
Windows and POSIX, also on network shares that honour it) and writes the owner's pid,
host and start time as JSON. A lock whose owner is gone is stale and is taken over:
same host and the pid no longer runs (or runs a different process, told by its start
time). A lock held by a live process, or by another host (which cannot be checked),
raises :class:`LockedError` naming the owner.

No ``fcntl``: the pid check is ``os.kill(pid, 0)`` on POSIX and ``OpenProcess`` +
``GetExitCodeProcess`` through ctypes on Windows (``os.kill`` would terminate the
process there); psutil is used when it is installed.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from editor.core.messages import Message
from editor.errors import EditorError

# lock files this process holds, by normalised path: (owner, number of handles). One
# process is one instance of the editor: its windows share a lock (reference-counted).
_held: dict[str, tuple[Owner, int]] = {}
_held_guard = threading.Lock()


@dataclass(frozen=True)
class Owner:
    """Who holds a lock, as written in the lock file."""

    pid: int
    host: str
    started: float | None = None
    created: str = ""

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}"


class LockedError(EditorError):
    """The lock is held by another live process."""

    def __init__(self, path: Path, owner: Owner | None):
        self.path = Path(path)
        self.owner = owner
        self.problem = Message(
            "error.journal_locked",
            "the plan is open in another instance of the editor ({owner})",
            owner=owner.describe() if owner else "?",
        )
        super().__init__(f"{self.path}: {self.problem}")


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def host_name() -> str:
    try:
        return socket.gethostname() or "localhost"
    except OSError:
        return "localhost"


def process_started(pid: int) -> float | None:
    """A token for when process ``pid`` started (None when it cannot be told)."""
    try:
        import psutil  # optional

        return float(psutil.Process(pid).create_time())
    except ImportError:
        pass
    except Exception:
        return None
    if sys.platform.startswith("linux"):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            # the command may contain spaces and parentheses: fields follow the last ")"
            fields = stat[stat.rindex(")") + 2 :].split()
            return float(fields[19])  # field 22, starttime in clock ticks since boot
        except (OSError, ValueError, IndexError):
            return None
    return None


def _windows_pid_alive(pid: int) -> bool:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
    STILL_ACTIVE = 259
    ERROR_ACCESS_DENIED = 5
    kernel32.OpenProcess.restype = wintypes.HANDLE
    handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return ctypes.get_last_error() == ERROR_ACCESS_DENIED  # type: ignore[attr-defined]  # exists, not ours
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid runs on this machine."""
    if pid <= 0:
        return False
    try:
        import psutil  # optional

        return bool(psutil.pid_exists(pid))
    except ImportError:
        pass
    if sys.platform.startswith("win"):
        try:
            return _windows_pid_alive(pid)
        except (OSError, AttributeError):
            return True  # cannot tell: assume it runs (never steal a live lock)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # runs, under another user
    except OSError:
        return True
    return True


def read_owner(path: str | Path) -> Owner | None:
    """The owner written in a lock file; None when it is missing or unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        started = data.get("started")
        return Owner(
            pid=int(data["pid"]),
            host=str(data["host"]),
            started=None if started is None else float(started),
            created=str(data.get("created", "")),
        )
    except (OSError, ValueError, KeyError, TypeError, OverflowError):
        return None


def is_stale(owner: Owner | None, path: Path | None = None) -> bool:
    """Whether the owner is gone: same host, and its pid no longer runs that process."""
    if owner is None:
        return True  # unreadable (half-written by a killed process)
    if owner.host != host_name():
        return False  # cannot be checked: assume it is in use
    if owner.pid == os.getpid():
        # our own pid: held only while this process holds it
        return path is None or _key(path) not in _held
    if not pid_alive(owner.pid):
        return True
    if owner.started is not None:
        now = process_started(owner.pid)
        if now is not None and abs(now - owner.started) > 1e-6:
            return True  # the pid was reused by another process
    return False


class Lock:
    """A handle on a held lock file; :meth:`release` removes the file with the last one."""

    def __init__(self, path: Path, owner: Owner):
        self.path = path
        self.owner = owner
        self.held = True

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        key = _key(self.path)
        with _held_guard:
            owner, count = _held.get(key, (self.owner, 1))
            if count > 1:
                _held[key] = (owner, count - 1)
                return
            _held.pop(key, None)
        if read_owner(self.path) == self.owner:
            with contextlib.suppress(OSError):
                self.path.unlink()

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _create(path: Path, owner: Owner) -> bool:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    try:
        data = {
            "pid": owner.pid,
            "host": owner.host,
            "started": owner.started,
            "created": owner.created,
            "app": "TownshipBoundaryEditor",
        }
        os.write(fd, json.dumps(data).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return True


def _break_stale(path: Path, seen: Owner | None) -> None:
    """Remove a stale lock, unless another process replaced it meanwhile."""
    breaker = path.with_name(path.name + ".break")
    me = Owner(os.getpid(), host_name(), process_started(os.getpid()))
    if not _create(breaker, me):
        if is_stale(read_owner(breaker)):
            with contextlib.suppress(OSError):
                breaker.unlink()
        return  # someone else is breaking it: retry
    try:
        if read_owner(path) == seen:
            with contextlib.suppress(OSError):
                path.unlink()
    finally:
        with contextlib.suppress(OSError):
            breaker.unlink()


def acquire(path: str | Path) -> Lock:
    """Take the lock file ``path``; :class:`LockedError` if a live process holds it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pid = os.getpid()
    owner = Owner(
        pid=pid,
        host=host_name(),
        started=process_started(pid),
        created=datetime.now(UTC).replace(microsecond=0).isoformat(),
    )
    key = _key(path)
    with _held_guard:
        if key in _held and read_owner(path) == _held[key][0]:
            mine, count = _held[key]
            _held[key] = (mine, count + 1)
            return Lock(path, mine)
        _held.pop(key, None)  # its file was removed or replaced meanwhile
    for _ in range(20):
        if _create(path, owner):
            with _held_guard:
                _held[key] = (owner, 1)
            return Lock(path, owner)
        seen = read_owner(path)
        if not is_stale(seen, path):
            raise LockedError(path, seen)
        _break_stale(path, seen)
    raise LockedError(path, read_owner(path))


def holder(path: str | Path) -> Owner | None:
    """The live owner of a lock file, None when it is free or stale."""
    path = Path(path)
    if not path.exists():
        return None
    seen = read_owner(path)
    if seen is not None and seen.pid == os.getpid() and seen.host == host_name():
        return None  # this process: one instance, its windows share the journal's lock
    return None if is_stale(seen, path) else seen
