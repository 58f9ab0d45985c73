"""The one colouring: batch (layouts, exports) and incremental (canvas) agree."""

from __future__ import annotations

import numpy as np

from editor.core.coloring import UnitColoring, greedy_colors, unit_colors
from editor.core.commands import AssignTowns
from editor.core.plan import Plan
from tests.support import grid_layer


def test_batch_and_incremental_start_from_the_same_colours():
    plan = Plan(grid_layer(6, 5))
    coloring = UnitColoring(plan)
    assert coloring.index == unit_colors(plan)
    assert coloring.conflicts() == []


def test_an_edit_recolours_only_touched_units():
    plan = Plan(grid_layer(6, 5))
    coloring = UnitColoring(plan)
    changes = []
    plan.events.changed.connect(changes.append)
    before = dict(coloring.index)
    AssignTowns([1, 6, 7], 0).redo(plan)  # grid 6x5: towns 1, 6, 7 border town 0
    (change,) = changes
    changed = coloring.update(change)
    assert changed <= set(change.touched)
    for uid, c in coloring.index.items():
        if uid not in change.touched:
            assert before[uid] == c
    assert coloring.conflicts() == []


def test_greedy_colours_are_proper_and_spread():
    # a 20 x 20 grid with diagonals (8 neighbours each): every palette colour is used
    n = 20
    pairs = []
    for i in range(n):
        for j in range(n):
            k = i * n + j
            for di, dj in ((0, 1), (1, -1), (1, 0), (1, 1)):
                a, b = i + di, j + dj
                if 0 <= a < n and 0 <= b < n:
                    pairs.append((k, a * n + b))
    pairs = np.array(pairs)
    colors = greedy_colors(n * n, pairs)
    assert (colors[pairs[:, 0]] != colors[pairs[:, 1]]).all()
    counts = np.bincount(colors)
    assert len(counts) == 10 and counts.min() > 0
