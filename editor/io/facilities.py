"""Facility point layers read from files and placed in the towns (health centres, schools...)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import shapely

from editor.core.facilities import FacilityLayer
from editor.core.messages import Message
from editor.core.reference import to_metric
from editor.core.towns import TownLayer
from editor.errors import LayerError
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
