"""Reading a plan file: its header (source layer, options, saved layers) and its plan."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.messages import Message
from editor.core.plan import Benchmark, Plan
from editor.core.session import UnitRecord, place_units
from editor.core.towns import TownLayer
from editor.errors import PlanError
from editor.io.load import LoadOptions
from editor.io.planfile.checksum import checksums_differ, source_checksum
from editor.io.planfile.header import PlanHeader, SavedLayer
from editor.io.planfile.schema import check_document
from editor.io.read.files import check_input


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
    path = check_input(path, PlanError)
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
    except ValueError:  # a number of thousands of digits (Python's int limit)
        raise PlanError(
            path,
            Message("error.plan_file_number_too_long", "not a plan file: a number is too long"),
        ) from None
    check_document(path, doc)
    return doc


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
        resolved = _resolve_named(path, f, "facilities")
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
        resolved = _resolve_named(path, r, "references")
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


def _resolve_named(path: Path, entry, section: str) -> Path:
    """A saved layer's path; an entry that names no file is an error naming the section."""
    resolved = None
    if isinstance(entry, dict):
        resolved = _resolve(path, entry.get("path"), entry.get("absolute"))
    if resolved is None:
        raise PlanError(
            path,
            Message(
                "error.saved_layer_without_path",
                'an entry of "layers.{section}" names no file',
                section=section,
            ),
        )
    return resolved


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
    warnings: list[str] = []
    border = None
    if options.border_layer:
        saved = (doc.get("layers") or {}).get("border") or {}
        found = _resolve(path, saved.get("path"), saved.get("absolute"), str(options.border_layer))
        assert found is not None  # the option itself is one of the candidates
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
    units = [
        UnitRecord(
            id=int(u["id"]),
            name=str(u["name"]),
            towns=[str(t) for t in u["towns"]],
            seat=None if u.get("seat") is None else str(u["seat"]),
            note=str(u.get("note", "")),
        )
        for u in doc["units"]
    ]
    placed = place_units(layer, units, Benchmark.from_dict(doc.get("benchmark")), path)
    return LoadedPlan(
        plan=placed.plan,
        unmatched=list(placed.gone),
        gone=placed.gone,
        new=placed.new,
        source_changed=False,
        data=dict(doc),
        warnings=placed.warnings,
    )


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
        loaded.source_changed = checksums_differ(header.checksum, source_checksum(source))
    return loaded
