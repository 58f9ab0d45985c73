"""How long the side-panel docks take to follow one edit on a 40,000-town layer.

    python benchmarks/make_large.py --out /tmp/tbe_bench/towns40k.gpkg
    QT_QPA_PLATFORM=offscreen python benchmarks/bench_docks.py /tmp/tbe_bench/towns40k.gpkg

Times one ``AssignTowns`` (a town dropped on its neighbour, then undone) pushed
through the undo stack, with and without the docks attached (the difference is the
docks' share), and the synchronous repaint of the docks afterwards. Also times the
first sort of the units view by population, which goes through Python for every
comparison.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt, Signal  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

from editor.core.commands import AssignTowns  # noqa: E402
from editor.core.project import Project  # noqa: E402
from editor.gui import docks  # noqa: E402
from editor.gui.undo import PlanCommand  # noqa: E402
from editor.io.load import open_layer  # noqa: E402


class Window(QMainWindow):
    project_changed = Signal()

    def __init__(self, project: Project):
        super().__init__()
        self.project = project
        self.undo_stack = QUndoStack(self)
        self.canvas = None
        self.menus = {
            k: self.menuBar().addMenu(k) for k in ("file", "edit", "view", "plan", "help")
        }

    def push(self, command: object) -> None:
        self.undo_stack.push(PlanCommand(self.project.plan, command))

    def set_project(self, project: Project) -> None:
        self.project = project
        self.project_changed.emit()


def edits(project: Project, count: int) -> list[tuple[int, int]]:
    """(town, neighbour's unit) pairs spread over the layer."""
    layer = project.layer
    out = []
    step = max(1, layer.n // count)
    for t in range(0, layer.n, step):
        nb = layer.neighbors(t)
        if len(nb):
            out.append((t, int(nb[0])))
        if len(out) == count:
            break
    return out


def time_edits(window: Window, pairs: list[tuple[int, int]], repaint: list) -> list[float]:
    app = QApplication.instance()
    plan = window.project.plan
    times = []
    for town, target in pairs:
        uid = int(plan.unit_of[target])
        t0 = time.perf_counter()
        window.push(AssignTowns([town], uid))
        for w in repaint:
            w.repaint()
        times.append(time.perf_counter() - t0)
        app.processEvents()
        window.undo_stack.undo()
        app.processEvents()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("layer", nargs="?", default="/tmp/tbe_bench/towns40k.gpkg")
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument(
        "--window", action="store_true", help="also time the real MainWindow (canvas + docks)"
    )
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(["bench"])
    t0 = time.perf_counter()
    layer = open_layer(args.layer)
    print(f"layer: {layer.n} towns, opened in {time.perf_counter() - t0:.2f} s")

    bare = Window(Project(layer))
    pairs = edits(bare.project, args.edits)
    base = time_edits(bare, pairs, [])

    window = Window(Project(layer))
    t0 = time.perf_counter()
    d = docks.install(window)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    print(f"docks built and shown in {1000 * (time.perf_counter() - t0):.0f} ms")
    with_docks = time_edits(window, pairs, [])
    painted = time_edits(window, pairs, [dock for dock in d.all() if dock.isVisible()])

    full: list[float] = []
    if args.window:
        from editor.gui.main_window import MainWindow

        main = MainWindow(Project(layer))
        main.resize(1600, 1000)
        main.show()
        app.processEvents()
        full = time_edits(main, pairs, [main])
        main.close()

    t0 = time.perf_counter()
    d.units.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    sort_s = time.perf_counter() - t0
    sorted_times = time_edits(window, pairs, [d.units])

    def ms(xs: list[float]) -> str:
        xs = [1000 * x for x in xs]
        return f"median {statistics.median(xs):.2f} ms, max {max(xs):.2f} ms"

    print(f"push AssignTowns, no docks (core only):   {ms(base)}")
    print(f"push AssignTowns, docks attached:          {ms(with_docks)}")
    print(f"  + synchronous repaint of the docks:      {ms(painted)}")
    docks_share = [a - b for a, b in zip(with_docks, base, strict=True)]
    print(f"docks' share of one edit:                  {ms(docks_share)}")
    if full:
        print(f"MainWindow: push + repaint of the window:  {ms(full)}")
    print(f"first sort of the units by population:     {1000 * sort_s:.0f} ms")
    print(f"edit + repaint with the view sorted:       {ms(sorted_times)}")
    window.close()


if __name__ == "__main__":
    main()
