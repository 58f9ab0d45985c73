"""What a unit would look like if some towns joined it (for drag previews; Qt-free).

Computed from the unit's kept statistics and the layer's arrays, without touching
the plan: cheap enough to call on every mouse move during a drag.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from editor.core.plan import Plan


@dataclass(frozen=True)
class AssignPreview:
    """Figures of ``unit`` after the towns joined it, and before."""

    unit: int
    towns: int  # member towns after
    added: int  # towns that would join (not already members)
    population: float
    area_km2: float
    missing_population: int
    population_before: float
    area_km2_before: float
    towns_before: int

    @property
    def population_delta(self) -> float:
        return self.population - self.population_before

    @property
    def area_delta_km2(self) -> float:
        return self.area_km2 - self.area_km2_before


def preview_assign(plan: Plan, towns: Iterable[int], uid: int) -> AssignPreview:
    """The figures of unit ``uid`` if ``towns`` were assigned to it.

    Towns already in the unit are not counted twice; the plan is not changed.
    """
    uid = int(uid)
    s = plan.stats(uid)
    t = np.unique(
        np.asarray(list(towns) if not isinstance(towns, np.ndarray) else towns, dtype=np.int64)
    )
    if len(t):
        t = t[plan.unit_of[t] != uid]
    pop = plan.layer.population[t]
    return AssignPreview(
        unit=uid,
        towns=s.towns + len(t),
        added=len(t),
        population=s.population + float(np.nansum(pop)),
        area_km2=s.area_km2 + float(plan.layer.area_km2[t].sum()),
        missing_population=s.missing_population + int(np.isnan(pop).sum()),
        population_before=s.population,
        area_km2_before=s.area_km2,
        towns_before=s.towns,
    )
