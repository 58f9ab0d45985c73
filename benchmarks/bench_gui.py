"""Time the map editor on a large layer: open to first drawn map, full redraw, drop latency.

    python benchmarks/make_large.py --out /tmp/tbe_bench/towns40k.gpkg
    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py /tmp/tbe_bench/towns40k.gpkg

Targets on a 2-core machine: drawn < 3 s, redraw < 100 ms, update < 16 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("layer", nargs="?", default="/tmp/tbe_bench/towns40k.gpkg")
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument(
        "--canvas-only", action="store_true", help="no docks or other features: the map alone"
    )
    args = ap.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer

    from editor.gui.app import create_app

    app = create_app(sys.argv[:1], lang="en")
    t0 = time.perf_counter()
    from editor.core.commands import AssignTowns
    from editor.core.project import Project
    from editor.gui.main_window import MainWindow
    from editor.io.load import LoadOptions, open_layer

    t_imports = time.perf_counter()
    layer = open_layer(args.layer, LoadOptions())
    t_layer = time.perf_counter()
    project = Project(layer, source_path=args.layer)
    window = MainWindow(project, install_features=not args.canvas_only)
    window.resize(1600, 1000)
    t_window = time.perf_counter()
    loop = QEventLoop()
    window.canvas.drawn.connect(loop.quit)
    QTimer.singleShot(30000, loop.quit)
    window.show()
    loop.exec()
    t_drawn = time.perf_counter()
    print(f"towns: {layer.n}")
    print(f"open to first drawn map (cold start incl. imports): {t_drawn - t0:.2f} s")
    print(f"  imports                {t_imports - t0:.2f} s")
    print(f"  read + build layer     {t_layer - t0:.2f} s")
    print(f"  window + map items     {t_window - t_layer:.2f} s")
    print(f"  show + first paint     {t_drawn - t_window:.2f} s")

    canvas = window.canvas
    canvas.zoom_to_all()
    app.processEvents()
    canvas.relayout_labels()
    vp = canvas.viewport()
    times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        vp.repaint()
        times.append(time.perf_counter() - t)
    print(
        f"full redraw at full extent (viewport repaint, {vp.width()}x{vp.height()}): "
        f"median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"
    )
    t = time.perf_counter()
    window.grab()
    print(f"window grab (all docks too): {(time.perf_counter() - t) * 1000:.1f} ms")

    plan = project.plan
    lat, push_only = [], []
    for k in range(args.repeat):
        town = 1000 + 37 * k
        nb = layer.neighbors(town)
        target = int(plan.unit_of[int(nb[0])])
        t = time.perf_counter()
        window.push(AssignTowns([town], target))
        t_push = time.perf_counter()
        app.processEvents()  # queued dock updates, if any
        t_done = time.perf_counter()
        push_only.append(t_push - t)
        lat.append(t_done - t)
    print(
        f"drop to panel updated (push + pending events): median {statistics.median(lat) * 1000:.1f} ms,"
        f" max {max(lat) * 1000:.1f} ms (push alone: median {statistics.median(push_only) * 1000:.1f} ms)"
    )
    t = time.perf_counter()
    window.undo_stack.undo()
    app.processEvents()
    print(f"undo of one drop: {(time.perf_counter() - t) * 1000:.1f} ms")

    # the same layer opened again in the running window: no imports, warm file cache
    t = time.perf_counter()
    layer = open_layer(args.layer, LoadOptions())
    t_layer = time.perf_counter()
    window.set_project(Project(layer, source_path=args.layer))
    t_window = time.perf_counter()
    loop = QEventLoop()
    window.canvas.drawn.connect(loop.quit)
    QTimer.singleShot(30000, loop.quit)
    loop.exec()
    t_drawn = time.perf_counter()
    print(f"open layer in a running window to drawn map: {t_drawn - t:.2f} s")
    print(f"  read + build layer     {t_layer - t:.2f} s")
    print(f"  project + map items    {t_window - t_layer:.2f} s")
    print(f"  first paint            {t_drawn - t_window:.2f} s")
    window.close()


if __name__ == "__main__":
    main()
