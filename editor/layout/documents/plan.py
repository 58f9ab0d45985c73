"""The 调整方案 (adjustment plan) document: summary, one section per new unit, 对照表.

Every figure is the XLSX table's: the rows come from :func:`editor.io.tables.unit_rows`,
:func:`~editor.io.tables.summary_rows` and :func:`~editor.io.tables.assignment_rows` on
the same :func:`editor.io.facilities.unit_figures`, and are printed with the layouts'
number formats (:mod:`editor.layout.pages.numbers`: population in 万 with two decimals,
km² with one), so the document, the tables and the layouts say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from editor.core.boundary_text import boundary_texts
from editor.core.plan import Plan
from editor.core.ruleset import RuleSet
from editor.core.unit_figures import FacilitySource
from editor.io.facilities import unit_figures as read_unit_figures
from editor.io.tables import assignment_rows, summary_rows, unit_rows
from editor.layout.documents.docx_base import add_table, labelled, new_document, to_bytes
from editor.layout.pages.numbers import amount, km2, wan

#: a unit's kind from its name's suffix, the first that matches: (suffix, zh, en)
KIND_SUFFIXES = (
    ("族乡", "民族乡", "ethnic township"),  # 彝族乡, 民族乡 ...
    ("族镇", "民族镇", "ethnic town"),
    ("街道", "街道", "subdistrict"),
    ("苏木", "苏木", "sumu"),
    ("镇", "镇", "town"),
    ("乡", "乡", "township"),
)

TEXT = {
    "zh": {
        "title": "{county}乡镇行政区划调整方案",
        "summary": "一、调整概况",
        "units": "二、调整后乡镇",
        "table": "三、调整前后对照表",
        "kind": "类型：",
        "seat": "驻地：",
        "members": "组成：",
        "members_value": "{names}（原{n}个乡镇）",
        "population": "人口：",
        "population_value": "{people}人（{wan}万人）",
        "area": "面积：",
        "area_value": "{km2}平方公里",
        "quota": "测算编制：",
        "reason": "合并理由：",
        "abolish": "撤并：",
        "abolish_value": "撤销{names}，其行政区域划归{unit}管辖，{unit}人民政府驻{seat}。",
        "boundary": "界线描述：",
        "unknown": "—",
        "table_header": ("序号", "原乡镇", "乡镇代码", "调整后乡镇"),
    },
    "en": {
        "title": "{county}Township Administrative Division Adjustment Plan",
        "summary": "1. Overview",
        "units": "2. The new units",
        "table": "3. Before and after",
        "kind": "Kind: ",
        "seat": "Seat: ",
        "members": "Made of: ",
        "members_value": "{names} ({n} former towns)",
        "population": "Population: ",
        "population_value": "{people} ({wan} × 10,000)",
        "area": "Area: ",
        "area_value": "{km2} km²",
        "quota": "Staffing quota: ",
        "reason": "Reason: ",
        "abolish": "Merged: ",
        "abolish_value": "{names} are abolished; their territory goes to {unit}, seated at {seat}.",
        "boundary": "Boundary: ",
        "unknown": "unknown",
        "table_header": ("No.", "Former town", "Code", "New unit"),
    },
}


def _lang(lang: str) -> str:
    return "zh" if str(lang).lower().startswith("zh") else "en"


def unit_kind(name: str, lang: str = "zh") -> str:
    """The kind of a unit named ``name`` from its suffix ("" when the name has none)."""
    for suffix, zh, en in KIND_SUFFIXES:
        if str(name).endswith(suffix):
            return zh if _lang(lang) == "zh" else en
    return ""


@dataclass
class PlanFacts:
    """What the document prints, taken from the XLSX tables' rows (English keys)."""

    units: list[dict]  # one dict per unit, keys of the units table's English header
    summary: dict[
        str, list
    ]  # "units" / "population" / "area" / "quota" -> [label, before, after, bench]
    assignment: list[list]  # town id, town name, unit id, unit name
    boundaries: dict[int, str]
    has_quota: bool


def plan_facts(
    plan: Plan,
    rules: RuleSet | None = None,
    lang: str = "zh",
    facilities: Sequence[FacilitySource] = (),
    carry: Sequence[str] = (),
) -> PlanFacts:
    """The tables' figures of ``plan`` (``rules``, ``facilities``, ``carry`` as the tables take them)."""
    figures = read_unit_figures(plan, rules, facilities, carry)
    keys, rows = unit_rows(plan, "en", figures)
    _, srows = summary_rows(plan, "en", figures)
    summary = dict(zip(("units", "population", "area", "quota"), srows, strict=False))
    _, arows = assignment_rows(plan, lang)
    return PlanFacts(
        units=[dict(zip(keys, row, strict=True)) for row in rows],
        summary=summary,
        assignment=arows,
        boundaries=boundary_texts(plan, _lang(lang)),
        has_quota=figures.has_quota,
    )


