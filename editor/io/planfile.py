"""The editor's plan file (``.tbplan``): a documented JSON format (docs/plan-format.md).

A plan file is data only: it is parsed with :func:`json.loads` and checked field by
field; nothing in it is ever evaluated. A malformed file raises
:class:`~editor.errors.PlanError` with one line naming the file and the problem.

Plans are rebuilt with :meth:`Plan.restore` from one :class:`Snapshot` of every town,
which keeps the saved unit ids: a journal written against the saved plan refers to
those ids and replays on top of it exactly.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from editor.core.messages import Message
from editor.core.plan import Benchmark, Plan, Snapshot
from editor.core.towns import TownLayer
from editor.errors import PlanError
from editor.io.atomic import write_text
from editor.io.load import LoadOptions

FORMAT = "township-boundary-editor-plan"
VERSION = 1
SUFFIX = ".tbplan"
SHAPEFILE_PARTS = (".shp", ".dbf", ".shx", ".prj", ".cpg")


# -- checksums ---------------------------------------------------------------------------
def source_files(path: str | Path) -> list[Path]:
    """The files that make up a layer: a shapefile's parts that exist, else the file."""
    path = Path(path)
    if path.suffix.lower() == ".shp":
        out = []
        for ext in SHAPEFILE_PARTS:
            for cand in (path.with_suffix(ext), path.with_suffix(ext.upper())):
                if cand.exists():
                    out.append(cand)
                    break
        return out
    return [path] if path.exists() else []


def source_checksum(path: str | Path) -> dict[str, Any] | None:
    """SHA-256 of each file of the layer and of them together; ``None`` if it is missing.

    Returns
    -------
    dict
        ``{"algorithm": "sha256", "digest": hex, "files": {name: hex}}``; ``digest`` is
        the SHA-256 over the file names and their digests, in order.
    """
    files = source_files(path)
    if not files:
        return None
    total = hashlib.sha256()
    per_file = {}
    for f in files:
        with open(f, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        per_file[f.name] = digest
        total.update(f.suffix.lower().encode() + b"\0" + digest.encode() + b"\n")
    return {"algorithm": "sha256", "digest": total.hexdigest(), "files": per_file}


def _checksums_differ(saved: Mapping | None, current: Mapping | None) -> bool:
    if not saved or not current:
        return False  # nothing to compare: do not cry wolf
    return saved.get("digest") != current.get("digest")


# -- the document ------------------------------------------------------------------------
def _relative(target: Path, start: Path) -> str | None:
    try:
        return Path(os.path.relpath(target, start)).as_posix()
    except ValueError:  # another drive on Windows
        return None


def plan_to_dict(
    plan: Plan,
    *,
    plan_path: str | Path | None = None,
    source_path: str | Path | None = None,
    load_options: LoadOptions | Mapping | None = None,
    rules: Mapping | None = None,
    notes: str = "",
    checksum: Mapping | None = None,
    facilities: Sequence[Mapping] = (),
    references: Sequence[Mapping] = (),
) -> dict:
    """The JSON document of a plan (see docs/plan-format.md).

    ``facilities`` (``{"path", "category_field", "name_field"}`` each) and ``references``
    (``{"path", "name", "above"}`` each) are the layers added to the plan's window; they
    are saved under ``layers`` with paths relative to the plan file where possible.
    """
    layer = plan.layer
    source = Path(source_path) if source_path else layer.report.path
    src: dict[str, Any] = {"path": None, "absolute": None, "checksum": None}
    if source is not None:
        absolute = Path(os.path.abspath(source))
        src["absolute"] = str(absolute)
        src["path"] = (
            _relative(absolute, Path(os.path.abspath(plan_path)).parent)
            if plan_path
            else str(absolute)
        )
        src["checksum"] = dict(checksum) if checksum else source_checksum(absolute)
        if layer.report.layer:
            src["layer"] = layer.report.layer
    if isinstance(load_options, LoadOptions):
        options = load_options.to_dict()
    else:
        options = dict(load_options or {})
    layers = _layers_section(options, plan_path, facilities, references)
    ids = layer.ids
    units = []
    for uid in plan.unit_ids():
        unit = plan.units[uid]
        units.append(
            {
                "id": int(uid),
                "name": unit.name,
                "seat": None if unit.seat is None else str(ids[unit.seat]),
                "note": unit.note,
                "towns": [str(ids[t]) for t in plan.members(uid)],
            }
        )
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "saved": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "source": src,
        "load_options": options,
        "town_count": int(layer.n),
        "benchmark": None if plan.benchmark is None else plan.benchmark.to_dict(),
        "rules": None if rules is None else dict(rules),
        "notes": str(notes or ""),
        "units": units,
    }
    if layers:
        doc["layers"] = layers
    return doc


