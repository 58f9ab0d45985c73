"""The submission documents (申报材料) as Word files: the 调整方案 written from the plan.

:func:`write_plan_document` writes the plan document (.docx, read by Word and WPS)
through the destination guard (:mod:`editor.io.guard`) and the one atomic writer
(:mod:`editor.io.atomic`); :func:`plan_document_bytes` builds it without writing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from editor.core.plan import Plan
from editor.core.ruleset import RuleSet
from editor.core.towns import TownLayer
from editor.core.unit_figures import FacilitySource
from editor.io.atomic import write_bytes
from editor.io.guard import check_destination
from editor.layout.documents.plan import plan_document_bytes, plan_facts, unit_kind

__all__ = ["plan_document_bytes", "plan_facts", "unit_kind", "write_plan_document"]


def write_plan_document(
    path: str | Path,
    layer: TownLayer,
    plan: Plan,
    rules: RuleSet | None = None,
    county: str | None = None,
    lang: str = "zh",
    *,
    facilities: Sequence[FacilitySource] = (),
    carry: Sequence[str] = (),
    protected: Iterable[str | Path | None] = (),
) -> Path:
    """Write the 调整方案 of ``plan`` (on ``layer``) to ``path`` (.docx), atomically.

    ``protected`` are further files open in the session (the plan, facility layers...);
    the layer itself is always protected.

    Raises
    ------
    WriteError
        ``path`` is not a .docx, is a folder or would overwrite a protected file, or it
        cannot be written.
    """
    if plan.layer is not layer:
        raise ValueError("the plan is not on this layer")
    source = getattr(getattr(layer, "report", None), "path", None)
    out = check_destination(path, "document", [source, *protected, *facilities_paths(facilities)])
    data = plan_document_bytes(plan, rules, county, lang, facilities, carry)
    write_bytes(out, data)
    return out


def facilities_paths(facilities: Sequence[FacilitySource]) -> list[str | Path]:
    """The facility sources given as paths (those are inputs the document must not replace)."""
    return [f for f in facilities if isinstance(f, (str, Path))]
