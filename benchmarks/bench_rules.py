"""Time the rule checker's share of a large edit on a province-sized layer.

    python benchmarks/make_large.py --out /tmp/tbe_bench/towns40k.gpkg
    python benchmarks/bench_rules.py /tmp/tbe_bench/towns40k.gpkg

Runs a 1,000-town ``AssignTowns`` (and its undo) with no checker, with the default rule
set, and with every per-unit threshold on (service radius included), and prints the
median time of each, so the checker's extra cost per edit can be read off.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from editor.core.commands import AssignTowns
from editor.core.plan import Plan
from editor.core.quota import QuotaCalculator
from editor.core.rules import RuleChecker
from editor.core.ruleset import default_rules
from editor.io.load import open_layer


def timed_edits(plan: Plan, towns: np.ndarray, target: int, repeat: int) -> tuple[float, float]:
    do, undo = [], []
    for _ in range(repeat):
        cmd = AssignTowns(towns, target)
        t = time.perf_counter()
        cmd.redo(plan)
        do.append(time.perf_counter() - t)
        t = time.perf_counter()
        cmd.undo(plan)
        undo.append(time.perf_counter() - t)
    return statistics.median(do) * 1000, statistics.median(undo) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("layer")
    ap.add_argument("--towns", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    t = time.perf_counter()
    layer = open_layer(args.layer)
    print(f"opened {layer.n} towns in {time.perf_counter() - t:.1f} s")
    # a compact block of towns around one seed: breadth-first over the adjacency
    start = layer.n // 2
    seen = {start}
    frontier = [start]
    while len(seen) < args.towns + 1 and frontier:
        nxt = []
        for i in frontier:
            for j in layer.neighbors(i).tolist():
                if j not in seen and len(seen) < args.towns + 1:
                    seen.add(j)
                    nxt.append(j)
        frontier = nxt
    block = np.array(sorted(seen - {start}))
    print(f"moving {len(block)} towns into the unit of town {start}")

    plan = Plan(layer)
    base = timed_edits(plan, block, start, args.repeat)
    print(f"no checker:            assign {base[0]:7.1f} ms   undo {base[1]:7.1f} ms")

    rules = default_rules()
    t = time.perf_counter()
    checker = RuleChecker(plan, rules)
    print(f"attach checker (default rules): {1000 * (time.perf_counter() - t):.0f} ms")
    with_default = timed_edits(plan, block, start, args.repeat)
    print(
        f"default rules:         assign {with_default[0]:7.1f} ms   undo {with_default[1]:7.1f} ms"
    )

    full = default_rules()
    full.thresholds.min_population = 10_000
    full.thresholds.min_area_km2 = 10
    full.thresholds.max_towns = 5
    full.thresholds.max_service_radius_km = 25
    t = time.perf_counter()
    checker.set_rules(full)
    print(f"set_rules (all thresholds): {1000 * (time.perf_counter() - t):.0f} ms")
    with_full = timed_edits(plan, block, start, args.repeat)
    print(f"all thresholds:        assign {with_full[0]:7.1f} ms   undo {with_full[1]:7.1f} ms")
    print(
        f"checker's share of the assign: default {with_default[0] - base[0]:+.1f} ms, "
        f"all thresholds {with_full[0] - base[0]:+.1f} ms"
    )
    t = time.perf_counter()
    n = len(checker.violations())
    print(f"violations() with {n} violations: {1000 * (time.perf_counter() - t):.1f} ms")
    checker.close()

    q = QuotaCalculator(layer, rules.quota)
    t = time.perf_counter()
    q.totals(plan)
    print(f"quota old/new totals over all units: {1000 * (time.perf_counter() - t):.1f} ms")


if __name__ == "__main__":
    main()
