"""The column catalogue: every per-unit figure's headers, unit and number format, once.

Each :class:`Column` holds what one figure is called wherever a unit's figures are
shown or written, so the exports, tables, print layouts and the units dock say the
same thing:

- ``zh`` / ``en``: the header in the units table (CSV/XLSX, ``editor.io.tables``);
- ``field``, ``field_zh`` / ``field_en``: the field name of the GIS export (at most 10
  ASCII characters, a DBF field name) and its description in ``OUT.fieldmap.csv`` and
  the QGIS aliases (``editor.io.export``);
- ``layout``: the (Chinese, English) header of the print layouts' tables, and
  ``layout_village`` the same on a village layer (``editor.layout.settings``);
- ``dock`` / ``dock_village``: the English header of the units dock, which the GUI
  translates (context ``UnitsModel``);
- ``unit`` and ``decimals``: what the figure counts in and how many decimals it is
  shown with (``None``: not a number).

The orders in which each consumer lists them are :data:`TABLE_KEYS`,
:data:`EXPORT_KEYS` and :data:`DOCK_KEYS`. No Qt, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One per-unit figure (see the module docstring for each attribute)."""

    key: str
    zh: str = ""
    en: str = ""
    field: str = ""
    field_zh: str = ""
    field_en: str = ""
    layout: tuple[str, str] | None = None
    layout_village: tuple[str, str] | None = None
    dock: str = ""
    dock_village: str = ""
    unit: str = ""
    decimals: int | None = None


_COLUMNS = (
    Column("unit_id", "合并后编号", "unit_id", "unit_id", "单元编号", "unit id", decimals=0),
    Column(
        "unit_name",
        "合并后乡镇",
        "unit_name",
        "name",
        "合并后乡镇",
        "unit name",
        layout=("合并后乡镇", "Unit"),
        layout_village=("合并后村", "Merged village"),
        dock="Unit",
        dock_village="Merged village",
    ),
    Column("seat_id", "驻地代码", "seat_id", "seat_id", "驻地乡镇代码", "seat town id"),
    Column(
        "seat",
        "驻地",
        "seat",
        "seat",
        "驻地",
        "seat town name",
        layout=("驻地", "Seat"),
        dock="Seat",
    ),
    Column(
        "towns",
        "原乡镇数",
        "towns",
        "towns",
        "原乡镇数",
        "number of member towns",
        layout=("乡镇数", "Towns"),
        layout_village=("村数", "Villages"),
        dock="Towns",
        dock_village="Villages",
        decimals=0,
    ),
    Column("member_ids", "原乡镇代码", "member_ids", "member_ids", "原乡镇代码", "member town ids"),
    Column(
        "members",
        "原乡镇",
        "members",
        "members",
        "原乡镇",
        "member town names",
        layout=("原乡镇", "Member towns"),
        layout_village=("原村", "Member villages"),
    ),
    Column(
        "population",
        "人口",
        "population",
        "population",
        "人口",
        "population (sum of known)",
        layout=("人口(万)", "Pop. (10k)"),
        dock="Population",
        unit="people",
        decimals=0,
    ),
    Column(
        "towns_without_population",
        "缺人口乡镇数",
        "towns_without_population",
        "pop_miss",
        "缺人口乡镇数",
        "member towns without population",
        decimals=0,
    ),
    Column(
        "area_km2",
        "面积(平方公里)",
        "area_km2",
        "area_km2",
        "面积(平方公里)",
        "area (km2)",
        layout=("面积(km²)", "Area (km²)"),
        dock="Area km²",
        unit="km²",
        decimals=1,
    ),
    Column(
        "border_towns",
        "沿边乡镇数",
        "border_towns",
        "border",
        "沿边",
        "has border towns (1/0)",
        layout=("沿边", "Border"),
        dock="Border",
        decimals=0,
    ),
    Column(
        "historic_towns",
        "历史文化名镇数",
        "historic_towns",
        "historic",
        "历史文化名镇",
        "has historic-cultural towns (1/0)",
        decimals=0,
    ),
    Column(
        "county_seat",
        "县城驻地",
        "county_seat",
        "cnty_seat",
        "县城驻地",
        "holds the county seat (1/0)",
    ),
    Column("centre_towns", "中心镇数", "centre_towns", decimals=0),
    Column("contiguous", "连片", "contiguous", dock="Contiguous"),
    Column("parts", field="parts", field_zh="连片数", field_en="connected pieces", decimals=0),
    Column(
        "service_radius_km",
        "服务半径(公里)",
        "service_radius_km",
        "radius_km",
        "服务半径(公里)",
        "service radius: seat to the farthest point (km)",
        dock="Radius km",
        unit="km",
        decimals=1,
    ),
    Column(
        "mean_distance_km",
        "人口加权平均距离(公里)",
        "mean_distance_km",
        "mean_km",
        "人口加权平均距离(公里)",
        "population-weighted mean distance to the seat (km)",
        unit="km",
        decimals=1,
    ),
    Column(
        "quota",
        "测算编制",
        "quota",
        "quota",
        "测算编制",
        "staffing quota, recomputed for the unit",
        layout=("编制", "Quota"),
        dock="Quota",
        unit="people",
        decimals=0,
    ),
    Column(
        "quota_old",
        "原乡镇编制合计",
        "quota_old",
        "quota_old",
        "原乡镇编制合计",
        "sum of the member towns' own quotas",
        layout=("原编制", "Own quota"),
        layout_village=("原编制", "Own quota"),
        unit="people",
        decimals=0,
    ),
    Column("note", "备注", "note", "note", "备注", "note"),
    Column(
        "color_idx",
        field="color_idx",
        field_zh="配色",
        field_en="colour class (adjacent units differ)",
        decimals=0,
    ),
)

