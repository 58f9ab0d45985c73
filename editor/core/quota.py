"""Staffing quota calculator (编制测算) for merged units.

quota = basic + indicator quota + key-guarantee quota, where

* indicator quota = population / 10,000 x w_pop + area / 100 km² x w_area
  + village count x w_village;
* key-guarantee quota adds a bonus to a unit over the population line (100,000 by
  default), the unit holding the county-seat town, and units holding an economically
  developed or a pilot town (flag fields chosen in the rule set).

A merged unit's quota is recomputed from its own totals, never added up from its
members' old quotas (a merger saves the basic quota of every town it folds in). The
"old total" is the sum of each original town's own quota under the same method, so
old vs new compares like with like. Weights live in the rule set
(:class:`~editor.core.ruleset.QuotaRules`); the defaults there are examples.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from editor.core.messages import Figure, Message
from editor.core.plan import Plan
from editor.core.ruleset import QuotaRules, flag_values, number_values
from editor.core.towns import TownLayer


@dataclass(frozen=True)
class Quota:
    """One unit's staffing quota and how it was reached.

    ``reasons`` are the key-guarantee reasons, as Messages (English text, worded in the
    user's language by the GUI).
    """

    basic: float
    population: float
    area: float
    villages: float
    key_guarantee: float
    reasons: tuple[Message, ...]
    total: float

    @property
    def indicator(self) -> float:
        return self.population + self.area + self.villages

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "basic": round(self.basic, 4),
            "indicator": round(self.indicator, 4),
            "population": round(self.population, 4),
            "area": round(self.area, 4),
            "villages": round(self.villages, 4),
            "key_guarantee": round(self.key_guarantee, 4),
            "reasons": list(self.reasons),
        }


def _round(values: np.ndarray, how: str) -> np.ndarray:
    if how == "round":  # half up, as a person does it (numpy rounds half to even)
        return np.floor(values + 0.5)
    if how == "ceil":
        return np.ceil(values - 1e-9)
    if how == "floor":
        return np.floor(values + 1e-9)
    return values


class QuotaCalculator:
    """The quota method applied to a layer's towns and a plan's units.

    ``notes`` says which fields the rule set names that the layer lacks (their part of
    the quota is then 0), so the panel and the CLI can tell the user.
    """

    def __init__(self, layer: TownLayer, rules: QuotaRules):
        self.layer = layer
        self.rules = rules
        self.notes: list[str] = []
        n = layer.n
        villages = None
        if rules.village_field:
            villages = number_values(layer, rules.village_field)
            if villages is None:
                self.notes.append(
                    f"village count field {rules.village_field!r} is not in the layer: "
                    "village quota counted as 0"
                )
        self.villages = np.zeros(n) if villages is None else np.nan_to_num(villages, nan=0.0)
        self.developed = self._flag(rules.developed_field, "economically developed")
        self.pilot = self._flag(rules.pilot_field, "pilot")
        self._town_totals: np.ndarray | None = None

    def _flag(self, spec: str, what: str) -> np.ndarray:
        if not spec:
            return np.zeros(self.layer.n, dtype=bool)
        values = flag_values(self.layer, spec)
        if values is None:
            self.notes.append(f"{what} town field {spec!r} is not in the layer: no bonus given")
            return np.zeros(self.layer.n, dtype=bool)
        return values

    # -- the formula, on arrays -------------------------------------------------------------
    def _compute(
        self,
        population: np.ndarray,
        area: np.ndarray,
        villages: np.ndarray,
        county_seat: np.ndarray,
        developed: np.ndarray,
        pilot: np.ndarray,
    ) -> dict[str, np.ndarray]:
        r = self.rules
        pop_q = population / 10_000.0 * r.per_10k_population
        area_q = area / 100.0 * r.per_100_km2
        vill_q = villages * r.per_village
        large = population > r.large_population if r.large_population > 0 else population < 0
        key = (
            large * r.large_population_bonus
            + county_seat * r.county_seat_bonus
            + developed * r.developed_bonus
            + pilot * r.pilot_bonus
        )
        basic = np.full(len(population), float(r.basic))
        total = _round(basic + pop_q + area_q + vill_q + key, r.rounding)
        return {
            "basic": basic,
            "population": pop_q,
            "area": area_q,
            "villages": vill_q,
            "key": key,
            "large": large,
            "total": total,
        }

    def _quota(self, parts: dict[str, np.ndarray], k: int, flags: tuple[bool, bool, bool]) -> Quota:
        r = self.rules
        reasons: list[Message] = []
        if parts["large"][k] and r.large_population_bonus:
            reasons.append(
                Message(
                    "quota.large_population", "population over {n}", n=Figure(r.large_population)
                )
            )
        for on, bonus, text in zip(
            flags,
            (r.county_seat_bonus, r.developed_bonus, r.pilot_bonus),
            (
                Message("quota.county_seat", "county-seat town"),
                Message("quota.developed", "economically developed town"),
                Message("quota.pilot", "pilot town"),
            ),
            strict=True,
        ):
            if on and bonus:
                reasons.append(text)
        total = float(parts["total"][k])
        return Quota(
            basic=float(parts["basic"][k]),
            population=float(parts["population"][k]),
            area=float(parts["area"][k]),
            villages=float(parts["villages"][k]),
            key_guarantee=float(parts["key"][k]),
            reasons=tuple(reasons),
            total=int(total) if r.rounding != "none" else total,
        )

    # -- towns and units --------------------------------------------------------------------
    def town(self, t: int) -> Quota:
        """The quota one original town has on its own."""
        layer = self.layer
        m = np.array([t])
        flags = (bool(layer.county_seat[t]), bool(self.developed[t]), bool(self.pilot[t]))
        parts = self._compute(
            np.nan_to_num(layer.population[m], nan=0.0),
            layer.area_km2[m],
            self.villages[m],
            np.array(flags[:1]),
            np.array(flags[1:2]),
            np.array(flags[2:]),
        )
        return self._quota(parts, 0, flags)

    def unit(self, plan: Plan, uid: int) -> Quota:
        """The quota of a merged unit, recomputed from its own totals."""
        m = plan.members(uid)
        s = plan.stats(uid)
        flags = (bool(s.county_seat), bool(self.developed[m].any()), bool(self.pilot[m].any()))
        parts = self._compute(
            np.array([s.population]),
            np.array([s.area_km2]),
            np.array([self.villages[m].sum()]),
            np.array(flags[:1]),
            np.array(flags[1:2]),
            np.array(flags[2:]),
        )
        return self._quota(parts, 0, flags)

    def town_totals(self) -> np.ndarray:
        """Every original town's own quota total (vectorised, computed once)."""
        if self._town_totals is not None:
            return self._town_totals
        layer = self.layer
        parts = self._compute(
            np.nan_to_num(layer.population, nan=0.0),
            layer.area_km2,
            self.villages,
            layer.county_seat,
            self.developed,
            self.pilot,
        )
        self._town_totals = parts["total"]
        return self._town_totals

    def unit_totals(self, plan: Plan) -> dict[int, float]:
        """Every unit's quota total, in one pass over the towns (fast on large layers)."""
        layer = self.layer
        uids, inverse = np.unique(plan.unit_of, return_inverse=True)
        k = len(uids)

        def add(values: np.ndarray) -> np.ndarray:
            return np.bincount(inverse, weights=np.asarray(values, dtype=np.float64), minlength=k)

        parts = self._compute(
            add(np.nan_to_num(layer.population, nan=0.0)),
            add(layer.area_km2),
            add(self.villages),
            add(layer.county_seat) > 0,
            add(self.developed) > 0,
            add(self.pilot) > 0,
        )
        return dict(zip(uids.tolist(), parts["total"].tolist(), strict=True))

    def old_total(self) -> float:
        """Sum of the original towns' own quotas (what the county has before the merger)."""
        return float(self.town_totals().sum())

    def totals(self, plan: Plan) -> dict[str, float]:
        """Old total (each original town's own quota) vs new (the merged units')."""
        old = self.old_total()
        new = float(sum(self.unit_totals(plan).values()))
        return {"old": old, "new": new, "change": new - old}

    def old_total_of(self, plan: Plan, uid: int) -> float:
        """Sum of the own quotas of a unit's member towns (the panel's "old" figure)."""
        return float(self.town_totals()[plan.members(uid)].sum())
