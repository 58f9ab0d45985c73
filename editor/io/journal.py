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
from editor.io.atomic import write_text
from editor.io.load import LoadOptions
from editor.io.planfile import load_plan_file, source_checksum

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
        self.error: str | None = None
        self.failed = Signal("journal_failed")
        plan.events.changed.connect(self._on_change)
        plan.events.benchmark.connect(self._on_benchmark)

    # -- lifecycle ----------------------------------------------------------------------
    def _compute_checksum(self) -> None:
        try:
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
            "pid": os.getpid(),
        }

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # "w": a journal left from before belongs to a plan state we did not start from
        self._fh = open(self.path, "w", encoding="utf-8", newline="\n")
        self._write(self.header())

    def _write(self, record: dict) -> None:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        self._fh.write(line + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def append(self, record: dict) -> None:
        """Write one record durably (the file is created with its header first)."""
        if self.error is not None:
            return
        try:
            if self._fh is None:
                self._open()
            self._write(record)
            self.entries += 1
        except OSError as exc:
            self.error = Message(
                "error.journal_write",
                "{path}: cannot write the recovery journal ({detail})",
                path=str(self.path),
                detail=exc.strerror or str(exc),
            )
            self._close_file()
            self.failed.emit(self.error)

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
            {"kind": "checkpoint", "label": "Recovered changes", "after": snap.to_dict()},
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
        """The plan was saved to ``plan_path``: drop this journal, continue beside the plan."""
        self._close_file()
        self._remove()
        self.plan_path = Path(plan_path)
        self.path = journal_path(self.plan_path)
        # a stale journal beside the new plan describes another plan state
        with contextlib.suppress(OSError):
            self.path.unlink()
        self.entries = 0
        self.error = None

    def discard(self) -> None:
        """Remove the journal (the user discarded the changes) and stop recording."""
        self.close()
        self._remove()

    def close(self) -> None:
        """Stop recording; the file stays for recovery if it has entries."""
        self.plan.events.changed.disconnect(self._on_change)
        self.plan.events.benchmark.disconnect(self._on_benchmark)
        self._close_file()

    def _close_file(self) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None

    def _remove(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink()


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
    for k, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        try:
            rec = json.loads(line.decode("utf-8"))
            if not isinstance(rec, dict) or "kind" not in rec:
                raise ValueError("not a record")
            if rec["kind"] != "benchmark":
                Snapshot.from_dict(rec["after"])  # check it parses
        except (UnicodeDecodeError, ValueError, KeyError, TypeError, IndexError):
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
    out = []
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
) -> Recovered:
    """Rebuild the plan: the base (saved plan file or initial plan) plus every journaled change.

    Raises
    ------
    PlanError
        When the source layer no longer matches the one the journal was written on
        (town indices would point at other towns), or the base plan cannot be read.
    """
    rec = recovery if isinstance(recovery, Recovery) else read_journal(recovery)
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
    saved_sum = (header.get("checksum") or {}).get("digest")
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
    warnings = list(rec.problems)
    if base_plan is None:
        if rec.base_plan is not None:
            loaded = load_plan_file(rec.base_plan, layer)
            plan = loaded.plan
        else:
            plan = Plan(layer)
    else:
        plan = base_plan
    n = layer.n
    for entry in rec.entries:
        if entry["kind"] == "benchmark":
            plan.set_benchmark(Benchmark.from_dict(entry.get("benchmark")))
            continue
        snap = Snapshot.from_dict(entry["after"])
        if len(snap.towns) and (snap.towns.min() < 0 or snap.towns.max() >= n):
            raise PlanError(
                rec.path,
                Message(
                    "error.journal_refers_towns_this",
                    "the journal refers to towns this layer does not have",
                ),
            )
        plan.restore(snap, kind=str(entry.get("kind", "assign")), label=str(entry.get("label", "")))
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
