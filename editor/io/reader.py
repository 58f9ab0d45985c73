"""Read a polygon layer faithfully: right text encoding, right CRS, clear errors.

County township layers arrive as shapefiles with GBK text and often without a
``.cpg`` or a code page in the DBF header, sometimes without a ``.prj``. This module
finds the encoding (override, ``.cpg``, DBF language driver id, detection), the CRS
(file, override, or a guess from the coordinates that is flagged as such), and turns
every broken input into one :class:`~editor.errors.LayerError` line that names the
file and the problem. It never writes to the source.
"""

from __future__ import annotations

import codecs
import shutil
import struct
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import geopandas
import numpy as np
import pyogrio
import pyogrio.errors
import pyproj
import shapely

from editor.core.messages import Message
from editor.errors import LayerError

__all__ = ["RawLayer", "list_layers", "read_layer_frame"]


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


# --------------------------------------------------------------------------------------
# Encodings
# --------------------------------------------------------------------------------------

# Display name -> (Python codec, GDAL/iconv name).
_ENCODINGS: dict[str, tuple[str, str]] = {
    "UTF-8": ("utf-8", "UTF-8"),
    "GBK": ("gbk", "CP936"),
    "GB18030": ("gb18030", "GB18030"),
    "Big5": ("big5", "BIG5"),
    "ISO-8859-1": ("latin-1", "ISO-8859-1"),
}

# DBF language driver id (byte 29) -> Windows/DOS code page, after GDAL's
# ogrshapelayer.cpp (GetEncodingFromLDIDNumber). 0x57 (87) is "ANSI", i.e. whatever
# the writing machine used; handled separately.
_LDID_CODEPAGE: dict[int, int] = {
    1: 437, 2: 850, 3: 1252, 4: 10000, 8: 865, 10: 850, 11: 437, 13: 437, 14: 850,
    15: 437, 16: 850, 17: 437, 18: 850, 19: 932, 20: 850, 21: 437, 22: 850, 23: 865,
    24: 437, 25: 437, 26: 850, 27: 437, 28: 863, 29: 850, 31: 852, 34: 852, 35: 852,
    36: 860, 37: 850, 38: 866, 55: 850, 64: 852, 77: 936, 78: 949, 79: 950, 80: 874,
    88: 1252, 89: 1252, 100: 852, 101: 866, 102: 865, 103: 861, 104: 895, 105: 620,
    106: 737, 107: 857, 108: 863, 120: 950, 121: 949, 122: 936, 123: 932, 124: 874,
    134: 737, 135: 852, 136: 857, 150: 10007, 151: 10029, 200: 1250, 201: 1251,
    202: 1254, 203: 1253, 204: 1257,
}  # fmt: skip
_LDID_ANSI = 0x57


def _codepage_name(codepage: int) -> str | None:
    """Display name for a Windows code page number, or None if Python lacks it."""
    if codepage == 936:
        return "GBK"
    if codepage == 950:
        return "Big5"
    if codepage == 65001:
        return "UTF-8"
    if codepage == 54936:
        return "GB18030"
    if codepage == 10000:
        name = "mac-roman"
    else:
        name = f"cp{codepage}"
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _normalise_encoding(value: str) -> str | None:
    """Map a user/.cpg encoding spelling ("936", "CP936", "gb2312", "ANSI 1252") to a
    display name whose codec Python knows; None when unknown."""
    text = value.strip().strip("\x00").strip()
    if not text:
        return None
    upper = text.upper().replace("_", "-")
    for prefix in ("ANSI ", "ANSI-", "WINDOWS-", "CP-", "CP", "MS"):
        if upper.startswith(prefix) and upper[len(prefix) :].strip().isdigit():
            upper = upper[len(prefix) :].strip()
            break
    if upper.isdigit():
        return _codepage_name(int(upper))
    aliases = {
        "UTF8": "UTF-8",
        "UTF-8": "UTF-8",
        "GBK": "GBK",
        "GB2312": "GBK",  # GBK is a superset; old files labelled GB2312 often hold GBK
        "GB-2312": "GBK",
        "GB2312-80": "GBK",
        "EUC-CN": "GBK",
        "GB18030": "GB18030",
        "BIG5": "Big5",
        "LATIN1": "ISO-8859-1",
        "LATIN-1": "ISO-8859-1",
        "ISO-8859-1": "ISO-8859-1",
        "ISO8859-1": "ISO-8859-1",
        "8859-1": "ISO-8859-1",
        "88591": "ISO-8859-1",
    }
    if upper in aliases:
        return aliases[upper]
    if upper.startswith("8859"):
        upper = "ISO-8859-" + upper[4:].lstrip("-")
    try:
        info = codecs.lookup(text if not upper.startswith("ISO-8859-") else upper)
    except LookupError:
        return None
    return _display_name_for_codec(info.name)