def _file_entry(target: str | Path, plan_path: str | Path | None) -> dict[str, str]:
    """``{"path": relative to the plan's folder (else absolute), "absolute": ...}``."""
    absolute = Path(os.path.abspath(target))
    rel = _relative(absolute, Path(os.path.abspath(plan_path)).parent) if plan_path else None
    return {"path": rel or str(absolute), "absolute": str(absolute)}


def _layers_section(
    options: dict,
    plan_path: str | Path | None,
    facilities: Sequence[Mapping],
    references: Sequence[Mapping],
) -> dict:
    """The optional ``layers`` object; also makes ``load_options.border_layer`` absolute
    (a path relative to the working folder would not be found from elsewhere)."""
    out: dict[str, Any] = {}
    border = options.get("border_layer")
    if border:
        entry = _file_entry(border, plan_path)
        options["border_layer"] = entry["absolute"]
        out["border"] = entry
    facs = []
    for f in facilities:
        if not f.get("path"):
            continue
        facs.append(
            {
                **_file_entry(f["path"], plan_path),
                "category_field": f.get("category_field") or None,
                "name_field": f.get("name_field") or None,
            }
        )
    refs = []
    for r in references:
        if not r.get("path"):
            continue
        refs.append(
            {
                **_file_entry(r["path"], plan_path),
                "name": str(r.get("name") or Path(r["path"]).stem),
                "above": bool(r.get("above", True)),
            }
        )
    if facs:
        out["facilities"] = facs
    if refs:
        out["references"] = refs
    return out


def save_plan_file(
    path: str | Path,
    plan: Plan,
    *,
    source_path: str | Path | None = None,
    load_options: LoadOptions | Mapping | None = None,
    rules: Mapping | None = None,
    notes: str = "",
    checksum: Mapping | None = None,
    facilities: Sequence[Mapping] = (),
    references: Sequence[Mapping] = (),
) -> Path:
    """Write ``plan`` to ``path`` atomically (whole or not at all).

    ``facilities`` and ``references``: the added layers to keep (see :func:`plan_to_dict`).

    Raises
    ------
    WriteError
        The folder is read-only, full or missing; the old file (if any) is untouched.
    """
    path = Path(path)
    doc = plan_to_dict(
        plan,
        plan_path=path,
        source_path=source_path,
        load_options=load_options,
        rules=rules,
        notes=notes,
        checksum=checksum,
        facilities=facilities,
        references=references,
    )
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    write_text(path, text, encoding="utf-8")
    return path


# -- reading -----------------------------------------------------------------------------
@dataclass
class PlanHeader:
    """What a plan file says about its source layer, without building the plan."""

    path: Path
    source_path: Path | None  # resolved: relative to the plan if that exists, else absolute
    source_relative: str | None
    source_absolute: str | None
    source_layer: str | None
    checksum: dict | None
    load_options: LoadOptions
    town_count: int | None
    benchmark: Benchmark | None
    rules: dict | None
    notes: str
    facilities: list[SavedLayer] = field(default_factory=list)
    references: list[SavedLayer] = field(default_factory=list)
    border: SavedLayer | None = None
    warnings: list[str] = field(default_factory=list)  # Message items (str)

    @property
    def source_exists(self) -> bool:
        return self.source_path is not None and self.source_path.exists()


@dataclass
class SavedLayer:
    """A layer saved with the plan: a facility layer, a reference layer or the border line.

    ``path`` is resolved like the source layer's: relative to the plan file if that
    exists, else the absolute path, else (missing) the relative one.
    """

    kind: str  # "facilities" | "reference" | "border"
    path: Path
    relative: str | None = None
    absolute: str | None = None
    category_field: str | None = None
    name_field: str | None = None
    name: str = ""
    above: bool = True

    @property
    def exists(self) -> bool:
        return self.path.exists()

    @property
    def label(self) -> str:
        return self.name or self.path.name


