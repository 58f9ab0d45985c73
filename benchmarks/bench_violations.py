"""The map editor on a province where half the units break a rule.

    python benchmarks/make_large.py --out /tmp/tbe_bench/towns40k.gpkg
    QT_QPA_PLATFORM=offscreen python benchmarks/bench_violations.py /tmp/tbe_bench/towns40k.gpkg

A minimum population of 20,000 per merged unit flags about 19,000 of the 40,000
single-town units: every one is hatched on the map and listed in the warnings dock.
Times the window's first draw, single-town drops (push + pending events, like
``bench_gui.py``) and the first zoom closer than the overview image.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("layer", nargs="?", default="/tmp/tbe_bench/towns40k.gpkg")
    ap.add_argument("--min-population", type=float, default=20000)
    args = ap.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer

    from editor.gui.app import create_app

    app = create_app(sys.argv[:1], lang="en")
    from editor.core.commands import AssignTowns
    from editor.core.project import Project
    from editor.core.ruleset import default_rules
    from editor.gui.main_window import MainWindow
    from editor.io.load import open_layer

    layer = open_layer(args.layer)
    rules = default_rules()
    rules.thresholds.min_population = args.min_population
    t = time.perf_counter()
    project = Project(layer, rules=rules)
    print(
        f"project with rule check: {time.perf_counter() - t:.2f} s, units in violation: {len(project.checker.units_in_violation())}"
    )
    t = time.perf_counter()
    window = MainWindow(project)
    window.resize(1600, 1000)
    loop = QEventLoop()
    window.canvas.drawn.connect(loop.quit)
    QTimer.singleShot(30000, loop.quit)
    window.show()
    loop.exec()
    print(f"window drawn: {time.perf_counter() - t:.2f} s")
    times = []
    for k in range(20):
        town = 100 + k * 37
        neighbour = int(layer.neighbors(town)[0])
        t = time.perf_counter()
        window.push(AssignTowns([neighbour], int(project.plan.unit_of[town])))
        app.processEvents()
        times.append(time.perf_counter() - t)
    print(
        f"drop to panel updated: median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"
    )
    t = time.perf_counter()
    window.canvas.zoom_by(8)
    app.processEvents()
    print(f"first zoom closer than the overview image: {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
