"""Two plans of one layer compared (方案比选): what changed, what became of each unit.

:func:`compare_plans` compares plan A (the reference) with plan B on the same
:class:`~editor.core.towns.TownLayer`, in a few vectorised passes over the towns:

* **correspondence**: for each unit of B, the units of A its towns come from, with the
  share of B's population each brings (of B's area when B has no population figure),
  the main one first; units with exactly the same towns in both plans are *identical*;
* **changes**: units of A and B are paired one to one, the pairs sharing the most
  population (then area) first. A town *changed* when its unit in B is not the unit
  its unit of A was paired with: merging 清水镇's unit into 凤岗镇's moves the towns of
  清水镇 (凤岗镇's towns stay in the unit that continues theirs); splitting a unit moves
  the towns of the smaller part. Renaming a unit moves nothing;
* **figures** side by side (unit count, mean population, mean area) with the delta
  B − A; with a rule set, the violations of each plan by rule and those only one plan
  has. Two violations are the same breach when they name the same rule and the same
  towns (the unit's towns for a breach naming none; county-wide rules by rule alone).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from editor.core.plan import Plan
from editor.core.ruleset import RuleSet
from editor.core.violation import Violation


@dataclass(frozen=True)
class TownChange:
    """One town whose unit changed: its unit's name in A and in B."""

    town: int
    town_id: str
    town_name: str
    unit_a: str
    unit_b: str
    population: float | None  # None: the town has no population figure
    area_km2: float

    def to_dict(self) -> dict:
        return {
            "town": self.town_id,
            "town_name": self.town_name,
            "unit_a": self.unit_a,
            "unit_b": self.unit_b,
            "population": self.population,
            "area_km2": round(self.area_km2, 6),
        }


@dataclass(frozen=True)
class Source:
    """Part of a unit of B that comes from one unit of A."""

    uid_a: int
    name_a: str
    towns: int
    population: float
    area_km2: float
    share: float  # of the B unit's population (area when it has no population figure)
    share_of_a: float  # of the A unit's, on the same basis


@dataclass(frozen=True)
class Correspondence:
    """A unit of B and where its towns come from in A (main source first)."""

    uid_b: int
    name_b: str
    sources: tuple[Source, ...]
    identical: bool  # the same towns as its main source, no more, no fewer
    by: str  # "population" or "area": what the shares measure

    @property
    def main(self) -> Source:
        return self.sources[0]

    def text(self) -> str:
        """E.g. ``凤岗镇 (B) ← 凤岗镇 53% + 清水镇 47% (A)``."""
        parts = " + ".join(f"{s.name_a} {s.share:.0%}" for s in self.sources)
        return f"{self.name_b} (B) ← {parts} (A)"

    def to_dict(self) -> dict:
        return {
            "unit_b": self.name_b,
            "main_a": self.main.name_a,
            "share": round(self.main.share, 6),
            "identical": self.identical,
            "by": self.by,
            "sources": [
                {
                    "unit_a": s.name_a,
                    "towns": s.towns,
                    "population": s.population,
                    "area_km2": round(s.area_km2, 6),
                    "share": round(s.share, 6),
                    "share_of_a": round(s.share_of_a, 6),
                }
                for s in self.sources
            ],
        }


