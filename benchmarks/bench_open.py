"""Time opening a 40,000-town layer and a 1,000-town reassignment, beside libpysal and GerryChain.

    python benchmarks/make_large.py --out /tmp/tbe_bench/towns40k.gpkg
    python benchmarks/bench_open.py /tmp/tbe_bench/towns40k.gpkg

"open" = read (pyogrio), field mapping, repair check, ellipsoidal areas and tolerant
edge adjacency: everything needed before the first edit. libpysal's ``Rook`` and
GerryChain's ``Graph.from_geodataframe`` build only the adjacency graph (exact shared
edges, no tolerance) from an already-read GeoDataFrame; their read time is added
separately. Needs ``pip install -e .[bench]`` for the comparisons (skipped otherwise).
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np


def timed(fn, repeat: int = 3):
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("layer", nargs="?", default="/tmp/tbe_bench/towns40k.gpkg")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    warnings.filterwarnings("ignore")

    from editor.core.commands import AssignTowns
    from editor.core.history import History
    from editor.core.plan import Plan
    from editor.core.rules import RuleChecker
    from editor.io.load import open_layer

    best, med, layer = timed(lambda: open_layer(args.layer), args.repeat)
    print(
        f"editor open (read+areas+adjacency): {layer.n} towns, {len(layer.adjacency.pairs())} adjacent pairs: best {best:.2f} s, median {med:.2f} s"
    )

    plan = Plan(layer)
    checker = RuleChecker(plan)
    history = History(plan)
    rng = np.random.default_rng(0)
    # 1,000 towns (a contiguous blob grown by BFS, like a paint sweep) into one unit
    times = []
    for _k in range(10):
        start = int(rng.integers(layer.n))
        blob, frontier, seen = [], [start], {start}
        while frontier and len(blob) < 1000:
            t = frontier.pop(0)
            blob.append(t)
            for nb in layer.neighbors(t).tolist():
                if nb not in seen:
                    seen.add(nb)
                    frontier.append(nb)
        target = int(plan.unit_of[blob[0]])
        t0 = time.perf_counter()
        history.push(AssignTowns(blob[1:], target))
        _ = plan.summary()
        _ = checker.violations()
        times.append(time.perf_counter() - t0)
    print(
        f"reassign 1,000 towns + statistics + rule check: best {min(times) * 1000:.1f} ms, median {statistics.median(times) * 1000:.1f} ms"
    )
    t0 = time.perf_counter()
    history.undo()
    print(f"undo of it: {(time.perf_counter() - t0) * 1000:.1f} ms")
    single = []
    for _ in range(50):
        t = int(rng.integers(layer.n))
        nb = int(layer.neighbors(t)[0])
        t0 = time.perf_counter()
        history.push(AssignTowns([t], int(plan.unit_of[nb])))
        single.append(time.perf_counter() - t0)
    print(
        f"single-town drag (assign + statistics + rules): median {statistics.median(single) * 1000:.2f} ms"
    )

    import pyogrio

    best, med, gdf = timed(lambda: pyogrio.read_dataframe(args.layer), args.repeat)
    print(f"pyogrio read alone: best {best:.2f} s")
    try:
        from libpysal.weights import Rook

        best, med, w = timed(
            lambda: Rook.from_dataframe(gdf, use_index=False, silence_warnings=True), args.repeat
        )
        print(
            f"libpysal Rook.from_dataframe (exact shared edges): best {best:.2f} s, median {med:.2f} s, {w.s0 / 2:.0f} pairs"
        )
    except ImportError:
        print("libpysal not installed: pip install -e .[bench]")
    try:
        from gerrychain import Graph

        best, med, g = timed(lambda: Graph.from_geodataframe(gdf, ignore_errors=True), 1)
        print(
            f"GerryChain Graph.from_geodataframe (rook): {best:.2f} s, {g.number_of_edges()} edges"
        )
    except ImportError:
        print("gerrychain not installed: pip install -e .[bench]")


if __name__ == "__main__":
    main()
