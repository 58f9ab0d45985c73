"""What a unit would look like after a move, without touching the plan (Qt-free)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from editor.core.plan import Plan


def preview_assign(plan: Plan, towns: Iterable[int], uid: int) -> tuple[float, float, int]:
    """Population, area (km²) and town count of unit ``uid`` if ``towns`` joined it.

    Towns already in the unit count once. The population sums the towns that have a
    figure; it is NaN (missing, shown "—", never 0) when none of them has one. The area
    is the area of the union, as the unit statistics give it: where a moving town
    overlaps the unit's towns (an overlay zone), the overlap is counted once.
    """
    stats = plan.stats(uid)
    arr = np.unique(np.asarray(list(towns), dtype=np.int64))
    moving = arr[plan.unit_of[arr] != uid] if len(arr) else arr
    layer = plan.layer
    pops = layer.population[moving]
    if stats.population_known or not np.isnan(pops).all():
        population = stats.population + float(np.nansum(pops))
    else:
        population = float("nan")
    if len(moving) and len(layer.overlaps) and layer.overlaps.involved[moving].any():
        members = np.fromiter(plan.units[uid].members, dtype=np.int64)
        area = layer.union_area_km2(np.concatenate([members, moving]))
    else:
        area = stats.area_km2 + float(layer.area_km2[moving].sum())
    return population, area, stats.towns + len(moving)
