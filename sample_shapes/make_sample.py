"""Generate the bundled sample county (a fictional county in southwest China).

Writes, into ``sample_shapes/`` (or ``--out DIR``):

* ``sample_county.shp`` (+ .shx .dbf .prj .cpg): 40 towns forming an exact polygon
  coverage in CGCS2000 geographic coordinates (EPSG:4490), with Chinese field names;
* ``border_line.shp`` (+ .shx .dbf .prj .cpg): the national border line (示意) along the
  county's southwest side, built from the very vertices of the border towns' outer edges;
* ``sample_plan.csv``: a plausible merger plan (UTF-8 with BOM);
* ``sample_villages.shp`` (+ .shx .dbf .prj .cpg): every town split into its
  ``村委会数`` villages, an exact coverage whose edges along town lines are the towns'
  own vertices, with the parent town's name and code on each village;
* ``sample_village_plan.csv``: a village merger within towns (UTF-8 with BOM), and
  ``sample_village_plan_violations.csv``: the same with one unit crossing a town line.

The output is deterministic: a fixed seed, no network, fixed DBF dates and coordinates
rounded to 1e-7 degree (about 1 cm), so running the script twice gives identical bytes.

Run ``python sample_shapes/make_sample.py`` from the repository root.
"""

from __future__ import annotations

import argparse
import csv
import math
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely import LineString, MultiPoint, Point, Polygon
from shapely.strtree import STRtree

SEED = 20240601
N_TOWNS = 40
TARGET_AREA_KM2 = 1700.0
MEAN_POPULATION = 22_000
COUNTY_CODE = "530830"  # fictional: no county in 普洱/临沧 uses this code
N_BORDER = 7
BORDER_BEARING_DEG = 225.0  # the southwest side, measured counter-clockwise from east
CENTRE_LON, CENTRE_LAT = 99.98, 23.90
# Local equal-area plane the county is drawn in (metres); GRS80 is the CGCS2000
# ellipsoid to well below a millimetre.
LOCAL_CRS = f"+proj=laea +lat_0={CENTRE_LAT} +lon_0={CENTRE_LON} +ellps=GRS80 +units=m +no_defs"
DBF_DATE = "2024-06-01"  # fixed so the .dbf header does not carry today's date
COORD_DECIMALS = 7
SEAT_XY = np.array([1500.0, 2500.0])  # the county seat lies a little north-east of centre

# Fictional names. Border towns get Dai-style 勐 names; the rest are common Han and
# minority place-name patterns. Any match with a real place is coincidence.
SEAT_NAME = "城关镇"
STREET_NAMES = ["凤鸣街道", "东城街道"]
HISTORIC_NAMES = ["旧州镇", "文笔镇"]
CENTRE_NAMES = ["新营镇", "河西镇"]
BORDER_ZHEN = ["勐岚镇", "勐翁镇", "勐桂镇", "勐蚌镇"]
BORDER_XIANG = ["勐芒乡", "勐弄乡", "勐洪乡", "南帕乡"]
ZHEN_NAMES = [
    "龙潭镇",
    "石桥镇",
    "凤岗镇",
    "大寨镇",
    "温泉镇",
    "永和镇",
    "太平镇",
    "清水镇",
    "白沙镇",
    "青龙镇",
    "兴隆镇",
    "民乐镇",
    "安定镇",
    "那鲁镇",
    "长坡镇",
    "麻栗镇",
]
XIANG_NAMES = [
    "竹林乡",
    "马鞍山乡",
    "岔河彝族乡",
    "糯扎拉祜族乡",
    "芒洪傣族乡",
    "班况乡",
    "小湾乡",
    "梁子乡",
    "翁堵乡",
    "平掌乡",
    "大坪乡",
    "勐撒乡",
    "金竹乡",
    "黑河乡",
]


@dataclass
class Town:
    """One generated town, in the local metric plane until written."""

    geom: Polygon
    code: str = ""
    name: str = ""
    population: int = 0
    area_km2: float = 0.0
    border: int = 0
    historic: int = 0
    seat: int = 0
    centre: int = 0
    villages: int = 0


# --------------------------------------------------------------------------- geometry


def make_outline(rng: np.random.Generator) -> Polygon:
    """An irregular, star-shaped county outline of about TARGET_AREA_KM2 (metres)."""
    theta = np.linspace(0.0, 2.0 * np.pi, 2880, endpoint=False)
    # Base ellipse, a little longer east-west, tilted.
    a, b, tilt = 27_000.0, 20_000.0, 0.35
    t = theta - tilt
    r = a * b / np.sqrt((b * np.cos(t)) ** 2 + (a * np.sin(t)) ** 2)
    # A red-noise spectrum: big lobes and bays, then ever finer valleys and ridges.
    wiggle = np.zeros_like(theta)
    for k in range(2, 240):
        amp = 0.10 / k**0.8 if k < 7 else 0.048 / (k / 7.0) ** 1.35
        wiggle += amp * rng.normal() * np.cos(k * theta + rng.uniform(0, 2 * np.pi))
    r = r * (1.0 + wiggle)
    outline = Polygon(np.column_stack([r * np.cos(theta), r * np.sin(theta)]))
    scale = math.sqrt(TARGET_AREA_KM2 * 1e6 / outline.area)
    outline = Polygon(np.column_stack([scale * r * np.cos(theta), scale * r * np.sin(theta)]))
    if not outline.is_valid:
        raise RuntimeError("generated outline is not a valid polygon")
    return outline


