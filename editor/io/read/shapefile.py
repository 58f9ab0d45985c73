"""Shapefiles: the parts checked before GDAL sees them, the text encoding chosen, the
text read (and re-decoded where it is not valid in its encoding).

A shapefile is several files (``.shp``, ``.shx``, ``.dbf``, ``.cpg``, ``.prj``). Missing
or truncated parts give one clear error here instead of GDAL's; a missing ``.shx`` is
rebuilt in a private temporary copy (the source is never written). The encoding comes
from the user's override, the ``.cpg``, the DBF language driver id, or detection, in
that order, and a source that contradicts the bytes is overruled with a note.
"""

from __future__ import annotations

import csv
import shutil
import struct
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import geopandas
import numpy as np
import pyogrio

from editor.core.messages import Message
from editor.errors import LayerError

# detection is called through the module (``encodings.detect``) so it can be replaced
from editor.io.read import encoding as encodings
from editor.io.read.dbf import DbfInfo, dbf_text_samples, read_dbf_header
from editor.io.read.files import sibling
from editor.io.read.gdal import read_with_pyogrio

SHP_TYPES = {
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

# -- the parts ----------------------------------------------------------------------------


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
class ShapefileParts:
    shp: Path
    dbf: Path
    shx: Path | None
    cpg: Path | None
    prj: Path | None
    dbf_info: DbfInfo


def check_shapefile(shp: Path) -> ShapefileParts:
    """The parts of a shapefile of polygons, each checked; a LayerError says what is wrong."""
    size = _check_shp_header(shp)
    dbf = sibling(shp, ".dbf")
    if dbf is None:
        raise LayerError(
            shp,
            Message(
                "error.no_dbf_attribute_table",
                "no .dbf attribute table beside it (copy {stem}.dbf too)",
                stem=shp.stem,
            ),
        )
    shx = sibling(shp, ".shx")
    if shx is not None:
        n_shapes = _count_indexed_shapes(shp, shx, size)
    else:
        n_shapes = _count_shp_records(shp, size)
    info = read_dbf_header(dbf)
    _check_dbf_matches(shp, dbf, info, n_shapes)
    return ShapefileParts(shp, dbf, shx, sibling(shp, ".cpg"), sibling(shp, ".prj"), info)


def _check_shp_header(shp: Path) -> int:
    """The .shp's size, once its header says it is a complete shapefile of polygons."""
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
    kind = SHP_TYPES.get(shape_type, f"shape type {shape_type}")
    if shape_type not in (0, 5, 15, 25):
        raise LayerError(
            shp,
            Message(
                "error.contains_polygons_town_layer",
                "contains {kind}, not polygons; a town layer needs polygons",
                kind=kind,
            ),
        )
    return size


def _count_indexed_shapes(shp: Path, shx: Path, size: int) -> int:
    """The number of shapes the .shx lists, once its last entry is checked to point
    inside the .shp (else shapes are missing)."""
    n_shapes = max(0, (shx.stat().st_size - 100) // 8)
    if n_shapes:
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
    return n_shapes


def _check_dbf_matches(shp: Path, dbf: Path, info: DbfInfo, n_shapes: int) -> None:
    """The .dbf is complete and has one record per shape (and there are shapes)."""
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
                name2=shp.name,
                n_shapes=n_shapes,
            ),
        )
    if n_shapes == 0:
        raise LayerError(shp, Message("error.no_features", "no features"))


# -- the encoding -------------------------------------------------------------------------


def choose_encoding(
    parts: ShapefileParts, override: str | None, name: str, notes: list[str]
) -> tuple[str, str, list[bytes]]:
    """Return (display encoding, source, non-ASCII samples).

    The source is "override", "cpg", "dbf-header" or "detected".
    """
    samples = dbf_text_samples(parts.dbf, parts.dbf_info)
    if override:
        enc = encodings.normalise_encoding(override)
        if enc is None:
            raise LayerError(
                parts.shp,
                Message(
                    "error.unknown_text_encoding",
                    "unknown text encoding '{override}'",
                    override=override,
                ),
            )
        _check_names_decode(parts, enc)
        return enc, "override", samples
    chosen = _encoding_from_cpg(parts, samples, name, notes)
    if chosen is None:
        chosen = _encoding_from_dbf_header(parts, samples, name, notes)
    if chosen is None:
        chosen = encodings.detect(samples), "detected"
    return *chosen, samples


def _check_names_decode(parts: ShapefileParts, enc: str) -> None:
    """The field names must read in an encoding the user chose: unreadable names would
    lose every column's meaning (ids, names, population), not just a few letters."""
    codec = encodings.python_codec(enc)
    bad = [name for name, *_ in parts.dbf_info.fields if not encodings.decodes([name], codec)]
    if bad:
        raise LayerError(
            parts.shp,
            Message(
                "error.field_names_not_valid",
                "{n} field name(s) of {name} are not valid {encoding}; choose the right encoding",
                n=len(bad),
                name=parts.dbf.name,
                encoding=enc,
            ),
        )