def _display_name_for_codec(codec_name: str) -> str:
    for display, (py, _gdal) in _ENCODINGS.items():
        if codecs.lookup(py).name == codec_name:
            return display
    return codec_name


def _python_codec(display: str) -> str:
    return _ENCODINGS.get(display, (display, display))[0]


def _gdal_codec(display: str) -> str:
    if display in _ENCODINGS:
        return _ENCODINGS[display][1]
    if display.startswith("cp") and display[2:].isdigit():
        return "CP" + display[2:]
    return display.upper()


# --------------------------------------------------------------------------------------
# DBF header and text scanning
# --------------------------------------------------------------------------------------


@dataclass
class _DbfInfo:
    n_records: int
    header_len: int
    record_len: int
    ldid: int
    # (raw name bytes, type char, offset within record, length)
    fields: list[tuple[bytes, str, int, int]]
    size: int


def _read_dbf_header(path: Path) -> _DbfInfo:
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(32)
        if len(head) < 32:
            raise LayerError(
                path,
                Message(
                    "error.dbf_attribute_table_damaged",
                    "the .dbf attribute table is damaged (too short)",
                ),
            )
        n_records, header_len, record_len = struct.unpack("<IHH", head[4:12])
        if header_len < 33 or record_len < 1:
            raise LayerError(
                path,
                Message(
                    "error.dbf_attribute_table_damaged_2",
                    "the .dbf attribute table is damaged (bad header)",
                ),
            )
        desc = f.read(header_len - 32)
    fields: list[tuple[bytes, str, int, int]] = []
    offset = 1  # byte 0 of each record is the deletion flag
    for start in range(0, len(desc) - 31, 32):
        if desc[start] == 0x0D:
            break
        block = desc[start : start + 32]
        name = block[:11].split(b"\x00", 1)[0]
        ftype = chr(block[11])
        length = block[16]
        fields.append((name, ftype, offset, length))
        offset += length
    return _DbfInfo(n_records, header_len, record_len, head[29], fields, size)