def make_seeds(rng: np.random.Generator, outline: Polygon, seat_xy: np.ndarray) -> np.ndarray:
    """Town seed points: best-candidate sampling, denser near the county seat.

    Spacing is scaled by distance from the seat so central towns come out small and
    outlying mountain towns large, as in real counties.
    """
    minx, miny, maxx, maxy = outline.bounds
    inner = outline.buffer(-1500.0)
    ring = outline.exterior
    seeds = [seat_xy]
    radius = math.sqrt(outline.area / math.pi)

    def local_scale(p: np.ndarray) -> float:
        d = float(np.hypot(*(p - seat_xy)))
        return 0.35 + 1.0 * min(1.0, d / radius) ** 1.3

    while len(seeds) < N_TOWNS:
        best, best_score = None, -1.0
        for _ in range(30):
            p = np.array([rng.uniform(minx, maxx), rng.uniform(miny, maxy)])
            if not inner.contains(Point(p)):
                continue
            d_seed = float(np.min(np.hypot(*(np.asarray(seeds) - p).T)))
            # A seed too near the edge makes a sliver town; count the edge as a neighbour.
            d_edge = 2.0 * ring.distance(Point(p))
            score = min(d_seed, d_edge) / local_scale(p)
            if score > best_score:
                best, best_score = p, score
        if best is not None:
            seeds.append(best)
    return np.asarray(seeds)


def _wiggle_edge(line: LineString, rng: np.random.Generator, amp_factor: float) -> LineString:
    """Bend an interior edge like a natural boundary, keeping its two end nodes.

    The offset is a random sine series along the edge, normal to the chord, zero and
    flat at both ends; the edge is densified to about 120 m first.
    """
    (x0, y0), (x1, y1) = line.coords[0], line.coords[-1]
    length = math.hypot(x1 - x0, y1 - y0)
    n = max(2, int(length / 120.0))
    t = np.linspace(0.0, 1.0, n + 1)
    offset = np.zeros_like(t)
    for j in range(1, 14):
        offset += rng.normal() / j**1.3 * np.sin(j * np.pi * t)
    # The envelope keeps the edge's direction at both nodes, so bending does not
    # sharpen the angles where edges meet (thin wedges along the outline).
    offset *= amp_factor * 0.13 * length * np.sin(np.pi * t)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    xs = x0 + t * (x1 - x0) - uy * offset
    ys = y0 + t * (y1 - y0) + ux * offset
    xs[0], ys[0], xs[-1], ys[-1] = x0, y0, x1, y1  # end nodes exactly as they were
    return LineString(np.column_stack([xs, ys]))


def make_coverage(
    rng: np.random.Generator, outline: Polygon, seeds: np.ndarray
) -> tuple[list[Polygon], list[LineString]]:
    """Voronoi cells clipped to the outline, with organic shared edges.

    All cell boundaries and the outline are noded into one set of edges, interior
    edges are bent, and the faces are rebuilt with ``polygonize``: each shared edge
    exists once, so neighbours share it exactly.

    Returns the towns and the outline pieces (edges along the county boundary).
    """
    cells = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=outline.buffer(20_000.0))
    linework = shapely.unary_union(
        [shapely.boundary(g) for g in shapely.get_parts(cells)] + [outline.exterior]
    )
    pieces = list(shapely.get_parts(shapely.line_merge(linework, directed=False)))
    # line_merge joins through degree-2 vertices only, so pieces run node to node.
    ring = outline.exterior
    interior, outer = [], []
    for piece in pieces:
        mid = shapely.line_interpolate_point(piece, 0.5, normalized=True)
        if ring.distance(mid) < 1e-6:
            outer.append(piece)
        elif outline.contains(mid):
            interior.append(piece)
    # Order pieces by their coordinates so the random draws do not depend on GEOS's
    # output order.
    interior.sort(key=lambda g: (round(g.centroid.x, 3), round(g.centroid.y, 3)))
    amp = [1.0] * len(interior)
    draws = [rng.integers(0, 2**32) for _ in interior]
    for _attempt in range(8):
        bent = [
            _wiggle_edge(g, np.random.default_rng(d), a)
            for g, d, a in zip(interior, draws, amp, strict=True)
        ]
        everything = bent + outer
        tree = STRtree(everything)
        bad = set()
        for i, j in zip(*tree.query(bent, predicate="intersects"), strict=True):
            if i == j:
                continue
            shared = shapely.intersection(bent[i], everything[j])
            ends = shapely.union(shapely.boundary(bent[i]), shapely.boundary(everything[j]))
            if not shapely.covered_by(shared, ends):
                bad.add(i)
                if j < len(bent):
                    bad.add(j)
        if not bad:
            break
        for i in bad:
            amp[i] *= 0.5
    else:
        raise RuntimeError("could not bend the town edges without crossings")
    faces = list(shapely.get_parts(shapely.polygonize(bent + outer)))
    if len(faces) != len(seeds):
        raise RuntimeError(f"expected {len(seeds)} towns, polygonize gave {len(faces)}")
    return faces, outer