@dataclass(frozen=True)
class FigureRow:
    """One figure of both plans; ``None`` where a plan has no such figure."""

    key: str
    a: float | None
    b: float | None

    @property
    def delta(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a

    def to_dict(self) -> dict:
        return {"figure": self.key, "a": self.a, "b": self.b, "delta": self.delta}


@dataclass
class Comparison:
    """What :func:`compare_plans` found; see the module docstring for the definitions."""

    plan_a: Plan
    plan_b: Plan
    changed: np.ndarray  # town indices, ascending
    changes: list[TownChange]
    correspondence: list[Correspondence]  # in plan B's display order
    figures: list[FigureRow]
    violations_by_rule: dict[str, tuple[int, int]] = field(default_factory=dict)
    only_in_a: list[Violation] = field(default_factory=list)
    only_in_b: list[Violation] = field(default_factory=list)
    rules_checked: bool = False

    @property
    def moved_population(self) -> float:
        """Population of the changed towns (towns without a figure count nothing)."""
        return float(np.nansum(self.plan_a.layer.population[self.changed]))

    @property
    def moved_area_km2(self) -> float:
        return float(self.plan_a.layer.area_km2[self.changed].sum())

    @property
    def identical(self) -> list[tuple[int, int]]:
        """``(unit id in A, unit id in B)`` of the units with the same towns in both."""
        return [(c.main.uid_a, c.uid_b) for c in self.correspondence if c.identical]

    def figure(self, key: str) -> FigureRow:
        return next(f for f in self.figures if f.key == key)

    def to_dict(self) -> dict:
        data = {
            "changed": [c.to_dict() for c in self.changes],
            "moved_population": self.moved_population,
            "moved_area_km2": round(self.moved_area_km2, 6),
            "correspondence": [c.to_dict() for c in self.correspondence],
            "identical": len(self.identical),
            "figures": [f.to_dict() for f in self.figures],
        }
        if self.rules_checked:
            data["violations_by_rule"] = {
                rule: {"a": a, "b": b, "delta": b - a}
                for rule, (a, b) in self.violations_by_rule.items()
            }
            data["only_in_a"] = [v.to_dict(self.plan_a) for v in self.only_in_a]
            data["only_in_b"] = [v.to_dict(self.plan_b) for v in self.only_in_b]
        return data


def compare_plans(plan_a: Plan, plan_b: Plan, rules: RuleSet | None = None) -> Comparison:
    """Compare plan B with plan A (the reference); both must be of the same layer.

    With ``rules``, each plan is checked against them (``editor.core.rules``) and the
    violations are compared too.
    """
    if plan_a.layer is not plan_b.layer:
        raise ValueError("the plans to compare must be of the same town layer")
    layer = plan_a.layer
    uids_a, ia = np.unique(plan_a.unit_of, return_inverse=True)
    uids_b, ib = np.unique(plan_b.unit_of, return_inverse=True)
    na, nb = len(uids_a), len(uids_b)
    pop = layer.population
    known = ~np.isnan(pop)
    pop0 = np.where(known, pop, 0.0)
    area = np.asarray(layer.area_km2, dtype=np.float64)

    # the (A unit, B unit) pairs that share towns, and what they share
    keys, pinv = np.unique(ia.astype(np.int64) * nb + ib, return_inverse=True)
    pa, pb = keys // nb, keys % nb
    ptowns = np.bincount(pinv, minlength=len(keys))
    ppop = np.bincount(pinv, weights=pop0, minlength=len(keys))
    parea = np.bincount(pinv, weights=area, minlength=len(keys))

    match = _pair_units(pa, pb, ppop, parea, na)
    changed = np.flatnonzero(match[ia] != ib)
    names_a = [plan_a.units[int(u)].name for u in uids_a]
    names_b = [plan_b.units[int(u)].name for u in uids_b]
    changes = [
        TownChange(
            town=int(t),
            town_id=str(layer.ids[t]),
            town_name=str(layer.names[t]),
            unit_a=names_a[ia[t]],
            unit_b=names_b[ib[t]],
            population=float(pop[t]) if known[t] else None,
            area_km2=float(area[t]),
        )
        for t in changed.tolist()
    ]
    sizes = (np.bincount(ia, minlength=na), np.bincount(ib, minlength=nb))
    correspondence = _correspondence(
        plan_b,
        (uids_a, uids_b),
        (names_a, names_b),
        (pa, pb),
        (ptowns, ppop, parea),
        sizes,
        (ia, ib, pop0, known, area),
    )
    comparison = Comparison(
        plan_a=plan_a,
        plan_b=plan_b,
        changed=changed,
        changes=changes,
        correspondence=correspondence,
        figures=_figures(plan_a, plan_b),
    )
    if rules is not None:
        _compare_violations(comparison, rules)
    return comparison


def _pair_units(pa, pb, ppop, parea, na: int) -> np.ndarray:
    """Each A unit's partner in B (``-1`` for none): one to one, greatest overlap first."""
    order = np.lexsort((pb, pa, -parea, -ppop))
    match = np.full(na, -1, dtype=np.int64)
    taken = np.zeros(int(pb.max()) + 1 if len(pb) else 0, dtype=bool)
    for k in order.tolist():
        a, b = pa[k], pb[k]
        if match[a] < 0 and not taken[b]:
            match[a] = b
            taken[b] = True
    return match


def _correspondence(plan_b, uids, names, pairs, shared, sizes, towns) -> list[Correspondence]:
    """For each unit of B, its sources in A (by share, then area), in B's display order."""
    uids_a, uids_b = uids
    names_a, names_b = names
    pa, pb = pairs
    ptowns, ppop, parea = shared
    size_a, size_b = sizes
    ia, ib, pop0, known, area = towns
    na, nb = len(uids_a), len(uids_b)
    bpop = np.bincount(ib, weights=pop0, minlength=nb)
    apop = np.bincount(ia, weights=pop0, minlength=na)
    bknown = np.bincount(ib, weights=known, minlength=nb) > 0
    barea = np.bincount(ib, weights=area, minlength=nb)
    aarea = np.bincount(ia, weights=area, minlength=na)
    by_pop = bknown[pb] & (bpop[pb] > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(by_pop, ppop / bpop[pb], parea / barea[pb])
        share_a = np.where(by_pop, ppop / apop[pa], parea / aarea[pa])
    share = np.nan_to_num(share)
    share_a = np.nan_to_num(share_a)
    order = np.lexsort((pa, -parea, -share, pb))
    starts = np.searchsorted(pb[order], np.arange(nb + 1))
    position = {int(u): k for k, u in enumerate(uids_b)}
    out = []
    for uid in plan_b.unit_ids():
        b = position[uid]
        ks = order[starts[b] : starts[b + 1]].tolist()
        sources = tuple(
            Source(
                uid_a=int(uids_a[pa[k]]),
                name_a=names_a[pa[k]],
                towns=int(ptowns[k]),
                population=float(ppop[k]),
                area_km2=float(parea[k]),
                share=float(share[k]),
                share_of_a=float(share_a[k]),
            )
            for k in ks
        )
        k0 = ks[0]
        identical = bool(ptowns[k0] == size_a[pa[k0]] == size_b[b])
        by = "population" if by_pop[k0] else "area"
        out.append(Correspondence(int(uid), names_b[b], sources, identical, by))
    return out


def _figures(plan_a: Plan, plan_b: Plan) -> list[FigureRow]:
    fa, fb = plan_a.summary().after, plan_b.summary().after
    return [
        FigureRow("units", float(fa.units), float(fb.units)),
        FigureRow(
            "mean_population",
            fa.mean_population if fa.population_known else None,
            fb.mean_population if fb.population_known else None,
        ),
        FigureRow("mean_area_km2", fa.mean_area_km2, fb.mean_area_km2),
    ]


def _breach_key(plan: Plan, v: Violation) -> tuple:
    """What makes two violations (of two plans) the same breach: the rule and the towns."""
    if v.towns:
        return (v.rule, frozenset(v.towns))
    if v.unit is not None and v.unit in plan.units:
        return (v.rule, frozenset(plan.units[v.unit].members))
    return (v.rule, frozenset())


def _violations(plan: Plan, rules: RuleSet) -> list[Violation]:
    from editor.core.rules import RuleChecker

    checker = RuleChecker(plan, rules)
    try:
        return list(checker.violations())
    finally:
        checker.close()


def _compare_violations(comparison: Comparison, rules: RuleSet) -> None:
    plan_a, plan_b = comparison.plan_a, comparison.plan_b
    va, vb = _violations(plan_a, rules), _violations(plan_b, rules)
    count_a = Counter(v.rule for v in va)
    count_b = Counter(v.rule for v in vb)
    comparison.violations_by_rule = {
        rule: (count_a.get(rule, 0), count_b.get(rule, 0))
        for rule in dict.fromkeys([*count_a, *count_b])
    }
    keys_a = {_breach_key(plan_a, v) for v in va}
    keys_b = {_breach_key(plan_b, v) for v in vb}
    comparison.only_in_a = [v for v in va if _breach_key(plan_a, v) not in keys_b]
    comparison.only_in_b = [v for v in vb if _breach_key(plan_b, v) not in keys_a]
    comparison.rules_checked = True


#: headers of the changes table (CSV/XLSX, ``editor.io.tables.export_changes``)
CHANGE_HEADERS = {
    "en": ["town_id", "town_name", "unit_a", "unit_b", "population", "area_km2"],
    "zh": ["乡镇代码", "乡镇名称", "方案A所属", "方案B所属", "人口", "面积(平方公里)"],
}
#: headers of the figures table, and each figure's label
FIGURE_HEADERS = {"en": ["figure", "A", "B", "change"], "zh": ["指标", "方案A", "方案B", "变化"]}
FIGURE_LABELS = {
    "en": {
        "units": "units",
        "mean_population": "mean population",
        "mean_area_km2": "mean area (km2)",
    },
    "zh": {"units": "乡镇数", "mean_population": "平均人口", "mean_area_km2": "平均面积(平方公里)"},
}


def change_rows(comparison: Comparison, language: str = "zh") -> tuple[list[str], list[list]]:
    """Header and one row per changed town: id, name, unit in A, unit in B, figures."""
    lang = "zh" if str(language).lower().startswith("zh") else "en"
    rows = [
        [c.town_id, c.town_name, c.unit_a, c.unit_b, c.population, round(c.area_km2, 4)]
        for c in comparison.changes
    ]
    return list(CHANGE_HEADERS[lang]), rows


def figure_rows(comparison: Comparison, language: str = "zh") -> tuple[list[str], list[list]]:
    """Header and one row per figure (A, B, change); with rules, one per violated rule."""
    lang = "zh" if str(language).lower().startswith("zh") else "en"
    labels = FIGURE_LABELS[lang]
    rows = [[labels[f.key], f.a, f.b, f.delta] for f in comparison.figures]
    prefix = "违反规则 " if lang == "zh" else "violations "
    for rule, (a, b) in comparison.violations_by_rule.items():
        rows.append([prefix + rule, a, b, b - a])
    return list(FIGURE_HEADERS[lang]), rows
