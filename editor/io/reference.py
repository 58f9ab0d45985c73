"""Reference layers: boundary lines, roads, rivers, facility points (any geometry type)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyproj

from editor.core.messages import Message
from editor.errors import LayerError
from editor.io.read.files import check_input, sibling


def read_reference(
    path: str | Path, *, encoding: str | None = None
) -> tuple[gpd.GeoDataFrame, pyproj.CRS]:
    """Read a reference layer with its CRS (EPSG:4490 assumed, with the frame's attrs saying so).

    Raises
    ------
    LayerError
        When the file is missing, not a layer, or empty.
    """
    import pyogrio

    path = Path(path)
    if not path.exists():
        raise LayerError(path, Message("error.file_not_found", "file not found"))
    if not path.is_dir():  # a folder of shapefiles is a GDAL dataset; a FIFO is not
        check_input(path)
        if path.suffix.lower() == ".shp":
            for ext in (".dbf", ".shx", ".prj", ".cpg"):
                sibling(path, ext)  # a FIFO as a sidecar is an error, not a hang
    try:
        kwargs = {"encoding": encoding} if encoding else {}
        frame = pyogrio.read_dataframe(path, **kwargs)
    except Exception as exc:  # pyogrio/GDAL errors come in many classes
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise LayerError(
            path, Message("error.not_readable_layer", "not a readable layer ({first})", first=first)
        ) from None
    if len(frame) == 0:
        raise LayerError(
            path, Message("error.layer_has_no_features_2", "the layer has no features")
        )
    crs = frame.crs
    assumed = crs is None
    if assumed:
        crs = pyproj.CRS.from_epsg(4490)
        frame = frame.set_crs(crs)
    frame.attrs["crs_assumed"] = assumed
    return frame, pyproj.CRS(crs)