def to_cgcs2000(geoms: list, transformer: Transformer) -> list:
    """Project local-plane geometries to CGCS2000 lon/lat, rounded to 1e-7 degree.

    The transform and the rounding are per vertex, so a vertex shared by two towns
    (or by a town and the border line) stays identical in both.
    """

    def project(xy: np.ndarray) -> np.ndarray:
        lon, lat = transformer.transform(xy[:, 0], xy[:, 1])
        return np.round(np.column_stack([lon, lat]), COORD_DECIMALS)

    return [shapely.transform(g, project) for g in geoms]


# ------------------------------------------------------------------------- attributes


def adjacency(polys: list[Polygon], min_shared_m: float = 1.0) -> dict[int, set[int]]:
    """Neighbours by shared edge (corner contact does not count)."""
    tree = STRtree(polys)
    adj: dict[int, set[int]] = {i: set() for i in range(len(polys))}
    for i, j in zip(*tree.query(polys, predicate="intersects"), strict=True):
        if i < j:
            shared = shapely.intersection(polys[i].boundary, polys[j].boundary)
            if shared.length >= min_shared_m:
                adj[i].add(int(j))
                adj[j].add(int(i))
    return adj


def pick_border_towns(
    polys: list[Polygon], outer: list[LineString]
) -> tuple[list[int], LineString]:
    """The N_BORDER towns along the southwest side and the border line along them.

    Outer pieces are walked around the county in angle order; consecutive pieces of
    the same town form a run, and the N_BORDER runs centred on the southwest bearing
    make the border. The line is the merge of their pieces, so it is made of the very
    vertices of those towns' outer edges.
    """
    tree = STRtree(polys)

    def owner(piece: LineString) -> int:
        mid = shapely.line_interpolate_point(piece, 0.5, normalized=True)
        hits = [int(i) for i in tree.query(mid) if polys[i].boundary.distance(mid) < 1e-6]
        if len(hits) != 1:
            raise RuntimeError("an outer edge does not belong to exactly one town")
        return hits[0]

    def bearing(piece: LineString) -> float:
        mid = shapely.line_interpolate_point(piece, 0.5, normalized=True)
        return math.degrees(math.atan2(mid.y, mid.x)) % 360.0

    ordered = sorted(outer, key=bearing)
    runs: list[tuple[int, list[LineString]]] = []
    for piece in ordered:
        town = owner(piece)
        if runs and runs[-1][0] == town:
            runs[-1][1].append(piece)
        else:
            runs.append((town, [piece]))
    if len(runs) > 1 and runs[0][0] == runs[-1][0]:  # the walk wrapped around
        runs[0] = (runs[0][0], runs[-1][1] + runs[0][1])
        runs.pop()

    def run_gap(run: tuple[int, list[LineString]]) -> float:
        merged = shapely.line_merge(shapely.union_all(run[1]))
        mid = shapely.line_interpolate_point(merged, 0.5, normalized=True)
        diff = math.degrees(math.atan2(mid.y, mid.x)) % 360.0 - BORDER_BEARING_DEG
        return abs((diff + 180.0) % 360.0 - 180.0)

    centre = min(range(len(runs)), key=lambda k: run_gap(runs[k]))
    half = N_BORDER // 2
    chosen = [runs[(centre + k) % len(runs)] for k in range(-half, N_BORDER - half)]
    towns = [town for town, _ in chosen]
    if len(set(towns)) != N_BORDER:
        raise RuntimeError("a border town touches the border twice; change the seed")
    line = shapely.line_merge(shapely.union_all([p for _, ps in chosen for p in ps]))
    if line.geom_type != "LineString":
        raise RuntimeError("the border pieces do not join into one line")
    return towns, line


