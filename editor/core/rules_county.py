"""The county-wide rules: progress towards the targets, their breaches, how the towns
expected to absorb neighbours grew. Re-exported by ``editor.core.rules``."""

from __future__ import annotations

import numpy as np

from editor.core.messages import Figure, Message
from editor.core.plan import Plan
from editor.core.ruleset import RuleSet, flag_values
from editor.core.violation import Violation


def _fmt(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def county_progress(plan: Plan, rules: RuleSet) -> list[dict]:
    """Progress of the county towards its targets: unit count, mean population, mean area.

    Each item: ``key``, ``label``, ``before``, ``after``, ``target`` (a number, a
    ``[min, max]`` range or ``None``), ``benchmark`` (or ``None``), ``met`` (``None``
    with no target), ``progress`` (share of the way from before to the target, 0–1, or
    ``None``) and ``text``, one line for the panel.
    """
    summary = plan.summary()
    before, after = summary.before, summary.after
    t = rules.targets
    b = rules.benchmark_values
    out = [_unit_count_progress(before.units, after.units, t.units_min, t.units_max)]
    means = (
        ("mean_population", "mean population", t.mean_population, b.mean_population, 0, ""),
        ("mean_area_km2", "mean area", t.mean_area_km2, b.mean_area_km2, 1, " km2"),
    )
    for key, label, goal, bench, digits, unit in means:
        bval: float | None = getattr(before, key)
        aval: float | None = getattr(after, key)
        if key == "mean_population" and not after.population_known:
            bval = aval = None  # no town has a population figure: say so, not zeros
        out.append(_mean_progress(key, label, bval, aval, goal, bench, b.label, digits, unit))
    return out


def _unit_count_progress(before: int, after: int, units_min, units_max) -> dict:
    """The unit-count item of :func:`county_progress` (target a range, a bound or none)."""
    lo, hi = units_min or None, units_max or None
    target: list[int | None] | None
    met = None
    progress = None
    if lo or hi:
        met = (lo is None or after >= lo) and (hi is None or after <= hi)
        goal = hi if hi is not None else lo
        if met:
            progress = 1.0
        elif goal is not None and before != goal:
            progress = float(np.clip((before - after) / (before - goal), 0, 1))
    if lo and hi:
        target_text, target = f"{lo}-{hi}", [lo, hi]
    elif lo:
        target_text, target = f"≥ {lo}", [lo, None]
    elif hi:
        target_text, target = f"≤ {hi}", [None, hi]
    else:
        target_text, target = "", None
    return {
        "key": "units",
        "label": "units",
        "before": before,
        "after": after,
        "target": target,
        "benchmark": None,
        "met": met,
        "progress": progress,
        "text": f"units {before} → {after}"
        + (f" (target {target_text}{', met' if met else ', not met'})" if target else ""),
    }


def _mean_progress(
    key: str,
    label: str,
    bval: float | None,
    aval: float | None,
    goal: float | None,
    bench: float | None,
    bench_label: str | None,
    digits: int,
    unit: str,
) -> dict:
    """A mean-figure item of :func:`county_progress` (missing figures as ``None``)."""
    met = None
    progress = None
    if aval is None:
        parts = [f"{label} unknown (no population figures)"]
    else:
        parts = [f"{label} {_fmt(bval, digits)} → {_fmt(aval, digits)}{unit}"]
    if goal and aval is not None:
        met = aval >= goal
        if met:
            progress = 1.0
        elif bval is not None and goal != bval:
            progress = float(np.clip((aval - bval) / (goal - bval), 0, 1))
        parts.append(
            f"target {_fmt(goal, digits)}{unit} ({'met' if met else f'{progress:.0%} of the way'})"
        )
    if bench:
        parts.append(f"{bench_label or 'benchmark'} {_fmt(bench, digits)}{unit}")
    return {
        "key": key,
        "label": label,
        "before": bval,
        "after": aval,
        "target": goal or None,
        "benchmark": bench or None,
        "met": met,
        "progress": progress,
        "text": "; ".join(parts),
    }


def county_violations(plan: Plan, rules: RuleSet) -> list[Violation]:
    """Breaches of the county targets."""
    out: list[Violation] = []
    for item in county_progress(plan, rules):
        if item["met"] is not False:
            continue
        if item["key"] == "units":
            lo, hi = item["target"]
            if lo is not None and item["after"] < lo:
                msg = Message(
                    "rules.units_below",
                    "{n} units after the merger, fewer than the target minimum {target}",
                    n=item["after"],
                    target=lo,
                )
            else:
                msg = Message(
                    "rules.units_above",
                    "{n} units after the merger, more than the target maximum {target}",
                    n=item["after"],
                    target=hi,
                )
            out.append(Violation(None, "unit_count", msg))
        elif item["key"] == "mean_population":
            out.append(
                Violation(
                    None,
                    "mean_population",
                    Message(
                        "rules.mean_population",
                        "mean population {value} is below the target {target}",
                        value=Figure(item["after"], 0, "population"),
                        target=Figure(item["target"], 0, "population"),
                    ),
                )
            )
        else:
            out.append(
                Violation(
                    None,
                    "mean_area",
                    Message(
                        "rules.mean_area",
                        "mean area {value} km2 is below the target {target} km2",
                        value=Figure(item["after"], 1),
                        target=Figure(item["target"], 1),
                    ),
                )
            )
    return out


def enlarge_summary(plan: Plan, rules: RuleSet) -> list[dict]:
    """How each town expected to absorb neighbours grew: one line per town.

    Each item: ``category``, ``town`` (id), ``town_name``, ``unit`` (name), ``grew``
    (the town is its unit's seat and the unit has other members), ``towns``,
    ``population`` and ``area_km2`` as ``[before, after]``, and ``text``.
    """
    layer = plan.layer
    out: list[dict] = []
    for cat in rules.enlarge:
        if not cat.enabled:
            continue
        flags = flag_values(layer, cat.field)
        if flags is None:
            continue
        for t in np.flatnonzero(flags).tolist():
            uid = int(plan.unit_of[t])
            s = plan.stats(uid)
            pop = layer.population[t]
            pop_before = 0.0 if pop != pop else float(pop)
            grew = s.towns > 1 and s.seat == t
            what = cat.label or cat.key
            text = (
                f"{layer.names[t]} ({what}): towns 1 → {s.towns}, population "
                f"{_fmt(pop_before)} → {_fmt(s.population)}, area "
                f"{_fmt(float(layer.area_km2[t]), 1)} → {_fmt(s.area_km2, 1)} km2"
            )
            if s.towns == 1:
                text += " — did not grow"
            elif s.seat != t:
                text += f" — absorbed into {plan.units[uid].name}"
            out.append(
                {
                    "category": cat.key,
                    "town": str(layer.ids[t]),
                    "town_name": str(layer.names[t]),
                    "unit": plan.units[uid].name,
                    "grew": grew,
                    "towns": [1, s.towns],
                    "population": [pop_before, s.population],
                    "area_km2": [float(layer.area_km2[t]), s.area_km2],
                    "text": text,
                }
            )
    return out
