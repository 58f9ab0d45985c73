"""Guess which columns hold the town id, name, population, area and flags; parse them.

Column names come in English and Chinese and in many spellings (``XZQDM``, ``乡镇名称``,
``户籍人口(人)``, ``TOTAL_POP``). Detection tries exact names first, then parts of
names, and checks the values (an id column is mostly unique, a population column
parses as numbers, a flag column holds yes/no marks, an area column is in km²). What
it cannot decide goes into :attr:`MappingGuess.unsure` for the GUI to ask about.

The parsers read what statistics tables contain ("12,345", "2.3万", "是", "√") and
never turn a blank into 0.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from editor.core.fields import FieldMapping
from editor.core.messages import Message
from editor.core.values import (  # noqa: F401 - parse_* are this module's public API too
    _flag_token,
    parse_flag,
    parse_number,
    parse_population,
)
from editor.errors import LayerError

__all__ = ["MappingGuess", "detect_mapping", "parse_flag", "parse_number", "parse_population"]


@dataclass
class MappingGuess:
    """Detected mapping, the roles to ask the user about, and lines explaining both."""

    mapping: FieldMapping
    unsure: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Message items (str)


# --------------------------------------------------------------------------------------
# Parsing values: editor.core.values (the rule set reads columns with them too)
# --------------------------------------------------------------------------------------


def _flag_recognised_share(values: pd.Series) -> float:
    """Share of non-blank values that are recognisable flag marks."""
    sample = values.iloc[:5000]
    tokens = [_flag_token(v) for v in sample.tolist()]
    marked = [t for t in tokens if t is not None]
    if not marked:
        return 0.0
    return sum(1 for t in marked if t is True or t is False) / len(marked)


# --------------------------------------------------------------------------------------
# Column names
# --------------------------------------------------------------------------------------


def _norm(name: str) -> str:
    text = unicodedata.normalize("NFKC", str(name)).strip().casefold()
    return re.sub(r"\s+", "", text)


def _strip_unit(norm: str) -> str:
    """``户籍人口(人)`` -> ``户籍人口``; ``面积_km2`` keeps its unit (units matter there)."""
    return re.sub(r"\([^)]*\)$", "", norm) or norm


def _tokens(norm: str) -> set[str]:
    return {t for t in re.split(r"[^a-z]+", norm) if t}


_NEVER_ROLES = {"geom", "geometry", "the_geom", "wkt", "wkb", "shape", "geom_wkt", "shape_wkt"}

_TOWN_EXACT: dict[str, list[str]] = {
    "id": [
        "行政区划代码", "乡镇代码", "区划代码", "xzqdm", "xzqhdm", "xzqh_dm", "qhdm", "code",
        "adcode", "geoid", "geoid10", "geoid20", "cousubfp", "cousubfp10", "fips", "id",
        "town_id", "townid", "town_code", "代码", "编码", "乡镇编码", "行政代码", "统计用区划代码",
        "gbcode", "gb", "dm",
    ],
    "name": [
        "乡镇名称", "乡镇街道名称", "乡镇(街道)", "乡镇(街道)名称", "乡镇街道", "乡镇名", "乡镇",
        "名称", "xzqmc", "xzqhmc", "qhmc", "name", "namelsad", "town", "town_name", "townname",
        "township", "乡", "镇", "街道", "乡镇街道名", "name_zh", "name_cn", "name_chn", "中文名称",
        "地名", "mc",
    ],
    "population": [
        "户籍人口", "户籍人口数", "总人口", "总人口数", "常住人口", "常住人口数", "人口", "人口数",
        "人口数量", "人口总数", "population", "pop", "total_pop", "totalpop", "pop_total",
        "pop2020", "pop2010", "pop2000", "ewz", "hjrk", "czrk", "zrk", "rk",
    ],
    "area": [
        "面积_km2", "面积km2", "面积(km2)", "面积(km²)", "面积(平方公里)", "面积(平方千米)",
        "面积_平方公里", "area_km2", "areakm2", "area_sqkm", "sqkm", "km2", "面积", "mj",
        "行政区域面积", "土地面积", "area",
    ],
    "border": ["沿边", "边境", "沿边乡镇", "边境乡镇", "是否沿边", "是否边境", "border",
               "is_border", "yb", "sfyb"],
    "historic": ["历史文化名镇", "历史文化", "历史文化名镇(乡)", "是否历史文化名镇", "名镇",
                 "historic", "is_historic", "lswhmz"],
    "county_seat": ["县城驻地", "县政府驻地", "县政府驻地镇", "是否县城驻地", "是否县政府驻地",
                    "驻地", "县城", "seat", "county_seat", "is_seat"],
    "centre": ["中心镇", "区域中心", "区域中心镇", "是否中心镇", "centre", "center", "is_centre",
               "is_center"],
    "parent": ["所属乡镇", "所属乡镇代码", "parent", "parent_id", "parent_code"],
}  # fmt: skip

_VILLAGE_EXACT: dict[str, list[str]] = {
    "id": [
        "村代码", "村级代码", "行政村代码", "村编码", "村居代码", "cdm", "行政区划代码", "区划代码",
        "xzqdm", "code", "adcode", "代码", "编码", "id",
    ],
    "name": [
        "村名称", "村名", "行政村", "行政村名称", "村居", "村居名称", "村(社区)", "村(社区)名称",
        "村社区", "村委会", "村", "社区", "xzcmc", "cmc", "village", "village_name", "名称",
        "name", "xzqmc",
    ],
    "parent": [
        "所属乡镇", "所属乡镇代码", "乡镇代码", "乡镇编码", "乡镇名称", "乡镇", "乡镇街道", "乡",
        "镇", "街道", "所属街道", "parent", "parent_id", "parent_code", "town", "town_code",
        "xzdm", "xzmc",
    ],
}  # fmt: skip

# Parts of names: Chinese words match anywhere, ASCII words must be whole tokens.
_SUBSTRINGS: dict[str, list[str]] = {
    "id": ["代码", "编码", "编号", "code", "id", "fips", "geoid", "dm"],
    "name": ["名称", "名", "name", "mc"],
    "population": ["人口", "pop", "population", "rk"],
    "area": ["面积", "area", "km2", "sqkm"],
    "border": ["沿边", "边境", "border"],
    "historic": ["历史文化", "名镇", "historic", "heritage"],
    "county_seat": ["县城", "县政府", "驻地", "seat", "capital"],
    "centre": ["中心镇", "区域中心", "centre", "center"],
    "parent": ["所属", "上级", "parent"],
}
_EXCLUDE: dict[str, list[str]] = {
    "id": ["objectid", "fid", "oid", "gml_id", "ogc_fid", "shape"],
    "name": ["县", "市", "省", "曾用", "原", "county", "state", "city", "prov", "country", "old"],
    "population": ["密度", "density", "率", "rate", "比", "pct", "percent", "增", "change", "户数"],
    "area": ["shape_area", "shape_leng", "周长", "length", "water", "awater", "水"],
    "border": ["长度", "length", "len"],
    "historic": [],
    "county_seat": [],
    "centre": ["x", "y", "lon", "lat", "经度", "纬度"],
    "parent": [],
}
_VILLAGE_MARKERS = ("村", "社区", "village")
_FLAG_ROLES = ("border", "historic", "county_seat", "centre")
_ASK_WHEN_MISSING = ("id", "name", "population")


def _matches_word(norm: str, word: str) -> bool:
    if word.isascii():
        return word in _tokens(norm) or norm.startswith(word + "_") or norm == word
    return word in norm


def _excluded(role: str, norm: str) -> bool:
    for word in _EXCLUDE[role]:
        if word.isascii():
            if word in _tokens(norm) or norm == word or (len(word) > 3 and word in norm):
                return True
        elif word in norm:
            return True
    return False


# --------------------------------------------------------------------------------------
# Value checks
# --------------------------------------------------------------------------------------


def _non_blank(values: pd.Series) -> pd.Series:
    s = values.dropna()
    if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
        s = s[s.astype(str).str.strip() != ""]
    return s


def _is_texty(values: pd.Series) -> bool:
    return values.dtype == object or pd.api.types.is_string_dtype(values.dtype)


def _check_id(values: pd.Series, strict: bool) -> bool:
    s = _non_blank(values)
    if len(values) == 0 or len(s) < 0.8 * len(values):
        return False
    if pd.api.types.is_float_dtype(s.dtype) and not np.all(np.mod(s.to_numpy(), 1) == 0):
        return False
    return s.nunique() >= (0.9 if strict else 0.5) * len(s)


def _check_name(values: pd.Series, strict: bool) -> bool:
    if not _is_texty(values):
        return False
    s = _non_blank(values)
    if len(values) == 0 or len(s) < 0.5 * len(values):
        return False
    numeric = np.isfinite(parse_number(s.iloc[:2000])).mean()
    if numeric > 0.5:
        return False
    if len(s) > 1 and s.nunique() < (0.5 if strict else 0.3) * len(s):
        return False
    return True


def _check_population(values: pd.Series, strict: bool) -> bool:
    if pd.api.types.is_bool_dtype(values.dtype):
        return False
    parsed = parse_population(values.iloc[:5000])
    finite = np.isfinite(parsed)
    if finite.mean() < (0.7 if strict else 0.5):
        return False
    return bool(np.nanmax(parsed) > 0) if finite.any() else False


def _check_number(values: pd.Series, strict: bool) -> bool:
    parsed = parse_number(values.iloc[:5000])
    return np.isfinite(parsed).mean() >= (0.7 if strict else 0.5)


def _check_flag(values: pd.Series, strict: bool) -> bool:
    return _flag_recognised_share(values) >= (0.95 if strict else 0.9)


def _check_parent(values: pd.Series, strict: bool) -> bool:
    s = _non_blank(values)
    return len(values) > 0 and len(s) >= 0.8 * len(values)


_CHECKS: dict[str, Callable[[pd.Series, bool], bool]] = {
    "id": _check_id,
    "name": _check_name,
    "population": _check_population,
    "area": _check_number,
    "border": _check_flag,
    "historic": _check_flag,
    "county_seat": _check_flag,
    "centre": _check_flag,
    "parent": _check_parent,
}

# Area units recognisable from a column name.
_AREA_UNIT_WORDS = [
    ("km2", ("km2", "km²", "平方公里", "平方千米", "sqkm", "sq_km", "km^2")),
    ("亩", ("亩", "mu")),
    ("hectares", ("公顷", "hectare", "_ha")),
    ("m²", ("平方米", "m2", "sqm", "m²")),
]


def _area_unit_from_name(norm: str) -> str | None:
    for unit, words in _AREA_UNIT_WORDS:
        for word in words:
            if word == "mu":
                if "mu" in _tokens(norm):
                    return unit
            elif word in norm:
                return unit
    return None


def _area_ratio(frame: pd.DataFrame, column: str) -> float | None:
    """Median of (field value / ellipsoidal polygon area in km²) over a sample, or None."""
    try:
        import geopandas
        import pyproj
    except ImportError:  # pragma: no cover - geopandas is a dependency
        return None
    if not isinstance(frame, geopandas.GeoDataFrame) or frame.crs is None:
        return None
    try:
        geometry = frame.geometry
    except AttributeError:
        return None
    values = parse_number(frame[column])
    ok = np.flatnonzero(np.isfinite(values) & (values > 0) & ~geometry.isna().to_numpy())
    if ok.size == 0:
        return None
    pick = ok[:: max(1, ok.size // 200)][:200]
    crs = pyproj.CRS.from_user_input(frame.crs)
    lonlat = geometry.iloc[pick].to_crs(crs.geodetic_crs)
    geod = crs.get_geod() or pyproj.Geod(ellps="WGS84")
    areas = np.array([abs(geod.geometry_area_perimeter(g)[0]) / 1e6 for g in lonlat])
    good = areas > 0
    if not good.any():
        return None
    return float(np.median(values[pick][good] / areas[good]))


# Area units named in notes (a word the GUI translates: see editor.core.messages).
_UNIT_WORDS = {
    "m²": Message("fields.unit.m2", "m²"),
    "亩": Message("fields.unit.mu", "亩"),
    "hectares": Message("fields.unit.hectares", "hectares"),
}


def _area_verdict(frame: pd.DataFrame, column: str) -> tuple[bool, Message]:
    """Whether an area column is in km², with a line saying why."""
    norm = _norm(column)
    unit = _area_unit_from_name(norm)
    if unit == "km2":
        return True, Message(
            "fields.area_km2_by_name", "area field: {column} (km² by its name)", column=column
        )
    if unit is not None:
        return False, Message(
            "fields.area_other_unit",
            "area field {column} is in {unit}, not km²; not used",
            column=column,
            unit=_UNIT_WORDS.get(unit, unit),
        )
    ratio = _area_ratio(frame, column)
    if ratio is None:
        return False, Message(
            "fields.area_no_unit",
            "area field {column} has no unit in its name; not used as km²",
            column=column,
        )
    if 0.8 <= ratio <= 1.25:
        return True, Message(
            "fields.area_matches",
            "area field: {column} (its values match the polygons' areas in km²)",
            column=column,
        )
    for unit_name, factor in (("m²", 1e6), ("亩", 1500.0), ("hectares", 100.0)):
        if 0.8 * factor <= ratio <= 1.25 * factor:
            return False, Message(
                "fields.area_looks_like",
                "area field {column} looks like {unit}, not km²; not used",
                column=column,
                unit=_UNIT_WORDS[unit_name],
            )
    return False, Message(
        "fields.area_mismatch",
        "area field {column} does not match the polygons' areas; not used",
        column=column,
    )


def _also_found(line: Message, alternatives: list[str]) -> Message:
    """``line`` followed by the other candidate columns, when there are any."""
    if not alternatives:
        return line
    return Message(
        "fields.also_found",
        "{note} (also found: {columns})",
        note=line,
        columns=", ".join(alternatives),
    )


# --------------------------------------------------------------------------------------
# Detection
# --------------------------------------------------------------------------------------


def _is_village_layer(frame: pd.DataFrame, columns: list[str]) -> bool:
    for column in columns:
        norm = _norm(column)
        if "人口" in norm or "农村" in norm:
            continue
        if any(marker in norm for marker in _VILLAGE_MARKERS) and _is_texty(frame[column]):
            return True
    return False


def _same_grouping(a: pd.Series, b: pd.Series) -> bool:
    """Whether two columns split the rows into the same groups (values one to one)."""
    codes_a, _ = pd.factorize(a.astype(str).str.strip())
    codes_b, _ = pd.factorize(b.astype(str).str.strip())
    pairs = len(set(zip(codes_a.tolist(), codes_b.tolist(), strict=True)))
    return pairs == codes_a.max(initial=-1) + 1 == codes_b.max(initial=-1) + 1


def detect_mapping(
    frame: pd.DataFrame, overrides: dict[str, str | None] | None = None
) -> MappingGuess:
    """Guess which column plays which role.

    The steps: the columns that can hold a role (:func:`_role_columns`), the user's
    choices (:func:`_apply_overrides`), a known schema's names (:func:`_apply_schema`:
    this editor's own export, Japanese N03, German VG250, US Census), then each role
    left by names and values (:func:`_detect_role`).

    Parameters
    ----------
    frame
        The layer's attributes (a GeoDataFrame lets the area field's unit be checked
        against the polygons).
    overrides
        ``{role: column}`` chosen by the user; they win. An empty string clears a role;
        ``None`` leaves the role to detection (as in :meth:`FieldMapping.with_overrides`).

    Raises
    ------
    LayerError
        When an override names a role or column that does not exist.
    """
    columns = _role_columns(frame)
    guess = _Guess()
    _apply_overrides(frame, columns, dict(overrides or {}), guess)
    _apply_schema(frame, columns, guess)
    village = _is_village_layer(frame, columns)
    exact_lists = dict(_TOWN_EXACT)
    order = list(FieldMapping.ROLES)
    if village:
        exact_lists.update(_VILLAGE_EXACT)
        order = ["id", "name", "parent", "population", "area", *_FLAG_ROLES]
        guess.notes.append(
            Message("fields.village_layer", "looks like a village layer (a 村 field exists)")
        )
    for role in order:
        if role not in guess.chosen:
            _detect_role(frame, role, columns, exact_lists[role], guess)
    mapping = FieldMapping(**{r: guess.chosen.get(r) for r in FieldMapping.ROLES})
    ordered_unsure = [r for r in FieldMapping.ROLES if r in guess.unsure]
    return MappingGuess(mapping=mapping, unsure=ordered_unsure, notes=guess.notes)


@dataclass
class _Guess:
    """The mapping being built: roles settled (``None`` = none), roles to ask, notes."""

    chosen: dict[str, str | None] = field(default_factory=dict)
    unsure: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def used(self) -> set[str]:
        return {c for c in self.chosen.values() if c}

    def take(self, role: str, column: str, line: Message, alternatives: list[str]) -> None:
        self.chosen[role] = column
        self.notes.append(_also_found(line, alternatives))
        if alternatives and role not in self.unsure:
            self.unsure.append(role)


def _role_columns(frame: pd.DataFrame) -> list[str]:
    """The columns that may hold a role (not the geometry or a geometry's text)."""
    geometry_name = getattr(getattr(frame, "geometry", None), "name", None)
    return [
        c
        for c in frame.columns
        if isinstance(c, str)
        and c != geometry_name
        and _norm(c) not in _NEVER_ROLES
        and getattr(frame[c].dtype, "name", "") != "geometry"
    ]


def _apply_overrides(
    frame: pd.DataFrame, columns: list[str], overrides: dict[str, str | None], guess: _Guess
) -> None:
    """The user's choices, checked: each names a role and a column that exist."""
    for role, column in overrides.items():
        if role not in FieldMapping.ROLES:
            raise LayerError(
                None, Message("error.unknown_field_role", "unknown field role {role!r}", role=role)
            )
        if column is None:
            continue
        if column and column not in frame.columns:
            raise LayerError(
                None,
                Message(
                    "error.no_field_named_for",
                    "no field named {column!r} for the {role} (fields: {items})",
                    column=column,
                    role=role,
                    items=", ".join(map(str, columns)),
                ),
            )
        guess.chosen[role] = column or None
        guess.notes.append(
            Message(
                "fields.chosen", "{role} field: {column} (chosen by you)", role=role, column=column
            )
            if column
            else Message("fields.chosen_none", "{role} field: none (chosen by you)", role=role)
        )


# --------------------------------------------------------------------------------------
# Known schemas: layers whose columns say where they come from
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Schema:
    """A layer schema recognised by its columns (normalised names).

    ``signature``: every group needs one of its columns. ``roles``: each role's
    columns in order of preference, or a pattern; ``()`` leaves a role empty (the
    schema has no such field, so nothing is guessed for it).
    """

    key: str
    label: Message
    signature: tuple[tuple[str, ...], ...]
    roles: dict[str, tuple[str, ...] | re.Pattern]


#: this editor's own export (``editor.io.export``), mapped back as it was written
EXPORT_SCHEMA = _Schema(
    "export",
    Message("fields.schema.export", "this editor's export of merged units"),
    (("unit_id",), ("member_ids",), ("pop_miss",), ("area_km2",)),
    {
        "id": ("unit_id",),
        "name": ("name",),
        "population": ("population",),
        "area": ("area_km2",),
        "border": ("border",),
        "historic": ("historic",),
        "county_seat": ("cnty_seat",),
        "centre": (),
        "parent": (),
    },
)
_SCHEMAS = (
    EXPORT_SCHEMA,
    _Schema(
        "n03",
        Message("fields.schema.n03", "Japanese administrative areas (N03)"),
        (("n03_004",), ("n03_007",)),
        {"id": ("n03_007",), "name": ("n03_004",)},
    ),
    _Schema(
        "vg250",
        Message("fields.schema.vg250", "German administrative areas (VG250)"),
        (("ags", "ars"), ("gen",)),
        {"id": ("ags", "ars"), "name": ("gen",), "population": ("ewz",), "area": ("kfl",)},
    ),
    _Schema(
        "tiger",
        Message("fields.schema.tiger", "US Census (TIGER/Line)"),
        (("geoid", "geoid10", "geoid20"), ("name", "namelsad")),
        {
            "id": ("geoid", "geoid20", "geoid10"),
            "name": ("name", "namelsad"),
            "population": re.compile(r"^(pop|population|totpop|tot_pop|total_pop)_?\d*$"),
        },
    ),
)


def _schema_of(columns: list[str]) -> _Schema | None:
    """The known schema whose signature the columns carry, if any."""
    norms = {_norm(c) for c in columns}
    for schema in _SCHEMAS:
        if all(any(c in norms for c in group) for group in schema.signature):
            return schema
    return None


def _schema_columns(schema: _Schema, frame: pd.DataFrame, columns: list[str], role: str):
    """The columns ``schema`` names for ``role``, best first."""
    wanted = schema.roles[role]
    if isinstance(wanted, re.Pattern):
        return [c for c in columns if wanted.match(_norm(c))]
    by_norm = {_norm(c): c for c in columns}
    names = [by_norm[n] for n in wanted if n in by_norm]
    if len(names) == 2 and role == "name" and frame[names[0]].nunique() < frame[names[1]].nunique():
        # US NAME repeats where places of two kinds share it (Johnstown city and
        # Johnstown town); NAMELSAD carries the kind, so it names each town once
        names.reverse()
    return names


def _apply_schema(frame: pd.DataFrame, columns: list[str], guess: _Guess) -> None:
    """Fill the roles a known schema names (not those the user chose); notes say so."""
    schema = _schema_of(columns)
    if schema is None:
        return
    guess.notes.append(
        Message(
            "fields.schema",
            "looks like {schema}: its fields are used as that schema defines them",
            schema=schema.label,
        )
    )
    for role in schema.roles:
        if role in guess.chosen:
            continue
        for column in _schema_columns(schema, frame, columns, role):
            if column in guess.used or not _CHECKS[role](frame[column], False):
                continue
            if role == "area" and not _area_verdict(frame, column)[0]:
                continue
            line = Message("fields.found", "{role} field: {column}", role=role, column=column)
            guess.take(role, column, line, [])
            break
        else:
            if schema is EXPORT_SCHEMA or schema.roles[role] == ():
                guess.chosen[role] = None  # the schema has no such field: nothing to guess


# --------------------------------------------------------------------------------------
# One role by names and values
# --------------------------------------------------------------------------------------


def _detect_role(
    frame: pd.DataFrame, role: str, columns: list[str], exact: list[str], guess: _Guess
) -> None:
    """Find ``role``'s column among the columns not used yet; notes say how."""
    free = [c for c in columns if c not in guess.used]
    column, alternatives, how = _find(frame, role, free, exact)
    if role == "parent" and column is not None and alternatives:
        alternatives = _drop_same_grouping(frame, column, alternatives, guess)
    if role == "area" and column is not None:
        _take_area(frame, column, alternatives, guess)
        return
    if column is None:
        if role in _ASK_WHEN_MISSING:
            guess.notes.append(Message("fields.none_found", "no {role} field found", role=role))
            guess.unsure.append(role)
        return
    if how == "partial":
        line = Message(
            "fields.found_partial",
            "{role} field: {column} (guessed from part of its name)",
            role=role,
            column=column,
        )
    else:
        line = Message("fields.found", "{role} field: {column}", role=role, column=column)
    guess.take(role, column, line, alternatives)
    if role == "population" and "万" in _norm(column):
        guess.notes.append(
            Message(
                "fields.population_in_wan",
                "population field {column} may count in 万 (10,000 people); check it",
                column=column,
            )
        )
        if role not in guess.unsure:
            guess.unsure.append(role)


def _drop_same_grouping(
    frame: pd.DataFrame, column: str, alternatives: list[str], guess: _Guess
) -> list[str]:
    """A village layer often has both the township's name and its code: they group the
    villages the same way, so picking either is no guess."""
    same = [c for c in alternatives if _same_grouping(frame[column], frame[c])]
    if same:
        guess.notes.append(
            Message(
                "fields.parent_same_grouping",
                "parent field {columns} groups the rows as {column} does",
                columns=", ".join(same),
                column=column,
            )
        )
    return [c for c in alternatives if c not in same]


def _take_area(frame: pd.DataFrame, column: str, alternatives: list[str], guess: _Guess) -> None:
    """The area column if it is in km², else another area-like column that is."""
    ok, line = _area_verdict(frame, column)
    if not ok:
        guess.notes.append(line)
        rest = [c for c in alternatives if c != column]
        found: str | None = None
        for other in rest:
            ok2, line2 = _area_verdict(frame, other)
            if ok2:
                found, line = other, line2
                break
        alternatives = []
        if found is None:
            guess.unsure.append("area")
            return
        column = found
    guess.take("area", column, line, alternatives)


def _dbf_spellings(word: str) -> list[str]:
    """``word`` and its forms cut to a DBF field name's 10 bytes (GBK and UTF-8).

    ``行政区划代码`` is 12 bytes in GBK, so a shapefile stores it as ``行政区划代``.
    """
    out = [word]
    for codec in ("gbk", "utf-8"):
        try:
            raw = word.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(raw) > 10:
            cut = raw[:10].decode(codec, "ignore")
            if len(cut) >= 2 and cut not in out:
                out.append(cut)
    return out


def _find(
    frame: pd.DataFrame, role: str, columns: list[str], exact: list[str]
) -> tuple[str | None, list[str], str]:
    """Best column for ``role``: (column, other passing candidates, "exact"|"partial")."""
    check = _CHECKS[role]
    by_norm: dict[str, list[str]] = {}
    for column in columns:
        norm = _norm(column)
        for key in {norm, _strip_unit(norm)}:
            by_norm.setdefault(key, []).append(column)

    passing: list[str] = []
    for word in exact:
        for column in (c for w in _dbf_spellings(word) for c in by_norm.get(w, [])):
            if column not in passing and check(frame[column], False):
                passing.append(column)
    if passing:
        return passing[0], passing[1:], "exact"

    for word in _SUBSTRINGS[role]:
        for column in columns:
            norm = _norm(column)
            if column in passing or not _matches_word(norm, word) or _excluded(role, norm):
                continue
            if check(frame[column], True):
                passing.append(column)
    if passing:
        return passing[0], passing[1:], "partial"
    return None, [], ""
