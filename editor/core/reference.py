"""Reference layers in the town layer's metric CRS (Qt-free)."""

from __future__ import annotations

import numpy as np
import pyproj
import shapely

from editor.core.measure import reproject
from editor.core.towns import TownLayer


def to_metric(geoms: np.ndarray, crs: pyproj.CRS | None, layer: TownLayer) -> np.ndarray:
    """Reproject ``geoms`` from ``crs`` (the town layer's CRS when None) to ``layer.metric_crs``.

    Missing and empty geometries are dropped; 3D coordinates lose their z.
    """
    geoms = np.asarray(geoms, dtype=object)
    geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    src = pyproj.CRS(crs) if crs is not None else layer.crs
    return reproject(geoms, src, layer.metric_crs)


def geometry_kind(geoms: np.ndarray) -> str:
    """ "point", "line" or "polygon": the dominant geometry type of a reference layer."""
    ids = shapely.get_type_id(np.asarray(geoms, dtype=object))
    ids = ids[ids >= 0]
    if len(ids) == 0:
        return "line"
    kinds = np.where(np.isin(ids, (0, 4)), 0, np.where(np.isin(ids, (1, 2, 5)), 1, 2))
    return ("point", "line", "polygon")[int(np.bincount(kinds, minlength=3).argmax())]


def metric_to_source(layer: TownLayer) -> pyproj.Transformer:
    """Transformer from the layer's metric CRS back to its source CRS (for cursor read-outs)."""
    return pyproj.Transformer.from_crs(layer.metric_crs, layer.crs, always_xy=True)