def assign_attributes(
    rng: np.random.Generator, towns: list[Town], adj: dict[int, set[int]], border: list[int]
) -> None:
    """Roles, names, codes, populations and village counts (in place)."""
    n = len(towns)
    cent = np.array([[t.geom.centroid.x, t.geom.centroid.y] for t in towns])
    seat = int(np.argmin(np.hypot(*(cent - SEAT_XY).T)))
    dist = np.hypot(*(cent - cent[seat]).T)
    for i in border:
        towns[i].border = 1
    towns[seat].seat = 1
    streets = sorted((j for j in adj[seat] if j not in border), key=lambda j: dist[j])[:2]

    taken = {seat, *streets, *border}
    near_seat = {seat, *adj[seat]}
    # Historic and centre towns: interior towns away from the seat and the border,
    # spread apart (greedy farthest point, deterministic given the geometry).
    candidates = [
        i
        for i in range(n)
        if i not in taken
        and i not in near_seat
        and not (adj[i] & set(border))
        and dist[i] > 0.35 * dist.max()
    ]
    special: list[int] = []
    for _ in range(4):
        if not special:
            pick = max(candidates, key=lambda i: dist[i])
        else:
            pick = max(
                (i for i in candidates if not (adj[i] & set(special))),
                key=lambda i: min(np.hypot(*(cent[special] - cent[i]).T)),
            )
        special.append(pick)
        candidates.remove(pick)
    historic, centre = special[:2], special[2:]
    for i in historic:
        towns[i].historic = 1
    for i in centre:
        towns[i].centre = 1

    # Populations: the seat largest, streets and centre towns large, the rest
    # lognormal; the rest is scaled so the county mean is MEAN_POPULATION.
    pop = np.zeros(n)
    pop[seat] = 78_000 + rng.integers(0, 3000)
    fixed = {seat}
    for k, j in enumerate(streets):
        pop[j] = (41_000, 33_000)[k] + rng.integers(0, 2000)
        fixed.add(j)
    for k, j in enumerate(centre):
        pop[j] = (46_000, 38_000)[k] + rng.integers(0, 2000)
        fixed.add(j)
    rest = [i for i in range(n) if i not in fixed]
    area = np.array([t.geom.area / 1e6 for t in towns])
    raw = np.array([rng.lognormal(0.0, 0.35) * area[i] ** 0.35 for i in rest])
    target = MEAN_POPULATION * n - pop[list(fixed)].sum()
    # Per-town bounds, so clipped towns do not all land on one round number.
    low = 6_000 + rng.integers(0, 1500, len(rest))
    high = 36_000 - rng.integers(0, 4000, len(rest))
    for _ in range(50):  # rescale, clip, repeat until the clipped sum hits the target
        scaled = np.clip(raw * target / raw.sum(), low, high)
        raw = scaled
        if abs(scaled.sum() - target) < 1:
            break
    pop[rest] = raw
    for i in range(n):
        towns[i].population = int(round(pop[i]))

    # Names and codes. Bigger non-special towns are 镇, smaller ones 乡.
    border_sorted = sorted(border, key=lambda i: -pop[i])
    for k, i in enumerate(border_sorted):
        towns[i].name = (BORDER_ZHEN + BORDER_XIANG)[k] if k < 4 else BORDER_XIANG[k - 4]
    towns[seat].name = SEAT_NAME
    for k, i in enumerate(streets):
        towns[i].name = STREET_NAMES[k]
    for k, i in enumerate(historic):
        towns[i].name = HISTORIC_NAMES[k]
    for k, i in enumerate(centre):
        towns[i].name = CENTRE_NAMES[k]
    others = sorted((i for i in range(n) if not towns[i].name), key=lambda i: -pop[i])
    n_zhen = round(len(others) * 0.55)
    for k, i in enumerate(others):
        towns[i].name = ZHEN_NAMES[k] if k < n_zhen else XIANG_NAMES[k - n_zhen]

    # 12-digit codes: 001-099 街道, 101-199 镇, 201-299 乡; numbered outward from the seat.
    counters = {"街道": 0, "镇": 100, "乡": 200}
    for i in sorted(range(n), key=lambda i: dist[i]):
        kind = "街道" if towns[i].name.endswith("街道") else towns[i].name[-1]
        counters[kind] += 1
        towns[i].code = f"{COUNTY_CODE}{counters[kind]:03d}000"

    for i, t in enumerate(towns):
        base = 3 + area[i] / 7.0 + pop[i] / 9_000 + rng.normal(0.0, 1.2)
        if t.name.endswith("街道"):
            base = 5 + rng.integers(0, 3)
        t.villages = int(np.clip(round(base), 5, 20))


# ------------------------------------------------------------------------------ plan