# What each kind of saved layer is called in messages (a word the GUI translates).
_LAYER_KIND_WORDS = {
    "facilities": Message("planfile.kind.facilities", "facility layer"),
    "reference": Message("planfile.kind.reference", "reference layer"),
    "border": Message("planfile.kind.border", "boundary line layer"),
}


@dataclass
class LayerProblem:
    """A saved layer that could not be opened again: missing, or unreadable."""

    layer: SavedLayer
    problem: str  # a Message: "was not found (PATH)" or "cannot be read: ERROR"
    missing: bool = False

    def message(self) -> Message:
        return Message(
            "planfile.layer_problem",
            "the {kind} {name} {problem}",
            kind=_LAYER_KIND_WORDS.get(self.layer.kind, _LAYER_KIND_WORDS["border"]),
            name=self.layer.path.name,
            problem=self.problem,
        )


def _layer_not_found(saved: SavedLayer) -> LayerProblem:
    problem = Message("planfile.layer_not_found", "was not found ({path})", path=str(saved.path))
    return LayerProblem(saved, problem, missing=True)


def _error_message(error: object) -> str:
    """An EditorError as a Message (its English text unchanged), so the GUI can word it."""
    problem = getattr(error, "problem", None)
    path = getattr(error, "path", None)
    if isinstance(problem, Message) and path is not None:
        return Message("error.at_path", "{path}: {problem}", path=str(path), problem=problem)
    return problem if isinstance(problem, Message) and path is None else str(error)


def _layer_unreadable(saved: SavedLayer, error: object) -> LayerProblem:
    problem = Message(
        "planfile.layer_unreadable", "cannot be read: {error}", error=_error_message(error)
    )
    return LayerProblem(saved, problem)


@dataclass
class LoadedPlan:
    """A plan read from a file, with what no longer matches the layer.

    ``gone``: town ids in the plan but not in the layer; ``new``: town ids in the layer
    but not in the plan (they open as units of their own). ``unmatched`` is ``gone``
    (for callers that report rows that matched nothing).
    """

    plan: Plan
    unmatched: list[str]
    gone: list[str]
    new: list[str]
    source_changed: bool
    data: dict
    header: PlanHeader | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def rules(self) -> dict | None:
        return self.data.get("rules")

    @property
    def notes(self) -> str:
        return str(self.data.get("notes") or "")

    def messages(self) -> list[str]:
        """One line per thing the user should know (source changed, towns gone/new).

        Each is a :class:`~editor.core.messages.Message` (English text; the GUI
        translates it).
        """
        out: list[str] = []
        if self.source_changed:
            out.append(
                Message(
                    "planfile.source_changed",
                    "the source layer has changed since the plan was saved",
                )
            )
        if self.gone:
            out.append(
                Message(
                    "planfile.towns_gone",
                    "{n} town(s) of the plan are not in the layer: {towns}",
                    n=len(self.gone),
                    towns=_preview(self.gone),
                )
            )
        if self.new:
            out.append(
                Message(
                    "planfile.towns_new",
                    "{n} town(s) of the layer are not in the plan and stay alone: {towns}",
                    n=len(self.new),
                    towns=_preview(self.new),
                )
            )
        return out + list(self.warnings)


def _preview(items: list[str], n: int = 10) -> str:
    shown = ", ".join(items[:n])
    if len(items) <= n:
        return shown
    return Message("planfile.preview_more", "{items} and {n} more", items=shown, n=len(items) - n)


