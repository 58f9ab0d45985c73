"""When a layer's detected text encoding is to be doubted (Qt-free).

A shapefile without ``.cpg`` and without a DBF language id gets its encoding detected
from the bytes. The detection can be wrong, and Chinese text read with a wrong encoding
comes out either with undecodable bytes (U+FFFD) or, read as a Western single-byte
code page, as mojibake without a single replacement character. The open dialog asks
about the encoding in those cases (``editor.gui.loader.ask_reasons``) and counts the
damaged texts for its note (``editor.gui.field_dialog``).
"""

from __future__ import annotations

import pandas as pd

from editor.core.towns import TownLayer

#: What a reader puts for bytes it cannot decode.
REPLACEMENT = "\ufffd"

#: Reader encodings that are Western single-byte guesses: for Chinese text, mojibake.
WESTERN_GUESSES = frozenset({"cp1252", "ISO-8859-1"})


def replaced_count(frame: pd.DataFrame) -> int:
    """How many column names and distinct text values hold U+FFFD (undecodable bytes)."""
    bad = sum(1 for c in frame.columns if isinstance(c, str) and REPLACEMENT in c)
    for column in frame.columns:
        series = frame[column]
        if series.dtype == object or str(series.dtype) in ("str", "string"):
            values = {v for v in series.tolist() if isinstance(v, str)}
            bad += sum(1 for v in values if REPLACEMENT in v)
    return bad


def encoding_doubtful(layer: TownLayer, chosen: str | None = None) -> bool:
    """Whether ``layer``'s encoding should be confirmed by the user.

    Only a detected encoding is doubted (not one from ``.cpg``, the DBF header, or
    ``chosen``, the encoding the user gave): when the reader warned about undecodable
    bytes, when the guess is a Western single-byte code page, or when any name or text
    value holds a replacement character.
    """
    report = layer.report
    if report.encoding_source != "detected" or chosen:
        return False
    if any(REPLACEMENT in str(w) for w in report.warnings):
        return True
    return report.encoding in WESTERN_GUESSES or replaced_count(layer.attributes) > 0
