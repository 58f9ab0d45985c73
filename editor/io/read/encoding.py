"""Text encodings of layer attributes: names, code pages, strict decoding, detection.

County layers arrive as shapefiles with GBK text and often without a ``.cpg`` or a
code page in the DBF header. Encodings are handled by display name ("GBK", "UTF-8",
"cp1252", ...), each mapped to the Python codec and the GDAL/iconv name.
"""

from __future__ import annotations

import codecs

# Display name -> (Python codec, GDAL/iconv name).
ENCODINGS: dict[str, tuple[str, str]] = {
    "UTF-8": ("utf-8", "UTF-8"),
    "GBK": ("gbk", "CP936"),
    "GB18030": ("gb18030", "GB18030"),
    "Big5": ("big5", "BIG5"),
    "ISO-8859-1": ("latin-1", "ISO-8859-1"),
}

# DBF language driver id (byte 29) -> Windows/DOS code page, after GDAL's
# ogrshapelayer.cpp (GetEncodingFromLDIDNumber). 0x57 (87) is "ANSI", i.e. whatever
# the writing machine used; handled separately.
LDID_CODEPAGE: dict[int, int] = {
    1: 437, 2: 850, 3: 1252, 4: 10000, 8: 865, 10: 850, 11: 437, 13: 437, 14: 850,
    15: 437, 16: 850, 17: 437, 18: 850, 19: 932, 20: 850, 21: 437, 22: 850, 23: 865,
    24: 437, 25: 437, 26: 850, 27: 437, 28: 863, 29: 850, 31: 852, 34: 852, 35: 852,
    36: 860, 37: 850, 38: 866, 55: 850, 64: 852, 77: 936, 78: 949, 79: 950, 80: 874,
    88: 1252, 89: 1252, 100: 852, 101: 866, 102: 865, 103: 861, 104: 895, 105: 620,
    106: 737, 107: 857, 108: 863, 120: 950, 121: 949, 122: 936, 123: 932, 124: 874,
    134: 737, 135: 852, 136: 857, 150: 10007, 151: 10029, 200: 1250, 201: 1251,
    202: 1254, 203: 1253, 204: 1257,
}  # fmt: skip
LDID_ANSI = 0x57


def codepage_name(codepage: int) -> str | None:
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


def normalise_encoding(value: str) -> str | None:
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
        return codepage_name(int(upper))
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
    if not dbf_capable(info):
        return None
    return _display_name_for_codec(info.name)


# ASCII text every encoding a .dbf can hold writes byte for byte (field names, codes)
_ASCII_PROBE = "AZaz09 +-_./:"


def dbf_capable(info: codecs.CodecInfo) -> bool:
    """True for a text encoding that keeps ASCII as it is, as DBF text needs.

    Rules out codecs that are not text encodings (``hex``, ``rot13``, ``base64``), the
    wide ones (UTF-16, UTF-32: a NUL in every ASCII letter) and UTF-7 (``+`` is a shift).
    """
    if not getattr(info, "_is_text_encoding", True):
        return False
    try:
        return _ASCII_PROBE.encode(info.name) == _ASCII_PROBE.encode("ascii")
    except (UnicodeError, LookupError, TypeError):
        return False


def _display_name_for_codec(codec_name: str) -> str:
    for display, (py, _gdal) in ENCODINGS.items():
        if codecs.lookup(py).name == codec_name:
            return display
    return codec_name


def python_codec(display: str) -> str:
    return ENCODINGS.get(display, (display, display))[0]


def gdal_codec(display: str) -> str:
    if display in ENCODINGS:
        return ENCODINGS[display][1]
    if display.startswith("cp") and display[2:].isdigit():
        return "CP" + display[2:]
    return display.upper()


def decode(value: bytes, codec: str) -> str:
    """Strict decoding that forgives an incomplete character at the very end.

    DBF names and text fields have fixed byte widths; writers (GDAL among them) cut
    multi-byte text at the width, leaving half a character. That is a cut, not a sign
    of the wrong encoding, so the dangling bytes are dropped.
    """
    try:
        return value.decode(codec)
    except UnicodeDecodeError:
        return codecs.getincrementaldecoder(codec)("strict").decode(value, final=False)


def decodes(samples: list[bytes], codec: str) -> bool:
    try:
        for value in samples:
            decode(value, codec)
    except UnicodeDecodeError:
        return False
    return True


def decode_failures(samples: list[bytes], codec: str) -> int:
    bad = 0
    for value in samples:
        try:
            decode(value, codec)
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


def detect(samples: list[bytes]) -> str:
    """Guess the encoding of DBF text: strict UTF-8, else GBK/GB18030, else cp1252."""
    if not samples:
        return "UTF-8"  # pure ASCII: every candidate reads it the same way
    if decodes(samples, "utf-8"):
        return "UTF-8"
    if _looks_chinese(samples):
        if decodes(samples, "gbk"):
            return "GBK"
        return "GB18030"
    if decodes(samples, "cp1252"):
        return "cp1252"
    return "ISO-8859-1"
