"""A crash-proof journal of plan changes, replayed after a killed process.

Every :class:`~editor.core.plan.PlanChange` (commands, undo and redo alike) is appended
as one JSON line holding the state the change produced (``PlanChange.after``), then
flushed and fsynced before the call returns. A process killed at any moment loses no
change that was committed; a half-written last line (killed mid-write) is ignored.

Where the journal lives:

* a saved plan ``PLAN.tbplan`` → ``PLAN.tbplan.journal`` beside it; recovery replays
  the journal on top of the saved plan file;
* an unsaved plan → ``<recovery folder>/<layer name>-<hash of its path>.journal``;
  recovery replays it on top of the initial plan (every town alone).

Saving the plan folds the journal into it: write the plan atomically, then
:meth:`Journal.saved` removes the journal. The format (one header line, then one line
per change) is in docs/plan-format.md.

Safety rules:

* a journal is never truncated: a journal found on disk when a :class:`Journal` starts
  (a killed session's, or one that could not be replayed) is :attr:`Journal.previous`;
  it stays where it is until the caller recovers it (:meth:`Journal.adopt`), discards
  it, or sets it aside; the first change written before that sets it aside under a new
  name (:func:`set_aside`), it is never overwritten;
* :meth:`Journal.hold` keeps changes in memory while the caller decides (a question
  on screen), so that the journal on disk is still the killed session's one;
* a :class:`~editor.io.lock.Lock` (``JOURNAL.lock``) says which process writes the
  journal: a second process gets :class:`~editor.io.lock.LockedError`;
* any malformed line ends the replay there: the intact prefix is offered.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from editor.core.events import Signal
from editor.core.messages import Message
from editor.core.plan import Benchmark, Plan, PlanChange, Snapshot
from editor.core.towns import TownLayer
from editor.errors import PlanError, WriteError
from editor.io import lock as lock_io
from editor.io.atomic import write_text
from editor.io.load import LoadOptions
from editor.io.planfile import load_plan_file, source_checksum

#: test hook: ``TBE_JOURNAL_CRASH=N:point`` kills this process (SIGKILL, or
#: ``os._exit``) at ``point`` of the N-th record written ("before", "mid", "after").
ENV_CRASH = "TBE_JOURNAL_CRASH"
MAX_ID = 2**62  # unit ids and town indices above this are damage, not data

FORMAT = "township-boundary-editor-journal"
VERSION = 1
APP_DIR = "TownshipBoundaryEditor"
ENV_RECOVERY_DIR = "TBE_RECOVERY_DIR"

_recovery_override: Path | None = None


# -- where journals live -----------------------------------------------------------------
def user_data_dir() -> Path:
    """The per-user data folder of the program (XDG on Linux, AppData on Windows)."""
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or os.environ.get("APPDATA")
        root = Path(base) if base else Path.home() / "AppData" / "Local"
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support"
    else:
        base = os.environ.get("XDG_DATA_HOME")
        root = Path(base) if base else Path.home() / ".local" / "share"
    return root / APP_DIR


def recovery_dir() -> Path:
    """Folder for journals of unsaved plans (``set_recovery_dir`` or ``$TBE_RECOVERY_DIR``)."""
    if _recovery_override is not None:
        return _recovery_override
    env = os.environ.get(ENV_RECOVERY_DIR)
    if env:
        return Path(env)
    return user_data_dir() / "recovery"


def set_recovery_dir(path: str | Path | None) -> None:
    """Point the recovery folder elsewhere (tests, portable installs); ``None`` resets."""
    global _recovery_override
    _recovery_override = None if path is None else Path(path)


def journal_path(
    plan_path: str | Path | None = None,
    source_path: str | Path | None = None,
    root: str | Path | None = None,
) -> Path:
    """The journal of a saved plan (beside it) or of an unsaved plan on a source layer."""
    if plan_path is not None:
        p = Path(plan_path)
        return p.with_name(p.name + ".journal")
    if source_path is None:
        raise ValueError("a journal needs a plan path or a source layer path")
    src = Path(os.path.abspath(source_path))
    key = hashlib.sha1(str(src).encode("utf-8")).hexdigest()[:12]
    folder = Path(root) if root is not None else recovery_dir()
    return folder / f"{src.stem}-{key}.journal"


def lock_path(journal: str | Path) -> Path:
    """The lock file of a journal."""
    p = Path(journal)
    return p.with_name(p.name + ".lock")


def set_aside(path: str | Path, reason: str = "kept") -> Path:
    """Rename a journal so it is kept but neither replayed nor overwritten; the new path.

    ``PLAN.tbplan.journal`` becomes ``PLAN.tbplan.journal.<reason>-<UTC time>`` (a
    number is added when that name exists).
    """
    path = Path(path)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    for k in range(1000):
        suffix = f".{reason}-{stamp}" + (f"-{k}" if k else "")
        target = path.with_name(path.name + suffix)
        if not target.exists():
            os.replace(path, target)
            return target
    raise OSError(f"cannot set aside {path}")


def _crash_point(count: int, point: str) -> None:
    spec = os.environ.get(ENV_CRASH)
    if not spec:
        return
    want, _, where = spec.partition(":")
    if want.isdigit() and int(want) == count and where == point:
        import signal

        if hasattr(signal, "SIGKILL"):
            os.kill(os.getpid(), signal.SIGKILL)
        os._exit(137)


# -- writing -----------------------------------------------------------------------------
class Journal:
    """Append every change of a plan to a journal file, durably.

    Parameters
    ----------
    project_or_plan
        A :class:`~editor.core.project.Project` (source path and load options come from
        it) or a bare :class:`Plan`.
    path
        The journal file; by default beside ``plan_path`` or in the recovery folder.
    plan_path
        The saved plan this journal builds on, ``None`` for an unsaved plan.

    The file is created with the first change, so opening a layer and closing it
    unchanged leaves nothing behind. A write that fails (disk full) does not raise into
    the command that caused it: ``error`` is set and ``failed`` fires with the message.
    """

    def __init__(
        self,
        project_or_plan: Any,
        path: str | Path | None = None,
        *,
        plan_path: str | Path | None = None,
        source_path: str | Path | None = None,
        load_options: LoadOptions | Mapping | None = None,
        checksum: Mapping | None = None,
        lock: bool = True,
    ):
        if isinstance(project_or_plan, Plan):
            plan = project_or_plan
            project = None
        else:
            project = project_or_plan
            plan = project.plan
        self.plan: Plan = plan
        if plan_path is None and project is not None:
            plan_path = getattr(project, "plan_path", None)
        if source_path is None:
            source_path = (
                getattr(project, "source_path", None) if project is not None else None
            ) or plan.layer.report.path
        if load_options is None and project is not None:
            load_options = getattr(project, "load_options", None)
        if isinstance(load_options, LoadOptions):
            load_options = load_options.to_dict()
        self.plan_path = None if plan_path is None else Path(plan_path)
        self.source_path = None if source_path is None else Path(source_path)
        self.load_options = dict(load_options or {})
        self._checksum = dict(checksum) if checksum else None
        # Hash the source (tens of MB for a province) in the background now, so the
        # first edit does not wait for it when it writes the journal header; hashlib
        # releases the GIL, so this runs beside the GUI thread.
        self._checksum_thread: threading.Thread | None = None
        if self._checksum is None and self.source_path is not None:
            self._checksum_thread = threading.Thread(
                target=self._compute_checksum, name="journal-checksum", daemon=True
            )
            self._checksum_thread.start()
        self.path = (
            Path(path) if path is not None else journal_path(self.plan_path, self.source_path)
        )
        self._fh: Any = None
        self.entries = 0
        self.written = 0  # records written by this object (the crash hook counts them)
        self.error: str | None = None
        self.failed = Signal("journal_failed")
        self._held: list[dict] | None = None
        self.set_aside_to: Path | None = None  # where a previous journal was moved
        self._lock: lock_io.Lock | None = lock_io.acquire(lock_path(self.path)) if lock else None
        # a journal already on disk is a killed session's: never write over it
        self.previous: Path | None = self.path if _has_content(self.path) else None
        plan.events.changed.connect(self._on_change)
        plan.events.benchmark.connect(self._on_benchmark)

    # -- lifecycle ----------------------------------------------------------------------
    def _compute_checksum(self) -> None:
        try:
            if self.source_path is None:
                raise OSError("no source layer")
            self._checksum = source_checksum(self.source_path)
        except OSError:  # unreadable now: the header says null, recovery checks the count
            self._checksum = None

    @property
    def checksum(self) -> dict | None:
        if self._checksum_thread is not None:
            self._checksum_thread.join()
            self._checksum_thread = None
        return self._checksum

    def header(self) -> dict:
        return {
            "format": FORMAT,
            "version": VERSION,
            "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "source": None if self.source_path is None else str(os.path.abspath(self.source_path)),
            "checksum": self.checksum,
            "load_options": self.load_options,
            "base_plan": None if self.plan_path is None else str(os.path.abspath(self.plan_path)),
            "town_count": int(self.plan.layer.n),
            "town_ids": [str(t) for t in self.plan.layer.ids.tolist()],
            "base_checksum": _file_digest(self.plan_path),
            "pid": os.getpid(),
        }

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.previous is not None and self.path.exists():
            # undecided: keep the killed session's journal under another name
            self.set_aside_to = set_aside(self.path, "unreplayed")
            self.previous = self.set_aside_to
        elif self.path.exists():
            self.set_aside_to = set_aside(self.path, "unknown")
        # "x": never truncate a journal (a race with another writer fails loudly here)
        self._fh = open(self.path, "x", encoding="utf-8", newline="\n")
        self._write(self.header())

    def _write(self, record: dict) -> None:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        self.written += 1
        _crash_point(self.written, "before")
        if os.environ.get(ENV_CRASH, "").endswith(":mid"):
            self._fh.write(line[: len(line) // 2])
            self._fh.flush()
            os.fsync(self._fh.fileno())
            _crash_point(self.written, "mid")
            line = line[len(line) // 2 :]
        self._fh.write(line)
        self._fh.flush()
        os.fsync(self._fh.fileno())
        _crash_point(self.written, "after")

    def hold(self) -> None:
        """Keep changes in memory (not on disk) until :meth:`release`: while the caller
        decides what to do with :attr:`previous`, the journal on disk stays as it is."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Write the changes held by :meth:`hold` and go on writing each change."""
        held, self._held = self._held, None
        for record in held or ():
            self.append(record)

    @property
    def holding(self) -> bool:
        return self._held is not None

    def append(self, record: dict) -> None:
        """Write one record durably (the file is created with its header first)."""
        if self.error is not None:
            return
        if self._held is not None:
            self._held.append(record)
            return
        try:
            if self._fh is None:
                self._open()
            self._write(record)
            self.entries += 1
        except (OSError, WriteError) as exc:
            self.error = Message(
                "error.journal_write",
                "{path}: cannot write the recovery journal ({detail})",
                path=str(self.path),
                detail=getattr(exc, "strerror", None) or str(exc),
            )
            self._close_file()
            self.failed.emit(self.error)

    # -- a journal found on disk ---------------------------------------------------------
    def read_previous(self) -> Recovery:
        """Read :attr:`previous` (raises :class:`PlanError` when it cannot be read)."""
        if self.previous is None:
            raise PlanError(self.path, Message("error.journal_empty", "the journal is empty"))
        return read_journal(self.previous)

    def adopt(self) -> None:
        """:attr:`previous` was replayed into the plan: journal the whole state at once
        (header + checkpoint, atomically) and remove the previous file after that."""
        previous = self.previous
        self._held = None  # the checkpoint holds their effect
        self.previous = None
        self.checkpoint()
        if self.error is None and previous is not None and previous != self.path:
            with contextlib.suppress(OSError):
                previous.unlink()
        if self.error is not None and previous is not None:
            self.previous = previous  # not safe yet: keep it

    def discard_previous(self) -> None:
        """The user chose to drop :attr:`previous`: delete it."""
        if self.previous is not None:
            with contextlib.suppress(OSError):
                self.previous.unlink()
        self.previous = None

    def set_aside_previous(self, reason: str = "kept") -> Path | None:
        """Keep :attr:`previous` under a new name (:func:`set_aside`); that name."""
        previous, self.previous = self.previous, None
        if previous is None:
            return None
        if previous != self.path:
            return previous  # already aside
        try:
            self.set_aside_to = set_aside(previous, reason)
        except OSError:
            self.previous = previous
            return None
        return self.set_aside_to

    def _on_change(self, change: PlanChange) -> None:
        self.append({"kind": change.kind, "label": change.label, "after": change.after.to_dict()})

    def _on_benchmark(self, benchmark: Benchmark | None) -> None:
        self.append(
            {
                "kind": "benchmark",
                "label": "Set benchmark",
                "benchmark": None if benchmark is None else benchmark.to_dict(),
            }
        )

    def checkpoint(self) -> None:
        """Replace the journal, atomically, by its header and one snapshot of the whole plan.

        Used after a recovery: the replayed state is journaled at once, and the old
        journal stays valid until the new one has replaced it.
        """
        plan = self.plan
        snap = plan.capture(range(plan.layer.n), plan.units.keys())
        records = [
            self.header(),
            {
                "kind": "checkpoint",
                "label": "Recovered changes",
                "after": snap.to_dict(),
                "benchmark": None if plan.benchmark is None else plan.benchmark.to_dict(),
            },
        ]
        text = "".join(
            json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records
        )
        self._close_file()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text(self.path, text, encoding="utf-8")
            self._fh = open(self.path, "a", encoding="utf-8", newline="\n")
            self.entries = 1
        except (OSError, WriteError) as exc:
            self.error = Message(
                "error.journal_write",
                "{path}: cannot write the recovery journal ({detail})",
                path=str(self.path),
                detail=str(exc),
            )
            self._close_file()
            self.failed.emit(self.error)

    def saved(self, plan_path: str | Path) -> None:
        """The plan was saved to ``plan_path``: drop this journal, continue beside the plan.

        Raises :class:`~editor.io.lock.LockedError` (before anything is removed) when
        another process has a journal open beside ``plan_path``.
        """
        new_path = journal_path(plan_path)
        new_lock = None
        same = self._lock is not None and lock_path(new_path) == self._lock.path
        if self._lock is not None and not same:
            new_lock = lock_io.acquire(lock_path(new_path))
        self._close_file()
        self._remove()  # its edits are in the plan file now
        if self.previous is not None and self.previous == self.path:
            self.set_aside_previous("unreplayed")
        if new_lock is not None:
            if self._lock is not None:
                self._lock.release()
            self._lock = new_lock
        self.plan_path = Path(plan_path)
        self.path = new_path
        self._held = None
        # a journal beside the new plan describes another plan state: kept aside on the
        # first change, never overwritten
        self.previous = None
        if _has_content(self.path):
            with contextlib.suppress(OSError):
                self.set_aside_to = set_aside(self.path, "replaced")
        self.entries = 0
        self.error = None

    def discard(self) -> None:
        """Remove the journal (the user discarded the changes) and stop recording."""
        self.close()
        self._remove()

    def close(self) -> None:
        """Stop recording; the file stays for recovery if it has entries.

        Changes still held (:meth:`hold`) are dropped: they came before any decision
        on :attr:`previous`, which stays on disk untouched.
        """
        self.plan.events.changed.disconnect(self._on_change)
        self.plan.events.benchmark.disconnect(self._on_benchmark)
        self._held = None
        self._close_file()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _close_file(self) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None

    def _remove(self) -> None:
        if self.previous is not None and self.previous == self.path:
            return  # not ours
        with contextlib.suppress(OSError):
            self.path.unlink()


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _file_digest(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


# -- reading and recovery ----------------------------------------------------------------
@dataclass
class Recovery:
    """A journal found on disk, with its header and complete entries."""

    path: Path
    header: dict
    entries: list[dict]
    torn: bool = False  # the last line was cut short (killed mid-write) and is ignored
    problems: list[str] = field(default_factory=list)

    @property
    def base_plan(self) -> Path | None:
        b = self.header.get("base_plan")
        return Path(b) if b else None

    @property
    def source(self) -> Path | None:
        s = self.header.get("source")
        return Path(s) if s else None

    @property
    def load_options(self) -> LoadOptions:
        return LoadOptions.from_dict(self.header.get("load_options"))

    @property
    def edits(self) -> int:
        return len(self.entries)

    def discard(self) -> None:
        """Delete the journal (the user chose not to recover)."""
        with contextlib.suppress(OSError):
            self.path.unlink()


def read_journal(path: str | Path) -> Recovery:
    """Read a journal; a torn last line is ignored, a damaged middle stops the replay there.

    Raises
    ------
    PlanError
        When the file cannot be read or its first line is not a journal header.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanError(
            path,
            Message(
                "error.cannot_read_journal",
                "cannot read the journal ({strerror})",
                strerror=exc.strerror,
            ),
        ) from None
    lines = raw.split(b"\n")
    # a complete file ends with "\n": the last piece is empty; anything else was cut
    tail = lines.pop() if lines else b""
    torn = bool(tail.strip())
    if not lines:
        raise PlanError(path, Message("error.journal_empty", "the journal is empty"))
    try:
        header = json.loads(lines[0].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PlanError(
            path,
            Message(
                "error.journal_first_line_journal",
                "not a journal: the first line is not a journal header",
            ),
        ) from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise PlanError(
            path,
            Message(
                "error.journal_first_line_journal",
                "not a journal: the first line is not a journal header",
            ),
        )
    if not _header_ok(header):
        raise PlanError(
            path,
            Message(
                "error.journal_first_line_journal",
                "not a journal: the first line is not a journal header",
            ),
        )
    if not isinstance(header.get("version"), int) or header["version"] > VERSION:
        raise PlanError(
            path,
            Message(
                "error.journal_version_supported",
                "journal version {version!r} is not supported",
                version=header.get("version"),
            ),
        )
    entries: list[dict] = []
    problems: list[str] = []
    count = header.get("town_count")
    n = count if isinstance(count, int) and 0 <= count < MAX_ID else None
    for k, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        try:
            rec = json.loads(line.decode("utf-8"))
            _check_record(rec, n)
        except (UnicodeDecodeError, ValueError, KeyError, TypeError, IndexError, OverflowError):
            problems.append(
                Message(
                    "journal.line_damaged",
                    "line {line} is damaged; the {n} change(s) after it are ignored",
                    line=k,
                    n=len(lines) - k,
                )
            )
            break
        entries.append(rec)
    return Recovery(path=path, header=header, entries=entries, torn=torn, problems=problems)


def _header_ok(header: dict) -> bool:
    for key in ("source", "base_plan", "created", "base_checksum"):
        if header.get(key) is not None and not isinstance(header[key], str):
            return False
    for key in ("load_options", "checksum"):
        if header.get(key) is not None and not isinstance(header[key], dict):
            return False
    count = header.get("town_count")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
        return False
    try:
        LoadOptions.from_dict(header.get("load_options"))
    except (TypeError, ValueError, KeyError, AttributeError, OverflowError):
        return False
    return True


def _whole(value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value < high:
        raise ValueError("not a whole number in range")
    return value


def _check_record(rec: Any, n: int | None) -> None:
    """Raise ValueError unless ``rec`` is a change record that replays (item by item)."""
    if not isinstance(rec, dict) or not isinstance(rec.get("kind"), str):
        raise ValueError("not a record")
    if not isinstance(rec.get("label", ""), str):
        raise ValueError("label")
    if rec["kind"] in ("benchmark", "checkpoint"):
        bench = rec.get("benchmark")
        if bench is not None:
            if not isinstance(bench, dict):
                raise ValueError("benchmark")
            for key in ("mean_population", "mean_area_km2"):
                value = bench.get(key)
                if value is not None and (
                    isinstance(value, bool) or not isinstance(value, int | float)
                ):
                    raise ValueError("benchmark")
            Benchmark.from_dict(bench)
        if rec["kind"] == "benchmark":
            return
    after = rec["after"]
    if not isinstance(after, dict):
        raise ValueError("after")
    towns, unit_of, units = after.get("towns", []), after.get("unit_of", []), after.get("units", {})
    if not isinstance(towns, list) or not isinstance(unit_of, list) or len(towns) != len(unit_of):
        raise ValueError("towns")
    if not isinstance(units, dict):
        raise ValueError("units")
    top = n if n is not None else MAX_ID
    for t in towns:
        _whole(t, 0, top)
    for u in unit_of:
        _whole(u, 0, MAX_ID)
    for key, value in units.items():
        if not key.isdigit() or int(key) >= MAX_ID:
            raise ValueError("unit id")
        if value is None:
            continue
        if not isinstance(value, list) or len(value) != 3:
            raise ValueError("unit record")
        name, seat, note = value
        if not isinstance(name, str) or not isinstance(note, str):
            raise ValueError("unit record")
        if seat is not None:
            _whole(seat, 0, top)
    Snapshot.from_dict(after)  # and it parses


def find_recovery(
    plan_path: str | Path | None = None,
    source_path: str | Path | None = None,
    root: str | Path | None = None,
) -> Recovery | None:
    """The journal with unsaved changes for a plan file or a source layer, if any.

    Journals without a single change, or unreadable ones, are not offered.
    """
    try:
        path = journal_path(plan_path, source_path, root)
    except ValueError:
        return None
    if not path.exists():
        return None
    try:
        rec = read_journal(path)
    except PlanError:
        return None
    return rec if rec.entries else None


def list_recoveries(root: str | Path | None = None) -> list[Recovery]:
    """Every journal of an unsaved plan in the recovery folder (newest first)."""
    folder = Path(root) if root is not None else recovery_dir()
    out: list[Recovery] = []
    if not folder.is_dir():
        return out
    for p in sorted(folder.glob("*.journal"), key=lambda q: q.stat().st_mtime, reverse=True):
        try:
            rec = read_journal(p)
        except PlanError:
            continue
        if rec.entries:
            out.append(rec)
    return out


@dataclass
class Recovered:
    plan: Plan
    edits: int
    torn: bool
    base_plan: Path | None
    warnings: list[str] = field(default_factory=list)


def recover(
    recovery: Recovery | str | Path,
    layer: TownLayer,
    base_plan: Plan | None = None,
    check_source: bool = True,
    by_id: bool = False,
) -> Recovered:
    """Rebuild the plan: the base (saved plan file or initial plan) plus every journaled change.

    ``by_id`` replays a journal whose layer changed (it was refused) by town id: the
    town indices of the journal are mapped through the ids it saved to this layer's
    towns; changes of towns this layer does not have are left out (reported).

    Every check is made before the first change is replayed: on an error the base
    plan is untouched.

    Raises
    ------
    PlanError
        When the source layer or the saved plan no longer matches the ones the journal
        was written on (town indices would point at other towns; not with ``by_id``),
        or the base plan cannot be read.
    """
    rec = recovery if isinstance(recovery, Recovery) else read_journal(recovery)
    mapping = _id_mapping(rec, layer) if by_id else None
    if mapping is None:
        _check_same_layer(rec, layer, check_source)
    warnings = list(rec.problems)
    if base_plan is None:
        if rec.base_plan is not None:
            loaded = load_plan_file(rec.base_plan, layer)
            plan = loaded.plan
        else:
            plan = Plan(layer)
    else:
        plan = base_plan
    entries = rec.entries
    if mapping is not None:
        entries, dropped = mapping.apply(entries, unsaved_base=rec.base_plan is None)
        if dropped:
            warnings.append(
                Message(
                    "journal.towns_not_found",
                    "{n} town(s) of the journal are not in this layer; their changes were left out",
                    n=dropped,
                )
            )
    for entry in entries:
        if entry["kind"] == "benchmark":
            plan.set_benchmark(Benchmark.from_dict(entry.get("benchmark")))
            continue
        snap = Snapshot.from_dict(entry["after"])
        plan.restore(snap, kind=str(entry.get("kind", "assign")), label=str(entry.get("label", "")))
        if entry["kind"] == "checkpoint" and "benchmark" in entry:
            plan.set_benchmark(Benchmark.from_dict(entry.get("benchmark")))
    if rec.torn:
        warnings.append(
            Message(
                "journal.torn",
                "the last change was being written when the program stopped; it was not committed",
            )
        )
    return Recovered(
        plan=plan, edits=len(rec.entries), torn=rec.torn, base_plan=rec.base_plan, warnings=warnings
    )


def _check_same_layer(rec: Recovery, layer: TownLayer, check_source: bool) -> None:
    header = rec.header
    count = header.get("town_count")
    if isinstance(count, int) and count != layer.n:
        raise PlanError(
            rec.path,
            Message(
                "error.journal_was_written_for",
                "the journal was written for a layer of {count} towns; this layer has {n}",
                count=count,
                n=layer.n,
            ),
        )
    ids = header.get("town_ids")
    if isinstance(ids, list) and ids != [str(t) for t in layer.ids.tolist()]:
        raise PlanError(
            rec.path,
            Message(
                "error.journal_refers_towns_this",
                "the journal refers to towns this layer does not have",
            ),
        )
    checksum = header.get("checksum")
    saved_sum = checksum.get("digest") if isinstance(checksum, dict) else None
    if check_source and saved_sum and layer.report.path is not None:
        now = source_checksum(layer.report.path)
        if now is not None and now.get("digest") != saved_sum:
            raise PlanError(
                rec.path,
                Message(
                    "error.source_layer_has_changed",
                    "the source layer has changed since the journal was written; the changes cannot be replayed",
                ),
            )
    base_sum = header.get("base_checksum")
    if check_source and isinstance(base_sum, str) and rec.base_plan is not None:
        now_base = _file_digest(rec.base_plan)
        if now_base is not None and now_base != base_sum:
            raise PlanError(
                rec.path,
                Message(
                    "error.journal_base_plan_changed",
                    "the plan file {plan} has changed since the journal was written; "
                    "the changes cannot be replayed",
                    plan=str(rec.base_plan),
                ),
            )


@dataclass
class _IdMapping:
    """Old town index -> this layer's index (-1: gone), from the ids a journal saved."""

    old_to_new: list[int]
    new_n: int

    def apply(self, entries: list[dict], unsaved_base: bool) -> tuple[list[dict], int]:
        old_n = len(self.old_to_new)
        gone: set[int] = set()
        # unit ids: on the initial plan, unit u < n is the one town u started in
        top = max(
            [old_n - 1]
            + [int(u) for e in entries if "after" in e for u in e["after"].get("unit_of", [])]
            + [int(k) for e in entries if "after" in e for k in e["after"].get("units", {})]
        )
        fresh = iter(range(self.new_n + max(0, top - old_n + 1), 2**62))
        unit_map: dict[int, int] = {}

        def unit(u: int) -> int:
            if not unsaved_base:
                return u
            if u not in unit_map:
                if u < old_n:
                    j = self.old_to_new[u]
                    unit_map[u] = j if j >= 0 else next(fresh)
                else:
                    unit_map[u] = self.new_n + (u - old_n)
            return unit_map[u]

        out = []
        for entry in entries:
            if entry["kind"] == "benchmark":
                out.append(entry)
                continue
            after = entry["after"]
            towns, unit_of = [], []
            for t, u in zip(after.get("towns", []), after.get("unit_of", []), strict=True):
                j = self.old_to_new[t]
                if j < 0:
                    gone.add(t)
                    continue
                towns.append(j)
                unit_of.append(unit(u))
            units = {}
            for key, value in after.get("units", {}).items():
                if value is not None and value[1] is not None:
                    seat = self.old_to_new[value[1]]
                    value = [value[0], seat if seat >= 0 else None, value[2]]
                units[str(unit(int(key)))] = value
            out.append(dict(entry, after={"towns": towns, "unit_of": unit_of, "units": units}))
        return out, len(gone)


def _id_mapping(rec: Recovery, layer: TownLayer) -> _IdMapping:
    ids = rec.header.get("town_ids")
    count = rec.header.get("town_count")
    if isinstance(ids, list) and all(isinstance(t, str) for t in ids):
        if isinstance(count, int) and count != len(ids):
            ids = None
    else:
        ids = None
    if ids is None:
        if isinstance(count, int) and count == layer.n:
            return _IdMapping(list(range(layer.n)), layer.n)  # no ids saved: by position
        raise PlanError(
            rec.path,
            Message(
                "error.journal_no_town_ids",
                "the journal does not say which towns its changes are about; "
                "it cannot be replayed on this layer",
            ),
        )
    index = {str(t): i for i, t in enumerate(layer.ids.tolist())}
    return _IdMapping([index.get(t, -1) for t in ids], layer.n)