def _encoding_from_cpg(
    parts: ShapefileParts, samples: list[bytes], name: str, notes: list[str]
) -> tuple[str, str] | None:
    """(encoding, source) from the .cpg, or detected where the text contradicts it;
    None when there is no .cpg or it names an unknown encoding."""
    if parts.cpg is None:
        return None
    raw = parts.cpg.read_bytes()[:64].decode("ascii", "replace")
    enc = encodings.normalise_encoding(raw)
    if enc is None:
        notes.append(
            Message(
                "reader.cpg_unknown",
                "{name}: the .cpg names an unknown encoding '{encoding}'; ignored it",
                name=name,
                # control bytes (a .cpg of NULs) shown escaped, never printed raw
                encoding=raw.strip().encode("unicode_escape").decode("ascii"),
            )
        )
        return None
    if encodings.decodes(samples, encodings.python_codec(enc)):
        return enc, "cpg"
    detected = encodings.detect(samples)
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
    return detected, "detected"


def _encoding_from_dbf_header(
    parts: ShapefileParts, samples: list[bytes], name: str, notes: list[str]
) -> tuple[str, str] | None:
    """(encoding, source) from the DBF language driver id, or detected where the text
    contradicts it; None when the id names no code page."""
    ldid = parts.dbf_info.ldid
    if ldid == encodings.LDID_ANSI:
        # "ANSI" means the writing machine's code page: cp1252 in the West, GBK on a
        # Chinese Windows. Trust the bytes when they clearly say UTF-8 or Chinese.
        detected = encodings.detect(samples)
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
            return detected, "detected"
        return ("cp1252" if encodings.decodes(samples, "cp1252") else "ISO-8859-1"), "dbf-header"
    if ldid not in encodings.LDID_CODEPAGE:
        return None
    enc = encodings.codepage_name(encodings.LDID_CODEPAGE[ldid])
    if enc is None:
        return None
    if encodings.decodes(samples, encodings.python_codec(enc)):
        return enc, "dbf-header"
    detected = encodings.detect(samples)
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
    return detected, "detected"


# -- reading ------------------------------------------------------------------------------


@contextmanager
def readable_copy(path: Path, parts: ShapefileParts | None, notes: list[str]) -> Iterator[Path]:
    """The path GDAL should read: ``path`` itself, or for a shapefile without its .shx
    a private temporary copy that GDAL may rebuild the index in (never beside the source)."""
    if parts is None or parts.shx is not None:
        yield path
        return
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
            name=path.name,
        )
    )
    pyogrio.set_gdal_config_options({"SHAPE_RESTORE_SHX": True})
    try:
        yield source
    finally:
        pyogrio.set_gdal_config_options({"SHAPE_RESTORE_SHX": None})
        tmpdir.cleanup()


def read_text(
    source: Path,
    read_kwargs: dict,
    enc: str,
    enc_source: str,
    samples: list[bytes],
    name: str,
    notes: list[str],
) -> geopandas.GeoDataFrame:
    """Read a shapefile's features with its text in ``enc``.

    GDAL decodes when every sampled value is valid; otherwise the table is read byte
    for byte and re-decoded here, unreadable characters shown as U+FFFD, with a note.
    """
    codec = encodings.python_codec(enc)
    frame = None
    if encodings.decodes(samples, codec):
        try:
            frame = read_with_pyogrio(source, encoding=encodings.gdal_codec(enc), **read_kwargs)
        except UnicodeDecodeError:
            frame = None
    if frame is not None:
        return frame
    if enc_source == "override":
        bad = encodings.decode_failures(samples, codec)
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
    frame = read_with_pyogrio(source, encoding="ISO-8859-1", **read_kwargs)
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
    return frame


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
            return encodings.decode(raw, codec)
        except UnicodeDecodeError:
            bad += 1
            return raw.decode(codec, "replace")

    geometry_name = frame.geometry.name
    renames = _distinct_names(
        {c: fix(c) for c in frame.columns if c != geometry_name and isinstance(c, str)},
        geometry_name,
    )
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


def _distinct_names(renames: dict[str, str], geometry_name: str) -> dict[str, str]:
    """The renames with every new name distinct: field names whose bytes are not valid
    in the encoding all read as the same run of U+FFFD (``--encoding ascii`` on GBK
    names), and a frame with two columns of one name cannot be used; later ones get
    ``_2``, ``_3``... ."""
    taken: set[str] = {geometry_name}
    out: dict[str, str] = {}
    for old, new in renames.items():
        name, k = new, 1
        while name in taken:
            k += 1
            name = f"{new}_{k}"
        taken.add(name)
        out[old] = name
    return out


def restore_field_names(frame, shp: Path, notes: list[str]):
    """Full field names from the ``OUT.fieldmap.csv`` this editor's export writes beside
    a shapefile (DBF field names hold 10 bytes: ``fld_1`` -> ``人口密度_平方公里``).

    Only short names the frame has are renamed, and only to names it does not have;
    a field map that does not read is ignored (it is a help, not the data).
    """
    path = shp.with_name(shp.stem + ".fieldmap.csv")
    if not path.is_file():
        return frame
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))[1:]
    except (OSError, UnicodeDecodeError, csv.Error):
        return frame
    renames = {}
    for row in rows:
        if len(row) < 2:
            continue
        short, full = row[0].strip(), row[1].strip()
        if short != full and short in frame.columns and full and full not in frame.columns:
            renames[short] = full
    if not renames:
        return frame
    notes.append(
        Message(
            "reader.field_map",
            "{name}: field names restored from {map}: {renames}",
            name=shp.name,
            map=path.name,
            renames=", ".join(f"{a} -> {b}" for a, b in renames.items()),
        )
    )
    return frame.rename(columns=renames)