def read_plan_document(path: str | Path) -> dict:
    """Parse and check a plan file's JSON; raise :class:`PlanError` when it is malformed."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PlanError(path, Message("error.file_not_found", "file not found")) from None
    except OSError as exc:
        raise PlanError(
            path,
            Message(
                "error.cannot_read_file", "cannot read the file ({strerror})", strerror=exc.strerror
            ),
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanError(
            path, Message("error.plan_file_text_utf", "not a plan file: the text is not UTF-8")
        ) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanError(
            path,
            Message(
                "error.not_valid_json",
                "not valid JSON: {msg} at line {lineno}, column {colno}",
                msg=exc.msg,
                lineno=exc.lineno,
                colno=exc.colno,
            ),
        ) from None
    except RecursionError:
        raise PlanError(
            path, Message("error.plan_file_nested_too", "not a plan file: nested too deeply")
        ) from None
    _check_document(path, doc)
    return doc


def _fail(path: Path, problem: str) -> None:
    raise PlanError(path, problem)


def _check_document(path: Path, doc: Any) -> None:
    if not isinstance(doc, dict):
        _fail(
            path,
            Message("error.plan_file_json_object", "not a plan file: the JSON is not an object"),
        )
    if doc.get("format") != FORMAT:
        _fail(
            path,
            Message(
                "error.plan_file_format_expected",
                'not a plan file: "format" is {format!r}, expected {FORMAT!r}',
                format=doc.get("format"),
                FORMAT=FORMAT,
            ),
        )
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        _fail(path, Message("error.version_must_whole_number", '"version" must be a whole number'))
    if version > VERSION:
        _fail(
            path,
            Message(
                "error.plan_file_version_newer",
                "plan file version {version} is newer than this program understands ({VERSION}); update the editor",
                version=version,
                VERSION=VERSION,
            ),
        )
    if version < 1:
        _fail(
            path,
            Message(
                "error.unknown_plan_file_version",
                "unknown plan file version {version}",
                version=version,
            ),
        )
    units = doc.get("units")
    if not isinstance(units, list):
        _fail(path, Message("error.units_must_list", '"units" must be a list'))
    seen_ids: set[int] = set()
    for k, u in enumerate(units):
        where = f"unit {k + 1}"
        if not isinstance(u, dict):
            _fail(path, Message("error.not_an_object", "{where} is not an object", where=where))
        uid = u.get("id")
        if not isinstance(uid, int) or isinstance(uid, bool) or uid < 0:
            _fail(
                path,
                Message(
                    "error.id_must_whole_number",
                    '{where}: "id" must be a whole number >= 0',
                    where=where,
                ),
            )
        if uid in seen_ids:
            _fail(
                path,
                Message(
                    "error.unit_id_used_twice",
                    "{where}: unit id {uid} is used twice",
                    where=where,
                    uid=uid,
                ),
            )
        seen_ids.add(uid)
        if not isinstance(u.get("name"), str) or not u["name"].strip():
            _fail(
                path,
                Message(
                    "error.name_must_non_empty",
                    '{where}: "name" must be non-empty text',
                    where=where,
                ),
            )
        if u.get("seat") is not None and not isinstance(u["seat"], (str, int)):
            _fail(
                path,
                Message(
                    "error.seat_must_town_id",
                    '{where}: "seat" must be a town id or null',
                    where=where,
                ),
            )
        if not isinstance(u.get("note", ""), str):
            _fail(
                path, Message("error.note_must_text", '{where}: "note" must be text', where=where)
            )
        towns = u.get("towns")
        if not isinstance(towns, list) or not all(
            isinstance(t, (str, int)) and not isinstance(t, bool) for t in towns
        ):
            _fail(
                path,
                Message(
                    "error.towns_must_list_town",
                    '{where} ({name}): "towns" must be a list of town ids',
                    where=where,
                    name=u.get("name"),
                ),
            )
    src = doc.get("source", {})
    if src is not None and not isinstance(src, dict):
        _fail(path, Message("error.source_must_object", '"source" must be an object'))
    for key in ("path", "absolute", "layer"):
        if (src or {}).get(key) is not None and not isinstance(src[key], str):
            _fail(path, Message("error.source_must_text", '"source.{key}" must be text', key=key))
    checksum = (src or {}).get("checksum")
    if checksum is not None and not (
        isinstance(checksum, dict) and isinstance(checksum.get("digest"), str)
    ):
        _fail(
            path,
            Message(
                "error.source_checksum_must_object",
                '"source.checksum" must be an object with a "digest"',
            ),
        )
    for key in ("load_options", "rules", "benchmark"):
        if doc.get(key) is not None and not isinstance(doc[key], dict):
            _fail(
                path,
                Message("error.must_object_or_null", '"{key}" must be an object or null', key=key),
            )
    bench = doc.get("benchmark") or {}
    for key in ("mean_population", "mean_area_km2"):
        v = bench.get(key)
        if v is not None and (not isinstance(v, (int, float)) or isinstance(v, bool)):
            _fail(
                path,
                Message(
                    "error.benchmark_must_number_or",
                    '"benchmark.{key}" must be a number or null',
                    key=key,
                ),
            )
    if not isinstance(doc.get("notes", ""), str):
        _fail(path, Message("error.notes_must_text", '"notes" must be text'))
    _check_layers(path, doc.get("layers"))
    opts = doc.get("load_options") or {}
    if not isinstance(opts.get("fields", {}) or {}, dict):
        _fail(
            path,
            Message("error.load_options_fields_must", '"load_options.fields" must be an object'),
        )
    tol = opts.get("tolerance_m", 1.0)
    if tol is not None and (not isinstance(tol, (int, float)) or isinstance(tol, bool)):
        _fail(
            path,
            Message(
                "error.load_options_tolerance_m", '"load_options.tolerance_m" must be a number'
            ),
        )


def _resolve(plan_path: Path, *paths: str | None) -> Path | None:
    """The first of ``paths`` that exists (relative ones against the plan's folder);
    else the first given; None when none is given."""
    candidates = []
    for given in paths:
        if given:
            p = Path(given)
            candidates.append(p if p.is_absolute() else (plan_path.parent / p))
    for c in candidates:
        if c.exists():
            return Path(os.path.normpath(c))
    return Path(os.path.normpath(candidates[0])) if candidates else None


def _saved_layers(path: Path, doc: dict) -> tuple[list[SavedLayer], list[SavedLayer]]:
    layers = doc.get("layers") or {}
    facilities = []
    for f in layers.get("facilities") or []:
        resolved = _resolve(path, f.get("path"), f.get("absolute"))
        facilities.append(
            SavedLayer(
                "facilities",
                resolved,
                f.get("path"),
                f.get("absolute"),
                category_field=f.get("category_field") or None,
                name_field=f.get("name_field") or None,
                name=resolved.stem,
            )
        )
    references = []
    for r in layers.get("references") or []:
        resolved = _resolve(path, r.get("path"), r.get("absolute"))
        references.append(
            SavedLayer(
                "reference",
                resolved,
                r.get("path"),
                r.get("absolute"),
                name=str(r.get("name") or resolved.stem),
                above=bool(r.get("above", True)),
            )
        )
    return facilities, references


def _check_layers(path: Path, layers: Any) -> None:
    """The optional ``layers`` object: border, facilities, references."""
    if layers is None:
        return
    if not isinstance(layers, dict):
        _fail(path, Message("error.layers_must_object", '"layers" must be an object'))
    entries: list[tuple[str, Any]] = []
    if layers.get("border") is not None:
        entries.append(("layers.border", layers["border"]))
    for key in ("facilities", "references"):
        items = layers.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            _fail(path, Message("error.layers_must_list", '"layers.{key}" must be a list', key=key))
        entries += [(f"layers.{key}[{k + 1}]", item) for k, item in enumerate(items)]
    for where, item in entries:
        if not isinstance(item, dict):
            _fail(path, Message("error.must_object", '"{where}" must be an object', where=where))
        if not isinstance(item.get("path"), str) or not item["path"]:
            _fail(
                path,
                Message(
                    "error.path_must_non_empty",
                    '"{where}.path" must be non-empty text',
                    where=where,
                ),
            )
        for key in ("absolute", "category_field", "name_field", "name"):
            if item.get(key) is not None and not isinstance(item[key], str):
                _fail(
                    path,
                    Message(
                        "error.must_text", '"{where}.{key}" must be text', where=where, key=key
                    ),
                )
        if "above" in item and not isinstance(item["above"], bool):
            _fail(
                path,
                Message(
                    "error.above_must_true_or", '"{where}.above" must be true or false', where=where
                ),
            )


def _header(path: Path, doc: dict) -> PlanHeader:
    src = doc.get("source") or {}
    rel, absolute = src.get("path"), src.get("absolute")
    resolved = _resolve(path, rel, absolute)
    try:
        options = LoadOptions.from_dict(doc.get("load_options"))
    except (TypeError, ValueError) as exc:
        raise PlanError(
            path,
            Message(
                "error.load_options_malformed", '"load_options" is malformed ({exc})', exc=str(exc)
            ),
        ) from None
    if options.layer is None and src.get("layer"):
        options.layer = src["layer"]
    warnings = []
    border = None
    if options.border_layer:
        saved = (doc.get("layers") or {}).get("border") or {}
        found = _resolve(path, saved.get("path"), saved.get("absolute"), str(options.border_layer))
        border = SavedLayer("border", found, saved.get("path"), saved.get("absolute"))
        if found.exists():
            options.border_layer = str(found)
        else:
            # the plan still opens; border towns then come from the layer's own field
            options.border_layer = None
            warnings.append(
                Message(
                    "planfile.border_layer_missing",
                    "the boundary line layer {name} was not found ({path}); "
                    "border towns come from the layer's field",
                    name=found.name,
                    path=str(found),
                )
            )
    facilities, references = _saved_layers(path, doc)
    return PlanHeader(
        path=path,
        source_path=resolved,
        source_relative=rel,
        source_absolute=absolute,
        source_layer=src.get("layer"),
        checksum=src.get("checksum"),
        load_options=options,
        town_count=doc.get("town_count") if isinstance(doc.get("town_count"), int) else None,
        benchmark=Benchmark.from_dict(doc.get("benchmark")),
        rules=doc.get("rules"),
        notes=str(doc.get("notes") or ""),
        facilities=facilities,
        references=references,
        border=border,
        warnings=warnings,
    )


def read_plan_header(path: str | Path) -> PlanHeader:
    """The source layer (path, options, checksum) a plan file refers to.

    Use it to open the layer before :func:`load_plan_file`.
    """
    path = Path(path)
    return _header(path, read_plan_document(path))


def build_plan(layer: TownLayer, doc: Mapping, path: Path | None = None) -> LoadedPlan:
    """Build a :class:`Plan` on ``layer`` from a checked plan document."""
    bench = Benchmark.from_dict(doc.get("benchmark"))
    plan = Plan(layer, bench)
    n = layer.n
    unit_of = np.full(n, -1, dtype=np.int64)
    records: dict[int, tuple[str, int | None, str]] = {}
    gone: list[str] = []
    warnings: list[str] = []
    for u in doc["units"]:
        uid = int(u["id"])
        members = []
        for key in u["towns"]:
            i = _index_of(layer, str(key))
            if i is None:
                gone.append(str(key))
                continue
            if unit_of[i] >= 0:
                raise PlanError(
                    path,
                    Message(
                        "error.town_two_units_plan",
                        "town {key} is in two units of the plan",
                        key=key,
                    ),
                )
            unit_of[i] = uid
            members.append(i)
        if not members:
            continue  # all its towns are gone: the unit goes too (reported through ``gone``)
        seat = None
        if u.get("seat") is not None:
            s = _index_of(layer, str(u["seat"]))
            if s is None or unit_of[s] != uid:
                warnings.append(
                    Message(
                        "planfile.seat_not_member",
                        "the seat {seat} of {unit} is not one of its towns; the seat is automatic",
                        seat=u["seat"],
                        unit=u["name"],
                    )
                )
            else:
                seat = s
        records[uid] = (str(u["name"]).strip(), seat, str(u.get("note", "")))
    missing = np.flatnonzero(unit_of < 0)
    new = [str(layer.ids[i]) for i in missing]
    # towns the plan does not mention get fresh units of their own (not the initial
    # singleton ids, which may be saved unit ids holding other towns)
    next_id = max(list(records) + [n - 1]) + 1
    for i in missing.tolist():
        unit_of[i] = next_id
        records[next_id] = (str(layer.names[i]), None, "")
        next_id += 1
    snap = Snapshot(np.arange(n, dtype=np.int64), unit_of, records)
    plan.restore(snap, kind="load", label="Open plan")
    return LoadedPlan(
        plan=plan,
        unmatched=list(gone),
        gone=gone,
        new=new,
        source_changed=False,
        data=dict(doc),
        warnings=warnings,
    )


def _index_of(layer: TownLayer, key: str) -> int | None:
    try:
        return int(layer.index_of(key))
    except (KeyError, ValueError, IndexError):
        return None


def load_plan_file(path: str | Path, layer: TownLayer) -> LoadedPlan:
    """Read a plan file and build its plan on ``layer``.

    When the source layer's checksum differs from the saved one, ``source_changed`` is
    set and towns that are gone or new are listed; the rest of the plan opens.

    Raises
    ------
    PlanError
        When the file is missing or malformed (one line naming the file and problem).
    """
    path = Path(path)
    doc = read_plan_document(path)
    header = _header(path, doc)
    loaded = build_plan(layer, doc, path)
    loaded.header = header
    loaded.warnings[:0] = header.warnings
    source = layer.report.path
    if source is not None and header.checksum:
        loaded.source_changed = _checksums_differ(header.checksum, source_checksum(source))
    return loaded


def save_project(project: Any, path: str | Path, rules: Mapping | None = None) -> Path:
    """Save a :class:`~editor.core.project.Project`'s plan with its source and options."""
    if rules is None:
        rules = project_rules(project)
    notes = getattr(project, "notes", "") or ""
    return save_plan_file(
        path,
        project.plan,
        source_path=project.source_path,
        load_options=project.load_options or None,
        rules=rules,
        notes=notes,
        facilities=project_facility_layers(project),
        references=project_reference_layers(project),
    )


def project_facility_layers(project: Any) -> list[dict]:
    """The facility layers read from files (``FacilityLayer.source``), in order."""
    out = []
    for fac in getattr(project, "facilities", ()) or ():
        source = getattr(fac, "source", None)
        if isinstance(source, Mapping) and source.get("path"):
            out.append(dict(source))
    return out


def project_reference_layers(project: Any) -> list[dict]:
    """The reference layers the user added; the border line reopens with the load options."""
    out = []
    for ref in getattr(project, "references", ()) or ():
        if ref.meta.get("border") or not ref.path:
            continue
        out.append({"path": str(ref.path), "name": ref.name, "above": bool(ref.above)})
    return out


def open_plan_layers(project: Any, header: PlanHeader) -> list[LayerProblem]:
    """Read the facility and reference layers saved with a plan into ``project``.

    A layer that is missing or unreadable is skipped and reported; the others open.
    Facility layers go through ``project.add_facilities``, reference layers through
    ``project.add_reference`` (so views that listen to the project draw them).
    """
    from editor.core.project import ReferenceLayer
    from editor.core.reference import geometry_kind, to_metric
    from editor.errors import EditorError
    from editor.io.facilities import load_facilities
    from editor.io.reference import read_reference

    problems: list[LayerProblem] = []
    layer = project.layer
    for saved in header.facilities:
        if not saved.exists:
            problems.append(_layer_not_found(saved))
            continue
        try:
            fac = load_facilities(saved.path, layer, saved.category_field, saved.name_field)
        except EditorError as exc:
            problems.append(_layer_unreadable(saved, exc))
            continue
        project.add_facilities(fac)
    for saved in header.references:
        if not saved.exists:
            problems.append(_layer_not_found(saved))
            continue
        try:
            frame, crs = read_reference(saved.path)
            geoms = to_metric(frame.geometry.array, crs, layer)
        except (EditorError, ValueError, RuntimeError) as exc:  # RuntimeError: pyproj
            problems.append(_layer_unreadable(saved, exc))
            continue
        kind = geometry_kind(geoms)
        ref = ReferenceLayer(
            path=saved.path,
            geometry=geoms,
            kind=kind,
            name=saved.name or saved.path.stem,
            above=saved.above if kind != "polygon" else False,
        )
        project.add_reference(ref)
    return problems


def project_rules(project: Any) -> dict | None:
    """The project's rule settings as a dict, if the rules object can give one."""
    rules = getattr(project, "rules_settings", None)
    if isinstance(rules, Mapping):
        return dict(rules)
    checker = getattr(project, "checker", None)
    ruleset = getattr(checker, "rules", None)
    to_dict = getattr(ruleset, "to_dict", None)
    if callable(to_dict):
        try:
            out = to_dict()
        except Exception:  # a rule set that cannot describe itself is not worth losing a save
            return None
        return dict(out) if isinstance(out, Mapping) else None
    return None
