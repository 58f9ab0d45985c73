"""What a unit would look like after a move, without touching the plan (Qt-free)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from editor.core.plan import Plan


def preview_assign(plan: Plan, towns: Iterable[int], uid: int) -> tuple[float, float, int]:
    """Population, area (km²) and town count of unit ``uid`` if ``towns`` joined it.

    Towns already in the unit count once. Missing populations (NaN) count as 0, as in
    the unit statistics.
    """
    stats = plan.stats(uid)
    arr = np.unique(np.asarray(list(towns), dtype=np.int64))
    moving = arr[plan.unit_of[arr] != uid] if len(arr) else arr
    layer = plan.layer
    population = stats.population + float(np.nansum(layer.population[moving]))
    area = stats.area_km2 + float(layer.area_km2[moving].sum())
    return population, area, stats.towns + len(moving)