def make_plan(towns: list[Town], adj: dict[int, set[int]]) -> dict[int, str]:
    """Assign every town to a merged unit; returns town index -> unit name.

    Border towns stay whole; one historic town stays alone, the other absorbs its
    smallest ordinary neighbour and keeps its name; the county seat absorbs both
    streets and one more neighbour; the rest grow, by shared edges, around the two
    centre towns and a few more seeds, the smallest unit growing first, so every unit
    is contiguous.
    """
    n = len(towns)
    unit: dict[int, str] = {}
    for i, t in enumerate(towns):
        if t.border:
            unit[i] = t.name
    seat = next(i for i, t in enumerate(towns) if t.seat)
    unit[seat] = towns[seat].name
    streets = [j for j in adj[seat] if towns[j].name.endswith("街道")]
    ordinary = [
        j
        for j in sorted(adj[seat], key=lambda j: towns[j].population)
        if j not in unit and j not in streets and not towns[j].historic and not towns[j].centre
    ]
    for j in streets + ordinary[:1]:
        unit[j] = towns[seat].name
    historic = [i for i, t in enumerate(towns) if t.historic]
    unit[historic[0]] = towns[historic[0]].name
    unit[historic[1]] = towns[historic[1]].name
    small = sorted(
        (j for j in adj[historic[1]] if j not in unit and not towns[j].centre),
        key=lambda j: towns[j].population,
    )
    if small:
        unit[small[0]] = towns[historic[1]].name

    pool = [i for i in range(n) if i not in unit]
    seeds = [i for i in pool if towns[i].centre]
    cent = {i: np.array([towns[i].geom.centroid.x, towns[i].geom.centroid.y]) for i in pool}
    # Every connected part of the pool needs a seed.
    remaining = set(pool)
    while remaining:
        start = min(remaining)
        comp, stack = set(), [start]
        while stack:
            k = stack.pop()
            if k in comp:
                continue
            comp.add(k)
            stack.extend(j for j in adj[k] if j in remaining and j not in comp)
        remaining -= comp
        if not comp & set(seeds):
            seeds.append(max(comp, key=lambda i: towns[i].population))
    n_units = 7
    while len(seeds) < n_units:  # farthest point from the seeds so far
        seeds.append(
            max(
                (i for i in pool if i not in seeds),
                key=lambda i: min(np.hypot(*(cent[i] - cent[s])) for s in seeds),
            )
        )
    members = {s: [s] for s in seeds}
    owner = {s: s for s in seeds}
    while len(owner) < len(pool):
        grown = False
        for s in sorted(seeds, key=lambda s: sum(towns[m].population for m in members[s])):
            frontier = sorted({j for m in members[s] for j in adj[m]} & set(pool) - set(owner))
            if frontier:
                best = max(
                    frontier,
                    key=lambda j: sum(
                        shapely.intersection(towns[j].geom.boundary, towns[m].geom.boundary).length
                        for m in members[s]
                    ),
                )
                members[s].append(best)
                owner[best] = s
                grown = True
                break
        if not grown:
            raise RuntimeError("a pool town is unreachable from every seed")
    for group in members.values():
        # A merged unit takes the name of its most populous member, its likely seat.
        name = towns[max(group, key=lambda m: towns[m].population)].name
        for i in group:
            unit[i] = name
    return unit


# --------------------------------------------------------------------------- villages

VILLAGE_SEED = (SEED, 2)  # a stream of its own: the towns' draws stay as they were
# Fictional village-name parts. Han names: a prefix and a landscape word (大寨, 石板箐);
# Dai-style names (曼岗, 那蚌) in the border towns and the 傣族乡; 社区 in the 街道.
HAN_FIRST = list(
    "大小上下新老东西南北中石河龙平水竹松马牛白黑青红黄田高长金银三柏桃杨茶麦岩沙凤鹤兴安丰团"
)
HAN_SECOND = list("寨坡坝箐塘山田湾岭坪沟桥营厂庄冲林地头口甸场街")
DAI_FIRST = list("曼那芒南帕班回允贺")
DAI_SECOND = list("岗蚌洪弄卡线杭来海东老丙坎勒景董糯赛")
COMMUNITY_NAMES = [
    "东门", "西门", "南门", "北门", "文化", "人民", "团结", "建设", "新华", "胜利", "和平",
    "光明", "振兴", "城南", "城北", "滨河", "凤山", "文昌",
]  # fmt: skip


@dataclass
class Village:
    """One generated village, in CGCS2000 lon/lat."""

    geom: Polygon
    town: int
    code: str = ""
    name: str = ""
    population: int = 0


def _town_vertices(poly: Polygon) -> np.ndarray:
    return np.vstack([np.asarray(r.coords) for r in (poly.exterior, *poly.interiors)])


def _village_seeds(rng: np.random.Generator, town: Polygon, n: int) -> np.ndarray | None:
    """``n`` well-spread points inside ``town`` (metres), kept off its edge."""
    margin = min(400.0, 0.15 * math.sqrt(town.area / n))
    inner = town.buffer(-margin)
    if inner.is_empty:
        return None
    minx, miny, maxx, maxy = inner.bounds
    ring = town.boundary
    seeds: list[np.ndarray] = []
    tries = 0
    while len(seeds) < n and tries < 200 * n:
        best, best_score = None, -1.0
        for _ in range(25):
            tries += 1
            p = np.array([rng.uniform(minx, maxx), rng.uniform(miny, maxy)])
            if not inner.contains(Point(p)):
                continue
            d_edge = 2.0 * ring.distance(Point(p))
            d_seed = float(np.min(np.hypot(*(np.asarray(seeds) - p).T))) if seeds else d_edge
            score = min(d_seed, d_edge)
            if score > best_score:
                best, best_score = p, score
        if best is not None:
            seeds.append(best)
    return np.asarray(seeds) if len(seeds) == n else None


