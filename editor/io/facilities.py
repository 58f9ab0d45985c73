"""Facility point layers read from files and placed in the towns (health centres, schools...)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import shapely

from editor.core import unit_figures as figures
from editor.core.facilities import FacilityLayer
from editor.core.messages import Message
from editor.core.plan import Plan
from editor.core.reference import to_metric
from editor.core.ruleset import RuleSet, default_rules
from editor.core.towns import TownLayer
from editor.core.unit_figures import DataSources, FacilitySource, UnitFigures
from editor.errors import EditorError, LayerError
from editor.io.reference import read_reference


def load_facilities(
    path: str | Path,
    layer: TownLayer,
    category_field: str | None = None,
    name_field: str | None = None,
) -> FacilityLayer:
    """Read a facility point layer and place its points in the layer's towns.

    The category of each point is the value of ``category_field`` when given, else the
    file's name (so ``卫生院.shp`` counts as 卫生院). Polygons or lines are placed by a
    point on their surface.

    Raises
    ------
    LayerError
        When the file cannot be read or lacks the named field.
    """
    path = Path(path)
    frame, crs = read_reference(path)
    for f in (category_field, name_field):
        if f and f not in frame.columns:
            fields = ", ".join(str(c) for c in frame.columns if c != "geometry")
            raise LayerError(
                path,
                Message(
                    "error.no_field_named_fields",
                    "no field named {f!r} (fields: {fields})",
                    f=f,
                    fields=fields,
                ),
            )
    geoms = np.asarray(frame.geometry.array, dtype=object)
    keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    notes = []
    if not keep.all():
        notes.append(f"{int((~keep).sum())} feature(s) without geometry were skipped")
    frame, geoms = frame.loc[keep], geoms[keep]
    points_m = to_metric(shapely.point_on_surface(geoms), crs, layer)
    label = path.stem
    cats = None
    if category_field:
        cats = [("" if v is None else str(v).strip()) or label for v in frame[category_field]]
    names = None
    if name_field:
        names = ["" if v is None else str(v) for v in frame[name_field]]
    out = FacilityLayer.from_points(layer, points_m, cats, names, label)
    out.notes[:0] = notes
    out.source = {"path": str(path), "category_field": category_field, "name_field": name_field}
    return out


def reload_facilities(facilities: Iterable[FacilityLayer], layer: TownLayer) -> list[FacilityLayer]:
    """The facility layers read from files, read again and placed in ``layer``'s towns.

    A layer not read from a file, or whose file cannot be read any more, is left out
    (the plan opens without it, as from a plan file).
    """
    out = []
    for fac in facilities:
        source = getattr(fac, "source", None)
        if not source or not source.get("path"):
            continue
        try:
            out.append(
                load_facilities(
                    source["path"], layer, source.get("category_field"), source.get("name_field")
                )
            )
        except EditorError:
            continue
    return out


# -- the figures' convention: facility layers given as FacilityLayer or as a path --------
def facility_layers(
    facilities: Sequence[FacilitySource], layer: TownLayer, category_field: str | None = None
) -> list[FacilityLayer]:
    """``facilities`` with every path read as a point layer typed by ``category_field``."""
    return [
        f if isinstance(f, FacilityLayer) else load_facilities(f, layer, category_field)
        for f in facilities or ()
    ]


def resolve_sources(
    layer: TownLayer,
    rules: RuleSet | None = None,
    facilities: Sequence[FacilitySource] = (),
    carry: Sequence[str] = (),
    facility_field: str | None = None,
) -> DataSources:
    """:func:`editor.core.unit_figures.resolve_sources`, also taking point-layer paths.

    A path is typed by ``facility_field``, else the rule set's ``facility_category_field``.
    """
    rules = rules if rules is not None else default_rules()
    cat_field = facility_field or rules.data.facility_category_field or None
    layers = facility_layers(facilities, layer, cat_field)
    return figures.resolve_sources(layer, rules, layers, carry, facility_field)


def unit_figures(
    plan: Plan,
    rules: RuleSet | None = None,
    facilities: Sequence[FacilitySource] = (),
    carry: Sequence[str] = (),
    *,
    uids: Sequence[int] | None = None,
    facility_field: str | None = None,
) -> UnitFigures:
    """:func:`editor.core.unit_figures.unit_figures`, also taking point-layer paths."""
    sources = resolve_sources(plan.layer, rules, facilities, carry, facility_field)
    return figures.unit_figures(plan, uids=uids, sources=sources)
