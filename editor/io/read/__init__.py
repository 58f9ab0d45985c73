"""Read a polygon layer faithfully: right text encoding, right CRS, clear errors.

County township layers arrive as shapefiles with GBK text and often without a
``.cpg`` or a code page in the DBF header, sometimes without a ``.prj``. This package
finds the encoding (override, ``.cpg``, DBF language driver id, detection), the CRS
(file, override, or a guess from the coordinates that is flagged as such), and turns
every broken input into one :class:`~editor.errors.LayerError` line that names the
file and the problem. It never writes to the source.

One module per concern:

- :mod:`.frame`: :func:`read_layer_frame`, the steps from a path to a :class:`RawLayer`;
- :mod:`.files`: which file is meant (a ``.dbf`` means its ``.shp``), sibling files;
- :mod:`.shapefile`: a shapefile's parts checked, its encoding chosen, its text read;
- :mod:`.dbf`: the DBF header and raw text bytes; :mod:`.encoding`: names, decoding, detection;
- :mod:`.geopackage`: layers of multi-layer files (:func:`list_layers`);
- :mod:`.gdal`: pyogrio calls and GDAL errors worded;
- :mod:`.geometry`: the polygons kept; :mod:`.crs`: the CRS settled or guessed.

GeoJSON, FlatGeobuf and the other single-layer formats GDAL reads need nothing of
their own: their text is UTF-8 (:data:`.gdal.UTF8_DRIVERS`) and they go through the
generic path of :mod:`.frame`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.io.read.frame import RawLayer, read_layer_frame
    from editor.io.read.geopackage import list_layers

__all__ = ["RawLayer", "list_layers", "read_layer_frame"]


def __getattr__(name: str):
    # imported on first use: ``editor.io.read.files`` (the list of layer types the
    # command line's --help shows) must not pull in geopandas
    if name in ("RawLayer", "read_layer_frame"):
        from editor.io.read import frame

        return getattr(frame, name)
    if name == "list_layers":
        from editor.io.read.geopackage import list_layers

        return list_layers
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
