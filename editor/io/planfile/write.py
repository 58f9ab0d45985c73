"""Writing a plan file: the JSON document of a plan and of a project."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from editor.core.plan import Plan
from editor.core.project import Project
from editor.core.session import unit_records
from editor.io.atomic import write_text
from editor.io.load import LoadOptions
from editor.io.planfile.checksum import source_checksum
from editor.io.planfile.schema import FORMAT, VERSION


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
    units = [
        {"id": u.id, "name": u.name, "seat": u.seat, "note": u.note, "towns": u.towns}
        for u in unit_records(plan)
    ]
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


def save_project(project: Project, path: str | Path, rules: Mapping | None = None) -> Path:
    """Save a :class:`~editor.core.project.Project`'s plan with its source, options,
    rule set (``rules``, else ``project.rules``), notes and added layers."""
    return save_plan_file(
        path,
        project.plan,
        source_path=project.source_path,
        load_options=project.load_options or None,
        rules=project_rules(project) if rules is None else rules,
        notes=project.notes,
        facilities=project_facility_layers(project),
        references=project_reference_layers(project),
    )


def project_facility_layers(project: Project) -> list[dict]:
    """The facility layers read from files (``FacilityLayer.source``), in order."""
    out = []
    for fac in project.facilities:
        source = getattr(fac, "source", None)
        if isinstance(source, Mapping) and source.get("path"):
            out.append(dict(source))
    return out


def project_reference_layers(project: Project) -> list[dict]:
    """The reference layers the user added; the border line reopens with the load options."""
    out = []
    for ref in project.references:
        if ref.meta.get("border") or not ref.path:
            continue
        out.append({"path": str(ref.path), "name": ref.name, "above": bool(ref.above)})
    return out


def project_rules(project: Project) -> dict:
    """The project's rule set as plain data (what the plan file saves)."""
    return project.rules.to_dict()
