"""What a layout is asked to be: kind, paper, orientation, texts, resolution, language."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from typing import Any

from editor.core.columns import layout_texts

KINDS = ("overview", "before-after", "packet")
PAPERS_MM: dict[str, tuple[float, float]] = {  # portrait width, height (ISO 216)
    "A4": (210.0, 297.0),
    "A3": (297.0, 420.0),
    "A2": (420.0, 594.0),
}
MM = 1 / 25.4  # inches per millimetre


@dataclass(frozen=True)
class LayoutSettings:
    """Settings of a print layout.

    ``title``/``subtitle`` left empty get defaults (a generic title; county, plan name
    and date). ``dpi`` is the resolution of PNG output (PDF and SVG are vector).
    ``max_table_rows`` caps the statistics table of huge plans (the rest is counted in
    a note); ``max_labels`` caps the map labels.

    The reform's figures in the tables: ``rules`` (a ``RuleSet``; ``None`` = the default
    rule set) gives the staffing quota; ``facilities`` (``FacilityLayer`` objects or
    point-layer paths) adds a count column per facility category; ``carry`` (numeric
    field names; empty = the rule set's ``carried_fields``) adds a column of sums each.
    See :mod:`editor.core.unit_figures`.
    """

    kind: str = "overview"
    paper: str = "A4"
    landscape: bool = False
    title: str = ""
    subtitle: str = ""
    note: str = ""
    dpi: int = 200
    language: str = "zh"
    county: str = ""
    plan_name: str = ""
    date: _dt.date | None = None
    max_table_rows: int = 200
    max_labels: int = 300
    extra: dict = field(default_factory=dict, compare=False)
    rules: Any = field(default=None, compare=False)
    facilities: tuple = field(default=(), compare=False)
    carry: tuple[str, ...] = ()
    #: "town" or "village": the words of titles, tables and legend; "" = from the layer
    #: (see :meth:`for_layer`)
    level: str = ""

    def __post_init__(self) -> None:
        # frozen: normalise the sequences to tuples so settings stay hashable-ish
        object.__setattr__(self, "facilities", tuple(self.facilities or ()))
        object.__setattr__(self, "carry", tuple(str(c) for c in self.carry or ()))
        if self.kind not in KINDS:
            raise ValueError(f"unknown layout kind {self.kind!r} (one of {', '.join(KINDS)})")
        if self.paper.upper() not in PAPERS_MM:
            raise ValueError(f"unknown paper {self.paper!r} (one of {', '.join(PAPERS_MM)})")
        if self.language not in ("zh", "en"):
            raise ValueError(f"unknown language {self.language!r} (zh or en)")
        if not 30 <= int(self.dpi) <= 1200:
            raise ValueError(f"dpi {self.dpi} out of range (30-1200)")
        if self.level not in ("", "town", "village"):
            raise ValueError(f"unknown level {self.level!r} (town or village)")

    def for_layer(self, layer: Any) -> LayoutSettings:
        """These settings with ``level`` taken from the layer when not set: a layer with
        a parent-township field is a village layer and its layout says 村, not 乡镇."""
        if self.level:
            return self
        from editor.core.parents import level_of

        return replace(self, level=level_of(layer))

    @property
    def page_mm(self) -> tuple[float, float]:
        w, h = PAPERS_MM[self.paper.upper()]
        return (h, w) if self.landscape else (w, h)

    @property
    def figsize(self) -> tuple[float, float]:
        """Page size in inches (what ``Figure(figsize=...)`` takes)."""
        w, h = self.page_mm
        return (w * MM, h * MM)

    @property
    def pixel_size(self) -> tuple[int, int]:
        """PNG size in pixels at ``dpi`` (matplotlib truncates: A4 at 100 dpi is 826 x 1169)."""
        w, h = self.figsize
        return (int(w * self.dpi), int(h * self.dpi))

    def with_(self, **changes) -> LayoutSettings:
        return replace(self, **changes)

    def text(self, key: str, **kwargs) -> str:
        pair = VILLAGE_STRINGS.get(key) if self.level == "village" else None
        s = (pair or STRINGS[key])[0 if self.language == "zh" else 1]
        return s.format(**kwargs) if kwargs else s

    def the_date(self) -> _dt.date:
        return self.date or _dt.date.today()


# key -> (Chinese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "title": ("乡镇行政区划调整方案", "Township merger plan"),
    "title_before_after": ("乡镇行政区划调整前后对比", "Townships before and after the merger"),
    "before": ("调整前：{n} 个乡镇", "Before: {n} towns"),
    "after": ("调整后：{n} 个乡镇", "After: {n} units"),
    "legend": ("图例", "Legend"),
    "legend_units": ("合并后乡镇", "Merged units"),
    "unit_boundary": ("合并后乡镇界", "Merged unit boundary"),
    "town_boundary": ("原乡镇界", "Town boundary"),
    "seat": ("乡镇驻地", "Seat"),
    "border_town": ("沿边乡镇", "Border town"),
    "more_units": ("…等 {n} 个", "… and {n} more"),
    "table": ("合并后乡镇统计表", "Merged units"),
    "table_cont": ("合并后乡镇统计表（续）", "Merged units (continued)"),
    "col_no": ("序号", "No."),
    "col_code": ("乡镇代码", "Code"),
    "col_town": ("乡镇名称", "Town"),
    "col_flags": ("属性", "Flags"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "rows_left_out": (
        "另有 {n} 个合并后乡镇未列出（共 {total} 个）",
        "{n} more units not listed ({total} in all)",
    ),
    "summary": ("调整前后对比", "Before and after"),
    "sum_units": ("乡镇数量(个)", "Units"),
    "sum_pop": ("平均人口(万人)", "Mean population (10k)"),
    "sum_area": ("平均面积(km²)", "Mean area (km²)"),
    "sum_before": ("调整前", "Before"),
    "sum_after": ("调整后", "After"),
    "sum_change": ("变化", "Change"),
    "sum_benchmark": ("基准", "Benchmark"),
    "flag_border": ("沿边", "border"),
    "flag_historic": ("历史文化名镇", "historic"),
    "flag_county_seat": ("县城驻地", "county seat"),
    "flag_centre": ("中心镇", "centre"),
    "unit_page_sub": ("第 {k}/{n} 个合并后乡镇", "Merged unit {k} of {n}"),
    "unit_facts": (
        "{towns} 个乡镇合并 · 人口 {pop} 万 · 面积 {area} km² · 驻地 {seat}",
        "{towns} towns · population {pop}0k · area {area} km² · seat {seat}",
    ),
    "unit_towns": ("{unit}：原乡镇", "{unit}: member towns"),
    "unit_towns_cont": ("{unit}：原乡镇（续）", "{unit}: member towns (continued)"),
    "not_contiguous": (
        "注意：该合并后乡镇不连片（{parts} 块）",
        "Note: not contiguous ({parts} parts)",
    ),
    "footer": (
        "制图日期 {date} · 数据 {source} · 投影 等积方位（中心 {lon}°E {lat}°N） · 第 {page}/{pages} 页",
        "Made {date} · data {source} · Lambert azimuthal equal-area at {lon}°E {lat}°N · "
        "page {page}/{pages}",
    ),
    "north": ("北", "N"),
    "scale_label": ("比例尺 1:{den}", "Scale 1:{den}"),
    "total": ("合计", "Total"),
    "sum_quota": ("编制总数(名)", "Staffing quota"),
    "unit_quota": (
        "测算编制 {quota} 名（原乡镇合计 {old} 名）· 服务半径 {radius} km",
        "Staffing quota {quota} (members' own {old}) · service radius {radius} km",
    ),
    "unit_radius": ("服务半径 {radius} km", "Service radius {radius} km"),
    "parent_boundary": ("乡镇界", "Township boundary"),
    "neighbour": ("相邻乡镇", "Neighbouring units"),
    "counts": ("{n} 个乡镇调整为 {m} 个", "{n} towns into {m} units"),
    # column headers of the tables, from the column catalogue
    **layout_texts(),
}

# the same keys worded for a village layer (村级建制调整); keys not here read as above
VILLAGE_STRINGS: dict[str, tuple[str, str]] = {
    "title": ("村级建制调整方案", "Village merger plan"),
    "title_before_after": ("村级建制调整前后对比", "Villages before and after the merger"),
    "before": ("调整前：{n} 个村", "Before: {n} villages"),
    "after": ("调整后：{n} 个村", "After: {n} merged villages"),
    "legend_units": ("合并后村", "Merged villages"),
    "unit_boundary": ("合并后村界", "Merged village boundary"),
    "town_boundary": ("原村界", "Village boundary"),
    "seat": ("村委会驻地", "Seat"),
    "border_town": ("沿边村", "Border village"),
    "table": ("合并后村统计表", "Merged villages"),
    "table_cont": ("合并后村统计表（续）", "Merged villages (continued)"),
    "col_code": ("村代码", "Code"),
    "col_town": ("村名称", "Village"),
    "rows_left_out": (
        "另有 {n} 个合并后村未列出（共 {total} 个）",
        "{n} more merged villages not listed ({total} in all)",
    ),
    "sum_units": ("村数量(个)", "Villages"),
    "unit_page_sub": ("第 {k}/{n} 个合并后村", "Merged village {k} of {n}"),
    "unit_facts": (
        "{towns} 个村合并 · 人口 {pop} 万 · 面积 {area} km² · 驻地 {seat}",
        "{towns} villages · population {pop}0k · area {area} km² · seat {seat}",
    ),
    "unit_towns": ("{unit}：原村", "{unit}: member villages"),
    "unit_towns_cont": ("{unit}：原村（续）", "{unit}: member villages (continued)"),
    "not_contiguous": (
        "注意：该合并后村不连片（{parts} 块）",
        "Note: not contiguous ({parts} parts)",
    ),
    "unit_quota": (
        "测算编制 {quota} 名（原村合计 {old} 名）· 服务半径 {radius} km",
        "Staffing quota {quota} (members' own {old}) · service radius {radius} km",
    ),
    "neighbour": ("相邻村", "Neighbouring villages"),
    "counts": ("{n} 个村调整为 {m} 个", "{n} villages into {m} merged villages"),
    # column headers: the column catalogue's village wording
    **layout_texts(village=True),
}
