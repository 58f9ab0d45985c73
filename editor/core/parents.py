"""The level of a layer's base units, and parent townships of a village layer (Qt-free).

A layer whose towns carry a parent-township field (``layer.parent``) is a village layer
(村级建制调整): its base units are villages and its merged units merged villages, so
views word their headers with 村 instead of 乡镇 (:func:`level_of`), and the township
lines the merger must not cross are drawn over the villages
(:func:`parent_boundaries`: each township is the union of its villages).

The staffing quota (编制) is a township-level figure: at village level it is shown only
when the rule set asks for it (:func:`quota_applies`).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Literal

import numpy as np
import shapely

from editor.core.outline import label_points, unit_boundary
from editor.core.towns import TownLayer

Level = Literal["town", "village"]


def level_of(layer: TownLayer) -> Level:
    """``"village"`` when the layer's base units have a parent township, else ``"town"``."""
    return "village" if getattr(layer, "parent", None) is not None else "town"


def quota_applies(layer: TownLayer, quota_rules: object | None) -> bool:
    """Whether the staffing quota belongs in views, layouts and exports of ``layer``.

    Always at town level; at village level only when the rule set's ``[quota]`` section
    sets ``apply_to_villages = true``.
    """
    if level_of(layer) == "town":
        return True
    return bool(getattr(quota_rules, "apply_to_villages", False))


def has_border_towns(layer: TownLayer) -> bool:
    """Whether any base unit is a border town (else the border column is noise)."""
    return bool(np.asarray(layer.border, dtype=bool).any())


@dataclass(frozen=True)
class ParentBoundaries:
    """The parent townships of a village layer, in the layer's metric CRS.

    Attributes
    ----------
    names
        Parent names (``str``), in the order they first appear in the layer.
    polygons
        One (multi)polygon per parent: the union of its villages.
    lines
        Every township line once (edges shared by two townships are not doubled, so a
        dashed pen keeps its pattern), as a (multi)linestring.
    label_xy
        (k, 2) a point inside each township, for faint name labels.
    """

    names: np.ndarray
    polygons: np.ndarray
    lines: shapely.Geometry
    label_xy: np.ndarray

    def __len__(self) -> int:
        return len(self.names)


_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def parent_boundaries(layer: TownLayer) -> ParentBoundaries | None:
    """The layer's parent townships (``None`` for a town layer), computed once per layer.

    Each township is ``coverage_union_all`` of its villages (exact for a clean coverage;
    :func:`editor.core.outline.unit_boundary` falls back to a tolerant union where the
    villages leave sub-metre gaps or overlap). The lines are the townships' boundaries
    unioned, so each shared edge appears once.
    """
    if level_of(layer) != "village":
        return None
    got = _cache.get(layer)
    if got is None:
        got = _cache[layer] = _compute(layer)
    return got


def _compute(layer: TownLayer) -> ParentBoundaries:
    parent = np.asarray(layer.parent, dtype=object).astype(str)
    names, first, group = np.unique(parent, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")  # first-appearance order
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    group = rank[group]
    names = names[order]
    geoms = np.asarray(layer.geometry_m, dtype=object)
    by_group = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[by_group], np.arange(len(names) + 1))
    polygons = np.empty(len(names), dtype=object)
    for k in range(len(names)):
        members = by_group[bounds[k] : bounds[k + 1]]
        polygons[k] = unit_boundary(geoms[members], layer.tolerance_m)
    # each shared edge once: the union of the boundaries nodes and dissolves them (into
    # junction-to-junction pieces; line_merge would join them but costs half as much
    # again on a province and a dash pattern restarting at a junction does not show)
    lines = shapely.union_all(shapely.boundary(polygons))
    return ParentBoundaries(
        names=names.astype(object),
        polygons=polygons,
        lines=lines,
        label_xy=label_points(polygons),
    )