def _split_town(
    rng: np.random.Generator,
    town_m: Polygon,
    town_ll: Polygon,
    n: int,
    transformer: Transformer,
    amp: float,
) -> list[Polygon] | None:
    """Split one town into ``n`` villages, or None when this draw gives a bad split.

    Voronoi edges of seeds inside the town are bent (in metres), projected, clipped to
    the town in lon/lat, and each end on the town's edge is moved onto the nearest
    vertex of that edge. Village edges along the town line are then made of the town's
    own vertices, so villages of neighbouring towns meet segment for segment and the
    villages of a town add up to exactly the town.
    """
    seeds = _village_seeds(rng, town_m, n)
    if seeds is None:
        return None
    cells = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=town_m.buffer(5_000.0))
    linework = shapely.unary_union([shapely.boundary(g) for g in shapely.get_parts(cells)])
    pieces = [
        g
        for g in shapely.get_parts(shapely.line_merge(linework, directed=False))
        if g.intersects(town_m)
    ]
    pieces.sort(key=lambda g: (round(g.centroid.x, 3), round(g.centroid.y, 3)))
    bent = [_wiggle_edge(g, np.random.default_rng(rng.integers(0, 2**32)), amp) for g in pieces]
    # Bent edges may meet only at their end nodes.
    tree = STRtree(bent)
    for i, j in zip(*tree.query(bent, predicate="intersects"), strict=True):
        if i < j:
            shared = shapely.intersection(bent[i], bent[j])
            ends = shapely.union(shapely.boundary(bent[i]), shapely.boundary(bent[j]))
            if not shapely.covered_by(shared, ends):
                return None
    (lines_ll,) = to_cgcs2000([shapely.MultiLineString(bent)], transformer)
    inside = shapely.intersection(lines_ll, town_ll)
    vertices = _town_vertices(town_ll)
    edge = town_ll.boundary
    snapped = []
    for part in shapely.get_parts(shapely.line_merge(inside)):
        xy = np.asarray(part.coords)
        for k in (0, -1):
            if edge.distance(Point(xy[k])) < 1e-9:
                xy[k] = vertices[np.argmin(np.hypot(*(vertices - xy[k]).T))]
        if len(xy) < 2 or np.array_equal(xy[0], xy[-1]):
            return None
        snapped.append(LineString(xy))
    noded = shapely.get_parts(shapely.unary_union([edge, *snapped]))
    faces = list(shapely.get_parts(shapely.polygonize(noded)))
    faces = [f for f in faces if town_ll.contains(f.representative_point())]
    if len(faces) != n:
        return None
    seeds_ll = shapely.points(np.column_stack(transformer.transform(seeds[:, 0], seeds[:, 1])))
    for f in faces:
        if shapely.contains(f, seeds_ll).sum() != 1 or f.area < 0.02 * town_ll.area / n:
            return None
    # No vertex of the villages on the town line other than the town's own.
    own = {tuple(v) for v in vertices}
    for f in faces:
        xy = shapely.get_coordinates(f)
        on_edge = shapely.distance(shapely.points(xy), edge) < 1e-9
        if any(tuple(v) not in own for v in xy[on_edge]):
            return None
    if shapely.symmetric_difference(shapely.union_all(faces), town_ll).area > 1e-12:
        return None
    return faces


def _allocate(total: int, weights: np.ndarray, floor: int) -> np.ndarray:
    """Integers >= ``floor`` in proportion to ``weights`` summing exactly to ``total``."""
    n = len(weights)
    share = floor + (total - floor * n) * weights / weights.sum()
    out = np.floor(share).astype(int)
    rest = total - out.sum()
    out[np.argsort(-(share - out), kind="stable")[:rest]] += 1
    return out


