"""Read a layer file into a :class:`RawLayer`: the frame of its features, decoded, with a CRS.

The steps, each in its own function: find the file and what kind it is
(:func:`_prepare`: shapefile checks and encoding, GeoPackage layer), read the features
through GDAL (:func:`_read_features`), keep the polygons
(:func:`editor.io.read.geometry.polygons_only`), settle the CRS
(:func:`editor.io.read.crs.layer_crs`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas
import pyproj

from editor.core.messages import Message
from editor.errors import LayerError
from editor.io.read import crs as crs_rules
from editor.io.read import encoding as encodings
from editor.io.read import geopackage, shapefile
from editor.io.read.files import resolve_path
from editor.io.read.gdal import UTF8_DRIVERS, gdal_problem, read_info, read_with_pyogrio
from editor.io.read.geometry import polygons_only


@dataclass
class RawLayer:
    """A layer as read from disk, before towns are built from it.

    ``frame`` holds every source attribute column plus ``geometry``; its index is the
    0-based position of each feature in the source (features without geometry are
    dropped, so the index may have gaps).
    """

    frame: geopandas.GeoDataFrame
    path: Path
    layer: str | None
    driver: str
    encoding: str | None
    encoding_source: str
    crs: pyproj.CRS
    crs_assumed: bool
    warnings: list[str] = field(default_factory=list)  # Message items (str)


@dataclass
class _Source:
    """What is known about the file before GDAL reads its features."""

    path: Path
    notes: list[str]
    parts: shapefile.ShapefileParts | None = None  # a shapefile's checked parts
    encoding: str | None = None  # display name; None = the format's own
    encoding_source: str = "format"
    samples: list[bytes] = field(default_factory=list)  # a shapefile's non-ASCII text
    layer_name: str | None = None  # the GeoPackage layer chosen
    read_kwargs: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def is_shapefile(self) -> bool:
        return self.path.suffix.lower() == ".shp"


def read_layer_frame(
    path: str | Path,
    *,
    layer: str | None = None,
    encoding: str | None = None,
    crs: str | int | pyproj.CRS | None = None,
) -> RawLayer:
    """Read a polygon layer with its attributes, decoded, and a CRS that is never None.

    Parameters
    ----------
    path
        A shapefile (``.shp``, or its ``.dbf``), GeoPackage, GeoJSON or any other
        polygon layer GDAL reads.
    layer
        GeoPackage layer; by default the only polygon layer.
    encoding
        Text encoding to use instead of the detected one (shapefiles and other
        formats with a declared encoding; ignored for UTF-8-only formats).
    crs
        The layer's CRS, overriding the file's (for files with a wrong or missing
        ``.prj``).

    Raises
    ------
    LayerError
        For every input that cannot be used, with a one-line message naming the file.
    """
    p = resolve_path(path)
    crs_override = crs_rules.parse_override(p, crs)
    src = _prepare(p, layer, encoding)
    frame, driver = _read_features(src)
    frame = polygons_only(frame, p, src.notes)
    if src.is_shapefile:
        frame = shapefile.restore_field_names(frame, p, src.notes)
    layer_crs, assumed = crs_rules.layer_crs(
        frame, crs_override, src.name, _no_crs_phrase(src), src.notes
    )
    frame = frame.set_crs(layer_crs, allow_override=True)
    return RawLayer(
        frame=frame,
        path=p,
        layer=src.layer_name,
        driver=driver or ("ESRI Shapefile" if src.is_shapefile else ""),
        encoding=src.encoding,
        encoding_source=src.encoding_source,
        crs=layer_crs,
        crs_assumed=assumed,
        warnings=src.notes,
    )


def _prepare(p: Path, layer: str | None, encoding: str | None) -> _Source:
    """Check a shapefile's parts and choose its encoding; choose a GeoPackage's layer;
    check another format's encoding override."""
    src = _Source(p, notes=[])
    if src.is_shapefile:
        src.parts = shapefile.check_shapefile(p)
        src.encoding, src.encoding_source, src.samples = shapefile.choose_encoding(
            src.parts, encoding, src.name, src.notes
        )
    if p.suffix.lower() == ".gpkg":
        src.layer_name = geopackage.pick_layer(p, layer)
        src.read_kwargs["layer"] = src.layer_name
    elif layer is not None and not src.is_shapefile:
        src.read_kwargs["layer"] = layer
    if not src.is_shapefile and encoding:
        src.encoding = encodings.normalise_encoding(encoding)
        if src.encoding is None:
            raise LayerError(
                p,
                Message(
                    "error.unknown_text_encoding_2",
                    "unknown text encoding '{encoding}'",
                    encoding=encoding,
                ),
            )
    return src


def _read_features(src: _Source) -> tuple[geopandas.GeoDataFrame, str]:
    """The features as GDAL reads them, text decoded, and the driver name; any GDAL
    failure becomes one LayerError line."""
    p = src.path
    with shapefile.readable_copy(p, src.parts, src.notes) as source:
        try:
            info = read_info(source, src.read_kwargs)
            driver = str(info.get("driver") or "")
            if info.get("geometry_type") is None:
                raise LayerError(
                    p,
                    Message(
                        "error.no_geometry_table_map", "no geometry (a table, not a map layer)"
                    ),
                )
            if info.get("features", -1) == 0:
                raise LayerError(p, Message("error.no_features", "no features"))
            _drop_encoding_of_utf8_format(src, driver)
            return _read_decoded(src, source), driver
        except LayerError:
            raise
        except UnicodeDecodeError as exc:
            raise LayerError(
                p,
                Message(
                    "error.text_not_valid_encoding",
                    "text is not valid {encoding}; choose the right encoding",
                    encoding=exc.encoding,
                ),
            ) from None
        except Exception as exc:  # noqa: BLE001 - any GDAL failure becomes one line
            raise LayerError(p, gdal_problem(exc)) from None


def _drop_encoding_of_utf8_format(src: _Source, driver: str) -> None:
    """An encoding override means nothing to a format whose text is always UTF-8."""
    if not src.is_shapefile and src.encoding is not None and driver in UTF8_DRIVERS:
        src.notes.append(
            Message(
                "reader.utf8_only",
                "{name}: {driver} text is always UTF-8; the encoding {encoding} was ignored",
                name=src.name,
                driver=driver,
                encoding=src.encoding,
            )
        )
        src.encoding = None


def _read_decoded(src: _Source, source: Path) -> geopandas.GeoDataFrame:
    """Read the features from ``source`` with the encoding chosen for them."""
    if src.is_shapefile and src.encoding is not None:
        return shapefile.read_text(
            source,
            src.read_kwargs,
            src.encoding,
            src.encoding_source,
            src.samples,
            src.name,
            src.notes,
        )
    if src.encoding is not None:
        # Outside shapefiles pyogrio decodes with Python's codec itself.
        frame = read_with_pyogrio(
            source, encoding=encodings.python_codec(src.encoding), **src.read_kwargs
        )
        src.encoding_source = "override"
        return frame
    return read_with_pyogrio(source, **src.read_kwargs)


def _no_crs_phrase(src: _Source) -> Message:
    """Why the file has no CRS, for the note of a guessed one."""
    if not src.is_shapefile:
        return Message("reader.no_crs_in_file", "no coordinate system in the file")
    if src.parts is not None and src.parts.prj is not None:
        return Message(
            "reader.prj_not_understood",
            "the .prj is not a coordinate system this program understands",
        )
    return Message("reader.no_prj", "no .prj")
