"""Cell values as statistics tables write them, read as numbers and yes/no marks.

The parsers read what such tables contain ("12,345", "2.3万", "是", "√") and never turn
a blank into 0. Layers are read in io (``editor.io.fields`` guesses which column holds
what); the rule set reads the columns it names with these (``editor.core.ruleset``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd

_BLANKS = {
    "",
    "-",
    "--",
    "---",
    "—",
    "——",
    "–",
    "―",
    "─",
    "_",
    "/",
    "\\",
    "?",
    ".",
    "...",
    "…",
    "na",
    "n/a",
    "n.a.",
    "nan",
    "null",
    "none",
    "nil",
    "无",
    "空",
    "暂无",
    "不详",
    "未知",
}
_MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3, "百万": 1e6, "千万": 1e7}
_NUMBER_RE = re.compile(
    r"^(?P<sign>[+-]?)(?P<num>\d+(?:\.\d*)?|\.\d+)(?:e(?P<exp>[+-]?\d+))?"
    r"(?P<mult>百万|千万|万|亿|千)?(?P<unit>.*)$"
)
_POPULATION_UNITS = {"", "人", "口", "人口", "人次"}
_NUMBER_UNITS = {"", "km2", "km²", "平方公里", "平方千米", "平方km", "人", "口", "人口"}
_GROUPED_RE = re.compile(r"^[+-]?\d{1,4}(?:,\d{3})+(?:\.\d+)?|^[+-]?\d{1,4}(?:,\d{4})+(?:\.\d+)?")


def _clean_text(value: str) -> str:
    # NFKC turns full-width digits, commas and dots into ASCII ("１２，３４５" -> "12,345").
    text = unicodedata.normalize("NFKC", value).strip().lower()
    return re.sub(r"\s+", "", text)


def _parse_text_number(value: str, units: set[str], allow_negative: bool) -> float:
    text = _clean_text(value)
    if text in _BLANKS:
        return math.nan
    text = text.removeprefix("约").removeprefix("~")
    if "," in text:
        head = re.match(r"^[+-]?[\d,]+(?:\.\d+)?", text)
        if head is None or not _GROUPED_RE.fullmatch(head.group(0)):
            return math.nan  # "12,5" could be a decimal comma; do not guess
        text = text.replace(",", "")
    match = _NUMBER_RE.match(text)
    if match is None or match.group("unit") not in units:
        return math.nan
    number = float(match.group("num"))
    if match.group("exp"):
        number *= 10.0 ** int(match.group("exp"))
    if match.group("mult"):
        number *= _MULTIPLIERS[match.group("mult")]
    if match.group("sign") == "-":
        number = -number
    if number < 0 and not allow_negative:
        return math.nan
    return number


def _as_array(values) -> np.ndarray:
    if isinstance(values, pd.Series | pd.Index):
        if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(
            values.dtype
        ):
            return values.to_numpy(dtype=np.float64, na_value=np.nan)
        return values.to_numpy(dtype=object)
    if isinstance(values, np.ndarray):
        return values
    if isinstance(values, str) or not isinstance(values, Iterable):
        return np.asarray([values], dtype=object)
    return np.asarray(list(values), dtype=object)


def _parse_numbers(values, units: set[str], allow_negative: bool) -> np.ndarray:
    arr = _as_array(values)
    if arr.dtype.kind in "iuf":
        out = arr.astype(np.float64, copy=True)
    else:
        out = np.full(len(arr), np.nan)
        cache: dict[str, float] = {}
        for i, v in enumerate(arr):
            if v is None or isinstance(v, bool | np.bool_):
                continue  # a yes/no is not a count
            if isinstance(v, int | float | np.integer | np.floating):
                out[i] = float(v)
            elif isinstance(v, str):
                if v not in cache:
                    cache[v] = _parse_text_number(v, units, allow_negative)
                out[i] = cache[v]
            elif isinstance(v, bytes):
                out[i] = _parse_text_number(v.decode("utf-8", "replace"), units, allow_negative)
    out[~np.isfinite(out)] = np.nan
    if not allow_negative:
        out[out < 0] = np.nan  # -1 / -9999 are "unknown" sentinels, not populations
    return out


def parse_population(values) -> np.ndarray:
    """Population counts as float64; NaN where missing or unreadable (never 0).

    Accepts numbers and the strings statistics tables contain: ``"12,345"``,
    ``"12，345"``, ``" 2.3万 "`` (23000), ``"1.2亿"``, ``"23000人"``. Blanks, ``"-"``,
    ``"—"``, ``"NA"`` and negative numbers (sentinels such as -9999) give NaN.
    """
    return _parse_numbers(values, _POPULATION_UNITS, allow_negative=False)


def parse_number(values) -> np.ndarray:
    """Numbers as float64 (area fields, carried numeric fields); NaN where unreadable.

    Same text rules as :func:`parse_population`, plus km² unit suffixes; negative
    numbers are kept.
    """
    return _parse_numbers(values, _NUMBER_UNITS, allow_negative=True)


_FLAG_TRUE = {
    "1",
    "true",
    "t",
    "yes",
    "y",
    "是",
    "√",
    "✓",
    "✔",
    "☑",
    "●",
    "有",
    "对",
}
_FLAG_FALSE = {
    "0",
    "false",
    "f",
    "no",
    "n",
    "否",
    "×",
    "✗",
    "✘",
    "☐",
    "○",
    "不是",
    "非",
    "无",
    "没有",
}
_FLAG_NEGATIONS = ("非", "不", "否", "无", "没", "not", "no_", "no-")
_FLAG_KEYWORDS = (
    "沿边",
    "边境",
    "历史文化",
    "名镇",
    "名乡",
    "中心镇",
    "区域中心",
    "中心",
    "驻地",
    "县城",
    "县政府",
    "是",
    "border",
    "historic",
    "seat",
    "centre",
    "center",
)


def _flag_token(value) -> bool | None:
    """True/False for a recognised flag value, None for a blank, ``...`` for other text."""
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | float | np.integer | np.floating):
        if isinstance(value, float | np.floating) and math.isnan(value):
            return None
        return value != 0
    text = _clean_text(str(value))
    if text in _BLANKS:
        return None
    if text in _FLAG_TRUE:
        return True
    if text in _FLAG_FALSE:
        return False
    try:
        return float(text) != 0
    except ValueError:
        pass
    if text.startswith(_FLAG_NEGATIONS):
        return False
    if any(word in text for word in _FLAG_KEYWORDS):
        return True
    return Ellipsis  # type: ignore[return-value]


def parse_flag(values) -> np.ndarray:
    """Yes/no marks as bool: 1/0, True/False, 是/否, Y/N, yes/no, √, "沿边" ...

    Blanks, "否", "非沿边" and unrecognised text give False.
    """
    arr = _as_array(values)
    if arr.dtype.kind == "b":
        return arr.astype(bool, copy=True)
    if arr.dtype.kind in "iuf":
        with np.errstate(invalid="ignore"):
            return np.nan_to_num(arr.astype(np.float64), nan=0.0) != 0
    cache: dict[object, bool] = {}
    out = np.zeros(len(arr), dtype=bool)
    for i, v in enumerate(arr):
        key = v if isinstance(v, str) else None
        if key is not None and key in cache:
            out[i] = cache[key]
            continue
        token = _flag_token(v)
        result = token is True
        if key is not None:
            cache[key] = result
        out[i] = result
    return out