def make_villages(
    towns: list[Town], towns_ll: list[Polygon], transformer: Transformer
) -> list[Village]:
    """Every town split into its ``村委会数`` villages, with codes, names and people."""
    rng = np.random.default_rng(VILLAGE_SEED)
    villages: list[Village] = []
    han = [a + b for a in HAN_FIRST for b in HAN_SECOND if a != b]
    dai = [a + b for a in DAI_FIRST for b in DAI_SECOND if a != b]
    han = [han[k] for k in rng.permutation(len(han))]
    dai = [dai[k] for k in rng.permutation(len(dai))]
    for ti in sorted(range(len(towns)), key=lambda i: towns[i].code):
        town, town_ll = towns[ti], towns_ll[ti]
        faces = None
        for attempt in range(60):
            faces = _split_town(
                rng, town.geom, town_ll, town.villages, transformer, 0.6 * 0.8 ** (attempt // 4)
            )
            if faces is not None:
                break
        if faces is None:
            raise RuntimeError(f"could not split {town.name} into {town.villages} villages")
        # Codes run north to south, then west to east.
        faces.sort(key=lambda g: (-round(g.centroid.y, 4), round(g.centroid.x, 4)))
        street = town.name.endswith("街道")
        dai_style = bool(town.border) or "傣族" in town.name
        weights = np.array([f.area for f in faces]) ** (0.2 if street else 0.6)
        weights = weights * rng.lognormal(0.0, 0.15 if street else 0.4, len(faces))
        people = _allocate(town.population, weights, 300)
        for k, (face, pop) in enumerate(zip(faces, people, strict=True)):
            if street:
                name = COMMUNITY_NAMES.pop(0) + "社区"
                number = k + 1
            else:
                name = (dai if dai_style else han).pop() + "村"
                number = 201 + k
            villages.append(
                Village(
                    geom=face,
                    town=ti,
                    code=f"{town.code[:9]}{number:03d}",
                    name=name,
                    population=int(pop),
                )
            )
    return villages


def make_village_plan(villages: list[Village]) -> tuple[list[str], list[str]]:
    """A village merger within towns, and the same with one unit crossing a town line.

    In each town neighbouring villages merge in twos and threes, the smallest group
    first taking the neighbour it shares the longest edge with, until about 40% fewer
    units remain. A unit takes the name of its most populous village. The second plan
    moves one village left alone into an adjacent unit of the next town.
    Returns the unit name per village, for each plan.
    """
    geoms = [v.geom for v in villages]
    tree = STRtree(geoms)
    shared: dict[tuple[int, int], float] = {}
    for i, j in zip(*tree.query(geoms, predicate="intersects"), strict=True):
        if i < j:
            length = shapely.intersection(geoms[i].boundary, geoms[j].boundary).length
            if length > 1e-5:  # about a metre; corner contact does not count
                shared[(int(i), int(j))] = length
                shared[(int(j), int(i))] = length
    pop = np.array([v.population for v in villages])
    unit = [""] * len(villages)
    for ti in sorted({v.town for v in villages}):
        members = [i for i, v in enumerate(villages) if v.town == ti]
        groups = [[i] for i in members]
        target = round(0.6 * len(members))
        while len(groups) > target:
            merged = False
            for g in sorted(groups, key=lambda g: (pop[g].sum(), min(g))):
                options = []
                for h in groups:
                    if h is g or len(g) + len(h) > 3:
                        continue
                    edge = sum(shared.get((a, b), 0.0) for a in g for b in h)
                    if edge > 0:
                        options.append((edge, -min(h), h))
                if options:
                    h = max(options, key=lambda o: o[:2])[2]
                    g.extend(h)
                    groups.remove(h)
                    merged = True
                    break
            if not merged:
                break
        for g in groups:
            name = villages[max(g, key=lambda i: (pop[i], -i))].name
            for i in g:
                unit[i] = name
    # One village left alone joins an adjacent unit of another town: the pair with the
    # longest shared edge whose unit stays at three villages or fewer.
    size = {u: unit.count(u) for u in set(unit)}
    crossing = [
        (length, i, j)
        for (i, j), length in shared.items()
        if villages[i].town != villages[j].town and size[unit[i]] == 1 and size[unit[j]] <= 2
    ]
    _, i, j = max(crossing)
    broken = list(unit)
    broken[i] = unit[j]
    return unit, broken


# ----------------------------------------------------------------------------- write


def make_plan_b(towns: list[Town], plan: dict[int, str]) -> dict[int, str]:
    """The second plan (方案二), to compare with the first: 清水镇's unit merged into
    民乐镇's unit, which keeps its name; every other unit as in ``plan``."""
    by_name = {t.name: i for i, t in enumerate(towns)}
    absorbed, into = plan[by_name["清水镇"]], plan[by_name["民乐镇"]]
    return {i: into if unit == absorbed else unit for i, unit in plan.items()}


def build(out: Path) -> dict[str, float]:
    """Generate everything and write it into ``out``; returns a few summary figures."""
    rng = np.random.default_rng(SEED)
    outline = make_outline(rng)
    seeds = make_seeds(rng, outline, SEAT_XY)
    faces, outer = make_coverage(rng, outline, seeds)
    # Stable order: north to south, then west to east.
    faces.sort(key=lambda g: (-round(g.centroid.y, 1), round(g.centroid.x, 1)))
    adj = adjacency(faces)
    border, border_line = pick_border_towns(faces, outer)
    towns = [Town(geom=f) for f in faces]
    assign_attributes(rng, towns, adj, border)
    plan = make_plan(towns, adj)

    transformer = Transformer.from_crs(LOCAL_CRS, "EPSG:4490", always_xy=True)
    lonlat = to_cgcs2000([t.geom for t in towns], transformer)
    (border_ll,) = to_cgcs2000([border_line], transformer)
    geod = Geod(ellps="GRS80")  # the CGCS2000 ellipsoid, as far as areas can tell
    for t, g in zip(towns, lonlat, strict=True):
        t.area_km2 = round(abs(geod.geometry_area_perimeter(g)[0]) / 1e6, 2)

    order = sorted(range(len(towns)), key=lambda i: towns[i].code)
    frame = gpd.GeoDataFrame(
        {
            "乡镇代码": [towns[i].code for i in order],
            "乡镇名称": [towns[i].name for i in order],
            "户籍人口": np.array([towns[i].population for i in order], dtype="int32"),
            "面积": [towns[i].area_km2 for i in order],
            "沿边": np.array([towns[i].border for i in order], dtype="int32"),
            "历史文化": np.array([towns[i].historic for i in order], dtype="int32"),
            "县城驻地": np.array([towns[i].seat for i in order], dtype="int32"),
            "中心镇": np.array([towns[i].centre for i in order], dtype="int32"),
            "村委会数": np.array([towns[i].villages for i in order], dtype="int32"),
        },
        geometry=[shapely.orient_polygons(lonlat[i], exterior_cw=True) for i in order],
        crs="EPSG:4490",
    )
    check(frame, border_ll)

    out.mkdir(parents=True, exist_ok=True)
    # Four-character Chinese field names are 12 bytes in UTF-8, over the DBF limit of
    # 10, and GDAL would cut them mid-character; in GBK they are 8 bytes and fit. GBK
    # with a .cpg is also what county data usually arrives as.
    frame.to_file(
        out / "sample_county.shp",
        engine="pyogrio",
        encoding="GBK",
        layer_options={"DBF_DATE_LAST_UPDATE": DBF_DATE},
    )
    line = gpd.GeoDataFrame({"名称": ["国界线（示意）"]}, geometry=[border_ll], crs="EPSG:4490")
    line.to_file(
        out / "border_line.shp",
        engine="pyogrio",
        encoding="UTF-8",
        layer_options={"DBF_DATE_LAST_UPDATE": DBF_DATE},
    )
    for name, units in (
        ("sample_plan.csv", plan),
        ("sample_plan_b.csv", make_plan_b(towns, plan)),
    ):
        with open(out / name, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["乡镇代码", "合并后乡镇"])
            for i in order:
                writer.writerow([towns[i].code, units[i]])

    # Villages split the towns as written (rounded lon/lat), so they tile them exactly.
    villages = make_villages(towns, lonlat, transformer)
    village_plan, village_violations = make_village_plan(villages)
    vorder = sorted(range(len(villages)), key=lambda i: villages[i].code)
    vframe = gpd.GeoDataFrame(
        {
            "村代码": [villages[i].code for i in vorder],
            "村名称": [villages[i].name for i in vorder],
            "人口": np.array([villages[i].population for i in vorder], dtype="int32"),
            "所属乡镇": [towns[villages[i].town].name for i in vorder],
            "乡镇代码": [towns[villages[i].town].code for i in vorder],
        },
        geometry=[shapely.orient_polygons(villages[i].geom, exterior_cw=True) for i in vorder],
        crs="EPSG:4490",
    )
    check_villages(vframe, frame)
    vframe.to_file(
        out / "sample_villages.shp",
        engine="pyogrio",
        encoding="GBK",
        layer_options={"DBF_DATE_LAST_UPDATE": DBF_DATE},
    )
    for name, units in (
        ("sample_village_plan.csv", village_plan),
        ("sample_village_plan_violations.csv", village_violations),
    ):
        with open(out / name, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["村代码", "合并后村"])
            for i in vorder:
                writer.writerow([villages[i].code, units[i]])

    return {
        "villages": len(vframe),
        "village_units": len(set(village_plan)),
        "towns": len(frame),
        "units": len(set(plan.values())),
        "area_km2": float(frame["面积"].sum()),
        "mean_population": float(frame["户籍人口"].mean()),
        "border_towns": int(frame["沿边"].sum()),
    }


def check(frame: gpd.GeoDataFrame, border_line: LineString) -> None:
    """Fail loudly if the output would not be a clean coverage with a true border."""
    geoms = frame.geometry.values
    if not shapely.is_valid(geoms).all():
        raise RuntimeError("a town polygon is invalid")
    if not shapely.coverage_is_valid(geoms):
        raise RuntimeError("the towns do not form a clean coverage")
    if frame["乡镇代码"].duplicated().any() or frame["乡镇名称"].duplicated().any():
        raise RuntimeError("town codes or names are not unique")
    on_border = shapely.length(shapely.intersection(geoms, border_line)) > 0
    if not (on_border == frame["沿边"].astype(bool).to_numpy()).all():
        raise RuntimeError("border flags do not match the towns along the border line")


def check_villages(villages: gpd.GeoDataFrame, towns: gpd.GeoDataFrame) -> None:
    """Fail loudly unless the villages tile each town exactly."""
    geoms = villages.geometry.values
    if not shapely.is_valid(geoms).all() or not shapely.coverage_is_valid(geoms):
        raise RuntimeError("the villages do not form a clean coverage")
    if villages["村代码"].duplicated().any() or villages["村名称"].duplicated().any():
        raise RuntimeError("village codes or names are not unique")
    for code, town, people in zip(
        towns["乡镇代码"], towns.geometry, towns["户籍人口"], strict=True
    ):
        mine = villages[villages["乡镇代码"] == code]
        union = shapely.coverage_union_all(mine.geometry.values)
        if shapely.hausdorff_distance(union, town) > 1e-9:
            raise RuntimeError(f"the villages of {code} do not add up to the town")
        if int(mine["人口"].sum()) != int(people):
            raise RuntimeError(f"the village populations of {code} do not add up")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="folder to write into (default: the folder of this script)",
    )
    args = parser.parse_args(argv)
    summary = build(args.out)
    print(
        f"wrote {summary['towns']} towns ({summary['border_towns']} on the border), "
        f"{summary['area_km2']:.1f} km², mean population {summary['mean_population']:.0f}, "
        f"plan with {summary['units']} units; {summary['villages']} villages, "
        f"village plan with {summary['village_units']} units -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