def _dbf_text_samples(path: Path, info: _DbfInfo, limit: int = 20000) -> list[bytes]:
    """Distinct non-ASCII byte strings in the field names and text fields.

    Each value is kept separate so that a multi-byte character is never judged
    across a field boundary. Reads the whole table with numpy (a few MB for a
    province) and keeps at most ``limit`` distinct values.
    """
    samples: dict[bytes, None] = {}
    for name, _t, _o, _l in info.fields:
        if any(b >= 0x80 for b in name):
            samples[name] = None
    text_fields = [(o, n) for _name, t, o, n in info.fields if t in "CcMm" and n > 0]
    n = info.n_records
    if not text_fields or n == 0:
        return list(samples)
    count = min(n, max(0, (info.size - info.header_len) // info.record_len))
    if count == 0:
        return list(samples)
    data = np.fromfile(path, dtype=np.uint8, count=info.header_len + count * info.record_len)
    records = data[info.header_len :].reshape(count, info.record_len)
    for offset, length in text_fields:
        column = records[:, offset : offset + length]
        rows = np.flatnonzero((column >= 0x80).any(axis=1))
        if rows.size == 0:
            continue
        width = column.shape[1]
        distinct = np.unique(np.ascontiguousarray(column[rows]).view(f"V{width}").ravel())
        for value in distinct:
            samples[value.tobytes().rstrip(b" \x00")] = None
            if len(samples) >= limit:
                return list(samples)
    return list(samples)


def _decode(value: bytes, codec: str) -> str:
    """Strict decoding that forgives an incomplete character at the very end.

    DBF names and text fields have fixed byte widths; writers (GDAL among them) cut
    multi-byte text at the width, leaving half a character. That is a cut, not a sign
    of the wrong encoding, so the dangling bytes are dropped.
    """
    try:
        return value.decode(codec)
    except UnicodeDecodeError:
        return codecs.getincrementaldecoder(codec)("strict").decode(value, final=False)


def _decodes(samples: list[bytes], codec: str) -> bool:
    try:
        for value in samples:
            _decode(value, codec)
    except UnicodeDecodeError:
        return False
    return True


def _decode_failures(samples: list[bytes], codec: str) -> int:
    bad = 0
    for value in samples:
        try:
            _decode(value, codec)
        except UnicodeDecodeError:
            bad += 1
    return bad


def _looks_chinese(samples: list[bytes]) -> bool:
    """True when the high bytes pair up the way GB2312/GBK Chinese text does.

    GB2312 characters have both bytes in 0xA1-0xFE; Western cp1252 text has lone high
    bytes followed by ASCII letters. A value counts as Chinese when it decodes as
    GB18030 and most of its high-byte pairs are in the GB2312 block.
    """
    good = total = 0
    for value in samples[:2000]:
        try:
            text = value.decode("gb18030")
        except UnicodeDecodeError:
            total += 1
            continue
        total += 1
        cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f")
        non_ascii = sum(1 for ch in text if ord(ch) >= 0x80)
        if non_ascii and cjk / non_ascii >= 0.8:
            good += 1
    return total > 0 and good / total >= 0.8


def _detect(samples: list[bytes]) -> str:
    """Guess the encoding of DBF text: strict UTF-8, else GBK/GB18030, else cp1252."""
    if not samples:
        return "UTF-8"  # pure ASCII: every candidate reads it the same way
    if _decodes(samples, "utf-8"):
        return "UTF-8"
    if _looks_chinese(samples):
        if _decodes(samples, "gbk"):
            return "GBK"
        return "GB18030"
    if _decodes(samples, "cp1252"):
        return "cp1252"
    return "ISO-8859-1"


# --------------------------------------------------------------------------------------
# Shapefile checks
# --------------------------------------------------------------------------------------

_SHP_TYPES = {
    0: "null shapes",
    1: "points",
    3: "lines",
    5: "polygons",
    8: "multipoints",
    11: "points",
    13: "lines",
    15: "polygons",
    18: "multipoints",
    21: "points",
    23: "lines",
    25: "polygons",
    28: "multipoints",
    31: "multipatches",
}


def _sibling(shp: Path, ext: str) -> Path | None:
    """The file beside ``shp`` with extension ``ext`` in any letter case."""
    for candidate in (shp.with_suffix(ext), shp.with_suffix(ext.upper())):
        if candidate.exists():
            return candidate
    try:
        for entry in shp.parent.iterdir():
            if entry.stem == shp.stem and entry.suffix.lower() == ext:
                return entry
    except OSError:
        pass
    return None


def _count_shp_records(shp: Path, size: int) -> int:
    """Walk the record headers of a .shp (used only when the .shx is missing)."""
    count = 0
    with shp.open("rb") as f:
        pos = 100
        while pos + 8 <= size:
            f.seek(pos + 4)
            (words,) = struct.unpack(">i", f.read(4))
            if words < 0:
                break
            pos += 8 + 2 * words
            if pos > size:
                break
            count += 1
    return count


@dataclass
class _ShapefileParts:
    shp: Path
    dbf: Path
    shx: Path | None
    cpg: Path | None
    prj: Path | None
    dbf_info: _DbfInfo


def _check_shapefile(shp: Path) -> _ShapefileParts:
    name = shp.name
    size = shp.stat().st_size
    with shp.open("rb") as f:
        head = f.read(100)
    if len(head) < 100 or struct.unpack(">i", head[:4])[0] != 9994:
        raise LayerError(
            shp,
            Message(
                "error.shapefile_shp_header_shapefile",
                "not a shapefile (the .shp header is not a shapefile header)",
            ),
        )
    declared = struct.unpack(">i", head[24:28])[0] * 2
    shape_type = struct.unpack("<i", head[32:36])[0]
    if size < declared:
        raise LayerError(
            shp,
            Message(
                "error.shp_truncated_bytes_present",
                "the .shp is truncated: {size} of {declared} bytes present (incomplete copy?)",
                size=size,
                declared=declared,
            ),
        )
    if size <= 100:
        raise LayerError(shp, Message("error.no_features", "no features"))
    kind = _SHP_TYPES.get(shape_type, f"shape type {shape_type}")
    if shape_type not in (0, 5, 15, 25):
        raise LayerError(
            shp,
            Message(
                "error.contains_polygons_town_layer",
                "contains {kind}, not polygons; a town layer needs polygons",
                kind=kind,
            ),
        )

    dbf = _sibling(shp, ".dbf")
    if dbf is None:
        raise LayerError(
            shp,
            Message(
                "error.no_dbf_attribute_table",
                "no .dbf attribute table beside it (copy {stem}.dbf too)",
                stem=shp.stem,
            ),
        )
    shx = _sibling(shp, ".shx")
    if shx is not None:
        n_shapes = max(0, (shx.stat().st_size - 100) // 8)
        if n_shapes:
            # The index's last entry must point inside the .shp, else shapes are missing.
            with shx.open("rb") as f:
                f.seek(100 + 8 * (n_shapes - 1))
                last_offset, last_words = struct.unpack(">ii", f.read(8))
            end = 2 * (last_offset + 4 + last_words)
            if end > size:
                raise LayerError(
                    shp,
                    Message(
                        "error.shp_truncated_bytes_but",
                        "the .shp is truncated: {size} bytes, but its index expects {end}",
                        size=size,
                        end=end,
                    ),
                )
    else:
        n_shapes = _count_shp_records(shp, size)
    info = _read_dbf_header(dbf)
    if info.header_len + info.n_records * info.record_len > info.size:
        have = max(0, (info.size - info.header_len) // info.record_len)
        raise LayerError(
            shp,
            Message(
                "error.truncated_declares_records_but",
                "{name} is truncated: it declares {n_records} records but holds {have}",
                name=dbf.name,
                n_records=info.n_records,
                have=have,
            ),
        )
    if info.n_records != n_shapes:
        raise LayerError(
            shp,
            Message(
                "error.has_records_but_has",
                "{name} has {n_records} records but {name2} has {n_shapes} shapes; attributes cannot be matched to shapes",
                name=dbf.name,
                n_records=info.n_records,
                name2=name,
                n_shapes=n_shapes,
            ),
        )
    if n_shapes == 0:
        raise LayerError(shp, Message("error.no_features", "no features"))
    return _ShapefileParts(shp, dbf, shx, _sibling(shp, ".cpg"), _sibling(shp, ".prj"), info)


def _choose_shapefile_encoding(
    parts: _ShapefileParts, override: str | None, name: str, notes: list[str]
) -> tuple[str, str, list[bytes]]:
    """Return (display encoding, source, non-ASCII samples)."""
    samples = _dbf_text_samples(parts.dbf, parts.dbf_info)
    if override:
        enc = _normalise_encoding(override)
        if enc is None:
            raise LayerError(
                parts.shp,
                Message(
                    "error.unknown_text_encoding",
                    "unknown text encoding '{override}'",
                    override=override,
                ),
            )
        return enc, "override", samples

    if parts.cpg is not None:
        raw = parts.cpg.read_bytes()[:64].decode("ascii", "replace")
        enc = _normalise_encoding(raw)
        if enc is None:
            notes.append(
                Message(
                    "reader.cpg_unknown",
                    "{name}: the .cpg names an unknown encoding '{encoding}'; ignored it",
                    name=name,
                    encoding=raw.strip(),
                )
            )
        elif _decodes(samples, _python_codec(enc)):
            return enc, "cpg", samples
        else:
            detected = _detect(samples)
            notes.append(
                Message(
                    "reader.cpg_wrong",
                    "{name}: the .cpg says {encoding} but the text is not valid {encoding}; "
                    "read it as {detected}",
                    name=name,
                    encoding=enc,
                    detected=detected,
                )
            )
            return detected, "detected", samples

    ldid = parts.dbf_info.ldid
    if ldid == _LDID_ANSI:
        # "ANSI" means the writing machine's code page: cp1252 in the West, GBK on a
        # Chinese Windows. Trust the bytes when they clearly say UTF-8 or Chinese.
        detected = _detect(samples)
        if samples and detected in ("UTF-8", "GBK", "GB18030"):
            notes.append(
                Message(
                    "reader.dbf_ansi",
                    "{name}: the .dbf header says ANSI (code page not stated) and the text "
                    "looks like {detected}; read it as {detected}",
                    name=name,
                    detected=detected,
                )
            )
            return detected, "detected", samples
        return ("cp1252" if _decodes(samples, "cp1252") else "ISO-8859-1"), "dbf-header", samples
    if ldid in _LDID_CODEPAGE:
        enc = _codepage_name(_LDID_CODEPAGE[ldid])
        if enc is not None:
            if _decodes(samples, _python_codec(enc)):
                return enc, "dbf-header", samples
            detected = _detect(samples)
            notes.append(
                Message(
                    "reader.dbf_codepage_wrong",
                    "{name}: the .dbf header says {encoding} but the text is not valid "
                    "{encoding}; read it as {detected}",
                    name=name,
                    encoding=enc,
                    detected=detected,
                )
            )
            return detected, "detected", samples

    return _detect(samples), "detected", samples


# --------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------

# Formats whose text is UTF-8 by definition: an encoding override makes no sense there.
_UTF8_DRIVERS = {"GPKG", "GeoJSON", "GeoJSONSeq", "FlatGeobuf", "SQLite", "TopoJSON", "GML", "KML"}

_POLYGON_TYPE_WORDS = ("polygon", "surface")
_GENERIC_TYPES = {"unknown", "geometry", "unknown (any)"}


def _is_polygon_type(geometry_type: str | None) -> bool:
    if not geometry_type:
        return False
    low = geometry_type.lower()
    return any(word in low for word in _POLYGON_TYPE_WORDS)


def _is_generic_type(geometry_type: str | None) -> bool:
    return bool(geometry_type) and geometry_type.lower() in _GENERIC_TYPES


def _gdal_problem(exc: Exception) -> Message:
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


def _resolve_path(path: str | Path) -> Path:
    p = Path(path)
    if not p.exists():
        raise LayerError(p, Message("error.file_not_found", "file not found"))
    if p.is_dir():
        raise LayerError(p, Message("error.folder_layer_file", "a folder, not a layer file"))
    if p.suffix.lower() == ".dbf":
        shp = _sibling(p, ".shp")
        if shp is not None:
            return shp
    return p


def _layer_table(path: Path) -> list[tuple[str, str | None]]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = pyogrio.list_layers(path)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise LayerError(path, _gdal_problem(exc)) from None
    except Exception as exc:  # noqa: BLE001 - any GDAL failure becomes one line
        raise LayerError(path, _gdal_problem(exc)) from None
    return [(str(row[0]), None if row[1] is None else str(row[1])) for row in table]


def list_layers(path: str | Path) -> list[str]:
    """Polygon layers of a GeoPackage (or the single layer of other formats).

    Layers with a generic geometry type are included, since they may hold polygons.
    """
    p = _resolve_path(path)
    table = _layer_table(p)
    if p.suffix.lower() != ".gpkg" and len(table) == 1:
        return [table[0][0]]
    return [name for name, gtype in table if _is_polygon_type(gtype) or _is_generic_type(gtype)]


def _pick_gpkg_layer(path: Path, layer: str | None) -> str:
    table = _layer_table(path)
    described = ", ".join(f"{n} ({t or 'no geometry'})" for n, t in table) or "none"
    if layer is not None:
        if layer not in {n for n, _ in table}:
            raise LayerError(
                path,
                Message(
                    "error.no_layer_named_layers",
                    "no layer named '{layer}'; layers: {described}",
                    layer=layer,
                    described=described,
                ),
            )
        return layer
    polygons = [n for n, t in table if _is_polygon_type(t)]
    if len(polygons) == 1:
        return polygons[0]
    if len(polygons) > 1:
        raise LayerError(
            path,
            Message(
                "error.several_polygon_layers_choose",
                "several polygon layers; choose one of: {items}",
                items=", ".join(polygons),
            ),
        )
    generic = [n for n, t in table if _is_generic_type(t)]
    if len(generic) == 1:
        return generic[0]
    raise LayerError(
        path,
        Message(
            "error.no_polygon_layer_layers",
            "no polygon layer (layers: {described})",
            described=described,
        ),
    )


def _read_with_pyogrio(path: Path, **kwargs) -> geopandas.GeoDataFrame:
    with warnings.catch_warnings():
        # GDAL chatter (e.g. "Normalized/laundered field name") is not the user's
        # business here; real problems raise.
        warnings.simplefilter("ignore", RuntimeWarning)
        return pyogrio.read_dataframe(path, **kwargs)


def _transcode_frame(
    frame: geopandas.GeoDataFrame, codec: str
) -> tuple[geopandas.GeoDataFrame, int]:
    """Re-decode a frame that was read as ISO-8859-1 (byte-for-byte) with ``codec``.

    Used when the text is not entirely valid in its encoding, e.g. a UTF-8 field name
    that GDAL cut in the middle of a character: undecodable bytes become U+FFFD
    instead of failing the whole read. Returns the frame and the number of values or
    names that needed replacing.
    """
    bad = 0

    def fix(text: str) -> str:
        nonlocal bad
        raw = text.encode("latin-1")
        try:
            return _decode(raw, codec)
        except UnicodeDecodeError:
            bad += 1
            return raw.decode(codec, "replace")

    geometry_name = frame.geometry.name
    renames = {c: fix(c) for c in frame.columns if c != geometry_name and isinstance(c, str)}
    for column in frame.columns:
        if column == geometry_name:
            continue
        series = frame[column]
        if series.dtype == object or str(series.dtype) in ("str", "string"):
            cache: dict[str, str] = {}
            values = series.to_numpy(dtype=object)
            out = np.empty(len(values), dtype=object)
            for i, v in enumerate(values):
                if isinstance(v, str):
                    if v not in cache:
                        cache[v] = fix(v)
                    out[i] = cache[v]
                else:
                    out[i] = v
            frame[column] = out
    return frame.rename(columns=renames), bad


def _guess_crs(bounds: np.ndarray, name: str, no_crs_phrase: Message) -> tuple[pyproj.CRS, Message]:
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
    p = _resolve_path(path)
    name = p.name
    notes: list[str] = []
    is_shapefile = p.suffix.lower() == ".shp"
    is_gpkg = p.suffix.lower() == ".gpkg"

    try:
        crs_override = None if crs is None else pyproj.CRS.from_user_input(crs)
    except pyproj.exceptions.CRSError:
        raise LayerError(
            p,
            Message(
                "error.unknown_coordinate_system", "unknown coordinate system '{crs}'", crs=crs
            ),
        ) from None

    parts: _ShapefileParts | None = None
    enc: str | None = None
    enc_source = "format"
    samples: list[bytes] = []
    if is_shapefile:
        parts = _check_shapefile(p)
        enc, enc_source, samples = _choose_shapefile_encoding(parts, encoding, name, notes)

    layer_name: str | None = None
    read_kwargs: dict = {}
    if is_gpkg:
        layer_name = _pick_gpkg_layer(p, layer)
        read_kwargs["layer"] = layer_name
    elif layer is not None and not is_shapefile:
        read_kwargs["layer"] = layer
    if not is_shapefile and encoding:
        enc = _normalise_encoding(encoding)
        if enc is None:
            raise LayerError(
                p,
                Message(
                    "error.unknown_text_encoding_2",
                    "unknown text encoding '{encoding}'",
                    encoding=encoding,
                ),
            )

    tmpdir: tempfile.TemporaryDirectory | None = None
    source = p
    if parts is not None and parts.shx is None:
        # GDAL needs the .shx; rebuild it in a private copy, never beside the source.
        tmpdir = tempfile.TemporaryDirectory(prefix="tbe-shx-")
        source = Path(tmpdir.name) / "layer.shp"
        shutil.copyfile(parts.shp, source)
        shutil.copyfile(parts.dbf, source.with_suffix(".dbf"))
        if parts.prj is not None:
            shutil.copyfile(parts.prj, source.with_suffix(".prj"))
        notes.append(
            Message(
                "reader.shx_rebuilt",
                "{name}: the .shx index is missing; rebuilt it in a temporary copy "
                "(the source is untouched)",
                name=name,
            )
        )

    restore_shx = tmpdir is not None
    if restore_shx:
        pyogrio.set_gdal_config_options({"SHAPE_RESTORE_SHX": True})
    try:
        info = _read_info(source, read_kwargs)
        driver = str(info.get("driver") or "")
        if info.get("geometry_type") is None:
            raise LayerError(
                p, Message("error.no_geometry_table_map", "no geometry (a table, not a map layer)")
            )
        if info.get("features", -1) == 0:
            raise LayerError(p, Message("error.no_features", "no features"))
        if not is_shapefile and enc is not None and driver in _UTF8_DRIVERS:
            notes.append(
                Message(
                    "reader.utf8_only",
                    "{name}: {driver} text is always UTF-8; the encoding {encoding} was ignored",
                    name=name,
                    driver=driver,
                    encoding=enc,
                )
            )
            enc = None

        transcoded_bad = -1
        if is_shapefile and enc is not None:
            codec = _python_codec(enc)
            if _decodes(samples, codec):
                try:
                    frame = _read_with_pyogrio(source, encoding=_gdal_codec(enc), **read_kwargs)
                except UnicodeDecodeError:
                    frame = None
            else:
                frame = None
            if frame is None:
                if enc_source == "override":
                    bad = _decode_failures(samples, codec)
                    notes.append(
                        Message(
                            "reader.values_not_valid",
                            "{name}: {n} text values are not valid {encoding}; "
                            "unreadable characters are shown as \ufffd",
                            name=name,
                            n=bad,
                            encoding=enc,
                        )
                    )
                frame = _read_with_pyogrio(source, encoding="ISO-8859-1", **read_kwargs)
                frame, transcoded_bad = _transcode_frame(frame, codec)
                if transcoded_bad and enc_source != "override":
                    notes.append(
                        Message(
                            "reader.names_or_values_not_valid",
                            "{name}: {n} field names or values are not valid {encoding}; "
                            "unreadable characters are shown as \ufffd",
                            name=name,
                            n=transcoded_bad,
                            encoding=enc,
                        )
                    )
        elif enc is not None:
            # Outside shapefiles pyogrio decodes with Python's codec itself.
            frame = _read_with_pyogrio(source, encoding=_python_codec(enc), **read_kwargs)
            enc_source = "override"
        else:
            frame = _read_with_pyogrio(source, **read_kwargs)
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
        raise LayerError(p, _gdal_problem(exc)) from None
    finally:
        if restore_shx:
            pyogrio.set_gdal_config_options({"SHAPE_RESTORE_SHX": None})
        if tmpdir is not None:
            tmpdir.cleanup()

    frame = _polygons_only(frame, p, notes)

    file_crs = frame.crs
    if crs_override is not None:
        layer_crs, assumed = crs_override, False
    elif file_crs is not None:
        layer_crs, assumed = pyproj.CRS.from_user_input(file_crs), False
        _check_crs_fits(layer_crs, frame, name, notes)
    else:
        if not is_shapefile:
            phrase = Message("reader.no_crs_in_file", "no coordinate system in the file")
        elif parts is not None and parts.prj is not None:
            phrase = Message(
                "reader.prj_not_understood",
                "the .prj is not a coordinate system this program understands",
            )
        else:
            phrase = Message("reader.no_prj", "no .prj")
        layer_crs, note = _guess_crs(frame.total_bounds, name, phrase)
        notes.append(note)
        assumed = True
    frame = frame.set_crs(layer_crs, allow_override=True)

    return RawLayer(
        frame=frame,
        path=p,
        layer=layer_name,
        driver=driver or ("ESRI Shapefile" if is_shapefile else ""),
        encoding=enc if (is_shapefile or enc is not None) else None,
        encoding_source=enc_source,
        crs=layer_crs,
        crs_assumed=assumed,
        warnings=notes,
    )


def _read_info(source: Path, read_kwargs: dict) -> dict:
    kwargs = dict(read_kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        # ISO-8859-1 is lossless and never fails; read_info would otherwise decode
        # field names before we chose how.
        if source.suffix.lower() == ".shp":
            kwargs["encoding"] = "ISO-8859-1"
        return pyogrio.read_info(source, **kwargs)


_POLYGONAL = {3, 6}  # shapely type ids: Polygon, MultiPolygon


def _polygons_only(
    frame: geopandas.GeoDataFrame, path: Path, notes: list[str]
) -> geopandas.GeoDataFrame:
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


def _check_crs_fits(crs: pyproj.CRS, frame: geopandas.GeoDataFrame, name: str, notes: list[str]):
    """Warn when a geographic CRS holds coordinates that cannot be degrees."""
    if not crs.is_geographic:
        return
    minx, miny, maxx, maxy = frame.total_bounds
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
