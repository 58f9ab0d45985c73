"""The layer's coordinate system: the user's override, the file's, or a flagged guess.

A guess is made from the coordinates when the file has none (a shapefile without a
usable ``.prj``): degrees mean CGCS2000, Gauss-Kruger metres with a zone number mean
that CGCS2000 zone, other metres an assumed central meridian, always with a note.
"""

from __future__ import annotations

import geopandas
import numpy as np
import pyproj

from editor.core.messages import Message
from editor.errors import LayerError


def parse_override(path, crs: str | int | pyproj.CRS | None) -> pyproj.CRS | None:
    """The user's CRS (EPSG code, WKT, PROJ string, ...) or None; an error names ``path``."""
    try:
        parsed = None if crs is None else pyproj.CRS.from_user_input(crs)
    except pyproj.exceptions.CRSError:
        raise LayerError(
            path,
            Message(
                "error.unknown_coordinate_system", "unknown coordinate system '{crs}'", crs=crs
            ),
        ) from None
    if parsed is not None:
        check_map_crs(path, parsed)
    return parsed


def check_map_crs(path, crs: pyproj.CRS) -> pyproj.CRS:
    """``crs`` once it places points on a map: geographic (2-D) or projected.

    A vertical CRS (heights, EPSG:5773) or a geocentric one (X/Y/Z from the Earth's
    centre, EPSG:4978) cannot hold a town layer; for reading and for exports alike.
    """
    if not (crs.is_geographic or crs.is_projected) or crs.is_geocentric:
        kind = "vertical" if crs.is_vertical else "geocentric" if crs.is_geocentric else "other"
        raise LayerError(
            path,
            Message(
                "error.not_a_map_crs",
                "{crs} is a {kind} coordinate system, not one of a map; "
                "use a geographic or projected one (e.g. EPSG:4490)",
                crs=crs.to_string(),
                kind=kind,
            ),
        )
    return crs


def layer_crs(
    frame: geopandas.GeoDataFrame,
    override: pyproj.CRS | None,
    name: str,
    no_crs_phrase: Message,
    notes: list[str],
) -> tuple[pyproj.CRS, bool]:
    """(CRS, assumed): the override, else the file's (checked), else a guess with a note.

    ``no_crs_phrase`` says why the file has none, for the note of a guess.
    """
    check_coordinates(frame, name)
    file_crs = frame.crs
    if override is not None:
        crs, assumed = override, False
    elif file_crs is not None:
        crs, assumed = pyproj.CRS.from_user_input(file_crs), False
    else:
        crs, note = guess_crs(frame.total_bounds, name, no_crs_phrase)
        notes.append(note)
        crs, assumed = crs, True
    check_crs_fits(crs, frame, name, notes)
    return crs, assumed


# beyond this no map coordinate makes sense (metres: 1000 times the Earth's size)
MAX_COORDINATE = 1e10


def check_coordinates(frame: geopandas.GeoDataFrame, name: str) -> None:
    """Coordinates must be finite numbers of a plausible size (1e308 is neither
    degrees nor metres, and no CRS can place it)."""
    bounds = np.asarray(frame.total_bounds, dtype=float)
    if not np.isfinite(bounds).all() or np.abs(bounds).max() > MAX_COORDINATE:
        raise LayerError(
            name,
            Message(
                "error.coordinates_implausible",
                "the coordinates are not finite or too large for any map "
                "(bounds {bounds}); the file is damaged",
                bounds=", ".join(f"{v:.6g}" for v in bounds),
            ),
        )


def guess_crs(bounds: np.ndarray, name: str, no_crs_phrase: Message) -> tuple[pyproj.CRS, Message]:
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    if -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
        return pyproj.CRS.from_epsg(4490), Message(
            "reader.crs_assumed_degrees",
            "{name}: {reason}: coordinates look like degrees; assumed CGCS2000 (EPSG:{epsg})",
            name=name,
            reason=no_crs_phrase,
            epsg=4490,
        )
    zone_min, zone_max = int(minx // 1_000_000), int(maxx // 1_000_000)
    if 25_000_000 <= minx and maxx < 46_000_000 and zone_min == zone_max and 25 <= zone_min <= 45:
        epsg = 4513 + (zone_min - 25)
        return pyproj.CRS.from_epsg(epsg), Message(
            "reader.crs_assumed_zone",
            "{name}: {reason}: coordinates look like Gauss-Kruger metres with zone "
            "number {zone}; assumed CGCS2000 3-degree zone {zone} (EPSG:{epsg}); check it",
            name=name,
            reason=no_crs_phrase,
            zone=zone_min,
            epsg=epsg,
        )
    return pyproj.CRS.from_epsg(4547), Message(
        "reader.crs_assumed_metres",
        "{name}: {reason}: coordinates are metres without a zone number, so the "
        "central meridian is unknown; assumed CGCS2000 3-degree Gauss-Kruger CM 114E "
        "(EPSG:{epsg}); set the layer's real coordinate system, or areas and positions "
        "will be wrong",
        name=name,
        reason=no_crs_phrase,
        epsg=4547,
    )


def check_crs_fits(crs: pyproj.CRS, frame: geopandas.GeoDataFrame, name: str, notes: list[str]):
    """Warn when a geographic CRS holds coordinates that cannot be degrees; refuse a
    layer whose latitudes are all beyond the poles (nothing can be measured there)."""
    if not crs.is_geographic:
        return
    minx, miny, maxx, maxy = frame.total_bounds
    if abs((miny + maxy) / 2) > 90:
        raise LayerError(
            name,
            Message(
                "error.latitude_beyond_poles",
                "latitudes from {miny:.6g} to {maxy:.6g} are beyond -90..90: these are not "
                "degrees of {crs}; set the layer's real coordinate system",
                miny=float(miny),
                maxy=float(maxy),
                crs=crs.name,
            ),
        )
    if maxx > 180 or minx < -180:
        notes.append(
            Message(
                "reader.longitude_beyond_180",
                "{name}: longitudes from {minx:.6g} to {maxx:.6g} go beyond -180..180; "
                "check the layer's coordinate system",
                name=name,
                minx=float(minx),
                maxx=float(maxx),
            )
        )
    if not (-360 <= minx <= maxx <= 360 and -90 <= miny <= maxy <= 90):
        notes.append(
            Message(
                "reader.degrees_look_like_metres",
                "{name}: the file says the coordinates are degrees ({crs}) but they look "
                "like metres; set the layer's real coordinate system",
                name=name,
                crs=crs.name,
            )
        )
