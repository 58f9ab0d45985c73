"""The DBF attribute table read directly: its header and the raw bytes of its text.

GDAL decodes DBF text with one encoding; choosing that encoding needs the bytes
before any decoding (:mod:`editor.io.read.encoding` judges them).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from editor.core.messages import Message
from editor.errors import LayerError


@dataclass
class DbfInfo:
    n_records: int
    header_len: int
    record_len: int
    ldid: int
    # (raw name bytes, type char, offset within record, length)
    fields: list[tuple[bytes, str, int, int]]
    size: int


def read_dbf_header(path: Path) -> DbfInfo:
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
    if not fields or offset != record_len:
        # GDAL would read such a table with its attributes silently dropped or shifted
        raise LayerError(
            path,
            Message(
                "error.dbf_fields_do_not_fit",
                "the .dbf header is damaged: its {n} field(s) take {used} bytes but each "
                "record has {record_len}; the attributes cannot be read",
                n=len(fields),
                used=offset,
                record_len=record_len,
            ),
        )
    return DbfInfo(n_records, header_len, record_len, head[29], fields, size)


def dbf_text_samples(path: Path, info: DbfInfo, limit: int = 20000) -> list[bytes]:
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
