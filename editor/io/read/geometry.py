"""Keep the polygons of a read frame: drop empty features, unpack collections, 2-D only."""

from __future__ import annotations

from pathlib import Path

import geopandas
import numpy as np
import shapely

from editor.core.messages import Message
from editor.errors import LayerError

_POLYGONAL = {3, 6}  # shapely type ids: Polygon, MultiPolygon


def polygons_only(
    frame: geopandas.GeoDataFrame, path: Path, notes: list[str]
) -> geopandas.GeoDataFrame:
    """The frame with polygons only, in 2-D, its geometry column named "geometry".

    Features without geometry are dropped with a note; the polygonal parts of geometry
    collections are kept; any other geometry type is an error.
    """
    name = path.name
    if len(frame) == 0:
        raise LayerError(path, Message("error.no_features", "no features"))
    geoms = frame.geometry.values
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if missing.all():
        raise LayerError(
            path,
            Message(
                "error.no_polygons_all_geometries",
                "no polygons: all {n} geometries are empty",
                n=len(frame),
            ),
        )
    if missing.any():
        notes.append(
            Message(
                "reader.dropped_no_geometry",
                "{name}: dropped {n} features with no geometry",
                name=name,
                n=int(missing.sum()),
            )
        )
        frame = frame.loc[~missing]
        geoms = frame.geometry.values

    type_ids = shapely.get_type_id(geoms)
    collections = type_ids == 7
    if collections.any():
        # Keep the polygonal parts of geometry collections (some tools write them).
        fixed = []
        for geom in np.asarray(geoms)[collections]:
            parts = [g for g in shapely.get_parts(geom) if shapely.get_type_id(g) in _POLYGONAL]
            fixed.append(shapely.multipolygons(parts) if parts else None)
        new = np.asarray(geoms).copy()
        new[collections] = fixed
        frame = frame.copy()
        frame[frame.geometry.name] = geopandas.GeoSeries(new, index=frame.index, crs=frame.crs)
        geoms = frame.geometry.values
        type_ids = np.where(shapely.is_missing(geoms), -1, shapely.get_type_id(geoms))

    bad = ~np.isin(type_ids, list(_POLYGONAL))
    if bad.any():
        kinds = sorted({_TYPE_NAMES.get(int(t), "other") for t in type_ids[bad]})
        if bad.all():
            raise LayerError(
                path,
                Message(
                    "error.contains_polygons_town_layer_2",
                    "contains {items}, not polygons; a town layer needs polygons",
                    items=", ".join(kinds),
                ),
            )
        raise LayerError(
            path,
            Message(
                "error.mixes_polygons_with_features",
                "mixes polygons with {n} features of other types ({items})",
                n=int(bad.sum()),
                items=", ".join(kinds),
            ),
        )
    with np.errstate(all="ignore"):  # huge coordinates overflow: refused later, by the CRS step
        flat = ~(shapely.area(geoms) > 0)
        if flat.any():
            # a bow-tie's signed halves cancel to 0 but it is repaired into two triangles
            flat[flat] = ~(shapely.area(shapely.make_valid(np.asarray(geoms)[flat])) > 0)
    if flat.all():
        raise LayerError(
            path,
            Message(
                "error.all_polygons_degenerate",
                "no polygon has an area: all {n} are degenerate (collapsed to lines or points)",
                n=len(frame),
            ),
        )
    if flat.any():
        # a polygon collapsed to a line has no town to draw, measure or export
        notes.append(
            Message(
                "reader.dropped_degenerate",
                "{name}: dropped {n} features whose polygons have no area (degenerate)",
                name=name,
                n=int(flat.sum()),
            )
        )
        frame = frame.loc[~flat]
        geoms = frame.geometry.values
    if shapely.has_z(geoms).any():
        frame = frame.copy()
        frame[frame.geometry.name] = geopandas.GeoSeries(
            shapely.force_2d(geoms), index=frame.index, crs=frame.crs
        )
    if frame.geometry.name != "geometry":
        frame = frame.rename_geometry("geometry")
    return frame


_TYPE_NAMES = {
    -1: "empty geometries",
    0: "points",
    1: "lines",
    2: "lines",
    4: "points",
    5: "lines",
    7: "geometry collections",
}