def population_text(value: float | None, lang: str = "zh") -> str:
    """A unit's population as the document prints it (persons, and in 万)."""
    t = TEXT[_lang(lang)]
    if value is None:
        return t["unknown"]
    return t["population_value"].format(people=f"{value:,.0f}", wan=wan(value))


def area_text(value: float, lang: str = "zh") -> str:
    return TEXT[_lang(lang)]["area_value"].format(km2=km2(value))


def summary_text(plan: Plan, facts: PlanFacts, county: str | None, lang: str = "zh") -> str:
    """The paragraph with the before/after figures (and the benchmark when there is one)."""
    s = facts.summary
    (_, b_units, a_units, _), (_, b_pop, a_pop, bench_pop) = s["units"], s["population"]
    _, b_area, a_area, bench_area = s["area"]
    bench = plan.summary().benchmark
    if _lang(lang) == "zh":
        fewer = "调减为" if a_units < b_units else "调整为"
        text = f"本方案实施后，{county or '全县'}由{b_units}个乡镇{fewer}{a_units}个乡镇"
        if b_pop is not None and a_pop is not None:
            verb = "增加到" if a_pop >= b_pop else "减少到"
            text += f"，乡镇平均人口由{wan(b_pop)}万人{verb}{wan(a_pop)}万人"
        verb = "增加到" if a_area >= b_area else "减少到"
        text += f"，乡镇平均面积由{km2(b_area)}平方公里{verb}{km2(a_area)}平方公里"
        if bench is not None and (bench_pop is not None or bench_area is not None):
            parts = [f"平均人口{wan(bench_pop)}万人"] if bench_pop is not None else []
            parts += [f"平均面积{km2(bench_area)}平方公里"] if bench_area is not None else []
            text += f"（参照{bench.label or '标准'}：{'，'.join(parts)}）"
        return text + "。"
    text = f"Under this plan, {county or 'the county'} goes from {b_units} units to {a_units}"
    if b_pop is not None and a_pop is not None:
        text += f"; the mean population per unit from {wan(b_pop)} to {wan(a_pop)} (10,000 people)"
    text += f"; the mean area from {km2(b_area)} km² to {km2(a_area)} km²"
    if bench is not None and (bench_pop is not None or bench_area is not None):
        parts = [f"mean population {wan(bench_pop)} × 10,000"] if bench_pop is not None else []
        parts += [f"mean area {km2(bench_area)} km²"] if bench_area is not None else []
        text += f" (benchmark {bench.label or ''}: {', '.join(parts)})".replace("  ", " ")
    return text + "."


def _unit_section(doc, plan: Plan, k: int, u: dict, facts: PlanFacts, lang: str) -> None:
    t = TEXT[lang]
    doc.add_heading(f"{k}. {u['unit_name']}" if lang == "en" else f"（{k}）{u['unit_name']}", 2)
    kind = unit_kind(u["unit_name"], lang)
    labelled(doc, t["kind"], kind or t["unknown"])
    labelled(doc, t["seat"], str(u["seat"]))
    labelled(doc, t["members"], t["members_value"].format(names=u["members"], n=int(u["towns"])))
    labelled(doc, t["population"], population_text(u["population"], lang))
    labelled(doc, t["area"], area_text(u["area_km2"], lang))
    if facts.has_quota and "quota" in u:
        labelled(doc, t["quota"], amount(u["quota"]))
    if u.get("note"):
        labelled(doc, t["reason"], str(u["note"]))
    members = [n for n in str(u["members"]).split("、") if n]
    gone = [n for n in members if n != u["seat"] or members.count(n) > 1]
    if len(members) > 1 and gone:
        sep = "、" if lang == "zh" else ", "
        text = t["abolish_value"].format(names=sep.join(gone), unit=u["unit_name"], seat=u["seat"])
        labelled(doc, t["abolish"], text)
    labelled(doc, t["boundary"], facts.boundaries.get(int(u["unit_id"]), ""))


def plan_document_bytes(
    plan: Plan,
    rules: RuleSet | None = None,
    county: str | None = None,
    lang: str = "zh",
    facilities: Sequence[FacilitySource] = (),
    carry: Sequence[str] = (),
) -> bytes:
    """The plan document as .docx bytes (nothing is written)."""
    lang = _lang(lang)
    t = TEXT[lang]
    facts = plan_facts(plan, rules, lang, facilities, carry)
    prefix = (county or "") if lang == "zh" else (f"{county}: " if county else "")
    doc = new_document(t["title"].format(county=prefix))
    doc.add_heading(t["summary"], 1)
    doc.add_paragraph(summary_text(plan, facts, county, lang))
    doc.add_heading(t["units"], 1)
    for k, u in enumerate(facts.units, start=1):
        _unit_section(doc, plan, k, u, facts, lang)
    doc.add_heading(t["table"], 1)
    rows = [[k, name, code, unit] for k, (code, name, _, unit) in enumerate(facts.assignment, 1)]
    add_table(doc, t["table_header"], rows)
    return to_bytes(doc)
