"""Time a sort by service radius in the units dock (issue: 40,000 units took seconds).

    python benchmarks/make_large.py --towns 40000 --out /tmp/tbe_bench/towns40k.gpkg
    QT_QPA_PLATFORM=offscreen python benchmarks/bench_sort_radius.py /tmp/tbe_bench/towns40k.gpkg new
    QT_QPA_PLATFORM=offscreen python benchmarks/bench_sort_radius.py /tmp/tbe_bench/towns40k.gpkg old

"new" fills the missing radii with one ``seat_arrays`` batch; "old" forces the
one-unit-at-a-time path the dock used before. Measured on this machine (2 cores):
new 0.82 s, old 3.52 s for the first sort; a re-sort (radii cached) 0.05 s either way.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtWidgets import QApplication

import editor.gui.docks.units as um
from editor.core.plan import Plan
from editor.core.project import Project
from editor.gui.docks.units import COL_RADIUS, UnitsModel
from editor.io.load import LoadOptions, open_layer

app = QApplication.instance() or QApplication([])
layer = open_layer(sys.argv[1], LoadOptions())
plan = Plan(layer)
mode = sys.argv[2]
if mode == "old":
    um.BATCH_RADII = 10**9  # never batch: the old per-unit path
m = UnitsModel(Project(layer, plan), lambda c: None)
t = time.perf_counter()
m.sort(COL_RADIUS)
t1 = time.perf_counter() - t
t = time.perf_counter()
m.sort(COL_RADIUS, um.Qt.SortOrder.DescendingOrder)
t2 = time.perf_counter() - t
print(f"{mode}: {len(plan.units)} units, first sort by radius {t1:.2f} s, re-sort {t2:.3f} s")
