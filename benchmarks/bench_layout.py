"""Time an A3 overview PDF of a province-sized layer (target: under 15 s).

    python benchmarks/make_large.py --out /tmp/tbe_bench/towns40k.gpkg
    python benchmarks/bench_layout.py /tmp/tbe_bench/towns40k.gpkg [--group 3] [--out /tmp/x.pdf]

``--group N`` merges each town with up to N-1 unassigned neighbours (a plan of about
n/N units); ``--group 1`` is the identity plan (every town its own unit).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def neighbour_groups(layer, size: int) -> dict[str, list[int]]:
    """Greedy groups of up to ``size`` neighbouring towns (deterministic)."""
    unit = np.full(layer.n, -1, dtype=np.int64)
    groups: dict[str, list[int]] = {}
    for i in range(layer.n):
        if unit[i] >= 0:
            continue
        members = [i]
        unit[i] = i
        for j in layer.neighbors(i).tolist():
            if len(members) >= size:
                break
            if unit[j] < 0:
                unit[j] = i
                members.append(j)
        groups[f"单元{i}"] = members
    return groups


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("layer", nargs="?", default="/tmp/tbe_bench/towns40k.gpkg")
    ap.add_argument("--group", type=int, default=3)
    ap.add_argument("--out", default="/tmp/tbe_bench/overview_a3.pdf")
    args = ap.parse_args()

    from editor.core.commands import ApplyAssignment
    from editor.core.plan import Plan
    from editor.io.load import open_layer
    from editor.layout import LayoutSettings, save_layout

    t0 = time.perf_counter()
    layer = open_layer(args.layer)
    plan = Plan(layer)
    if args.group > 1:
        ApplyAssignment(neighbour_groups(layer, args.group)).redo(plan)
    t1 = time.perf_counter()
    print(f"load + plan: {t1 - t0:.1f} s ({layer.n} towns, {len(plan)} units)")
    settings = LayoutSettings(kind="overview", paper="A3", landscape=True)
    written = save_layout(plan, settings, args.out)
    t2 = time.perf_counter()
    size = sum(p.stat().st_size for p in written) / 1e6
    print(f"A3 overview PDF: {t2 - t1:.1f} s -> {written[0]} ({size:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
