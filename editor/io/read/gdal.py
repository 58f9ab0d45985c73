"""Calls into GDAL (through pyogrio), with its chatter silenced and its errors worded.

Every GDAL failure becomes one short :class:`~editor.core.messages.Message`
(:func:`gdal_problem`), so the user sees one ``error:`` line naming the file.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas
import pyogrio
import pyogrio.errors

from editor.core.messages import Message
from editor.errors import LayerError

# Formats whose text is UTF-8 by definition: an encoding override makes no sense there.
UTF8_DRIVERS = {"GPKG", "GeoJSON", "GeoJSONSeq", "FlatGeobuf", "SQLite", "TopoJSON", "GML", "KML"}


def gdal_problem(exc: Exception) -> Message:
    """A short, single-line reason from a GDAL/pyogrio error."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    low = text.lower()
    if "not recognized as" in low or "not a supported file format" in low:
        return Message("error.not_a_map_layer", "not a map layer in a format this program can read")
    if "no such file" in low or "does not exist" in low:
        return Message("error.file_not_found", "file not found")
    if len(text) > 160:
        text = text[:157] + "..."
    # GDAL's own wording stays as it is (a param); only the frame is translated
    return Message("error.cannot_be_read", "cannot be read ({detail})", detail=text)


def layer_table(path: Path) -> list[tuple[str, str | None]]:
    """(name, geometry type or None) of each layer in the file."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = pyogrio.list_layers(path)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise LayerError(path, gdal_problem(exc)) from None
    except Exception as exc:  # noqa: BLE001 - any GDAL failure becomes one line
        raise LayerError(path, gdal_problem(exc)) from None
    return [(str(row[0]), None if row[1] is None else str(row[1])) for row in table]


def read_with_pyogrio(path: Path, **kwargs) -> geopandas.GeoDataFrame:
    with warnings.catch_warnings():
        # GDAL chatter (e.g. "Normalized/laundered field name") is not the user's
        # business here; real problems raise.
        warnings.simplefilter("ignore", RuntimeWarning)
        return pyogrio.read_dataframe(path, **kwargs)


def read_info(source: Path, read_kwargs: dict) -> dict:
    """GDAL's description of the layer (driver, geometry type, feature count)."""
    kwargs = dict(read_kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        # ISO-8859-1 is lossless and never fails; read_info would otherwise decode
        # field names before we chose how.
        if source.suffix.lower() == ".shp":
            kwargs["encoding"] = "ISO-8859-1"
        return pyogrio.read_info(source, **kwargs)