#: key -> Column
COLUMNS: dict[str, Column] = {c.key: c for c in _COLUMNS}

#: the units table's base columns, in order (``editor.io.tables``)
TABLE_KEYS: tuple[str, ...] = (
    "unit_id",
    "unit_name",
    "seat_id",
    "seat",
    "towns",
    "member_ids",
    "members",
    "population",
    "towns_without_population",
    "area_km2",
    "border_towns",
    "historic_towns",
    "county_seat",
    "centre_towns",
    "contiguous",
    "service_radius_km",
    "mean_distance_km",
    "quota",
    "quota_old",
    "note",
)
#: the GIS export's base fields, in order (``editor.io.export``)
EXPORT_KEYS: tuple[str, ...] = (
    "unit_id",
    "unit_name",
    "seat_id",
    "seat",
    "towns",
    "member_ids",
    "members",
    "population",
    "towns_without_population",
    "area_km2",
    "border_towns",
    "historic_towns",
    "county_seat",
    "parts",
    "service_radius_km",
    "mean_distance_km",
    "quota",
    "quota_old",
    "note",
    "color_idx",
)
#: the units dock's base columns, in order (``COL_NAME`` ... ``COL_QUOTA``)
DOCK_KEYS: tuple[str, ...] = (
    "unit_name",
    "towns",
    "population",
    "area_km2",
    "border_towns",
    "seat",
    "contiguous",
    "service_radius_km",
    "quota",
)
#: the print layouts' header keys (``LayoutSettings.text``) -> column
LAYOUT_KEYS: dict[str, str] = {
    "col_unit": "unit_name",
    "col_members": "members",
    "col_pop": "population",
    "col_area": "area_km2",
    "col_border": "border_towns",
    "col_seat": "seat",
    "col_towns": "towns",
    "col_quota": "quota",
    "col_own_quota": "quota_old",
}


def table_headers(language: str) -> list[str]:
    """The units table's base headers in ``"zh"`` or ``"en"``."""
    zh = str(language).lower().startswith("zh")
    return [COLUMNS[k].zh if zh else COLUMNS[k].en for k in TABLE_KEYS]


def export_fields() -> list[tuple[str, str, str]]:
    """``(field, description en, description zh)`` of the export's base fields."""
    return [(COLUMNS[k].field, COLUMNS[k].field_en, COLUMNS[k].field_zh) for k in EXPORT_KEYS]


def layout_texts(village: bool = False) -> dict[str, tuple[str, str]]:
    """The print layouts' column headers, ``{text key: (Chinese, English)}``."""
    out: dict[str, tuple[str, str]] = {}
    for text_key, key in LAYOUT_KEYS.items():
        column = COLUMNS[key]
        header = column.layout_village if village else column.layout
        if header is not None:
            out[text_key] = header
    return out


def facility_header(category: str, zh: bool, *, description: bool = False) -> str:
    """Header of a facility-count column: ``学校(个)`` / ``学校 (count)`` in the units
    table; with ``description``, the export's ``学校数量`` / ``number of 学校``."""
    if description:
        return f"{category}数量" if zh else f"number of {category}"
    return f"{category}(个)" if zh else f"{category} (count)"


def carried_header(column: str, zh: bool, *, description: bool = False) -> str:
    """Header of a carried-sum column: ``GDP(合计)`` / ``GDP (sum)`` in the units table;
    with ``description``, the export's ``GDP (合计)`` / ``GDP (sum)``."""
    if description:
        return f"{column} ({'合计' if zh else 'sum'})"
    return f"{column}(合计)" if zh else f"{column} (sum)"
