"""The town layer: one record per town with its measures and neighbours.

A :class:`TownLayer` is built once from a decoded attribute frame and geometries
(see ``editor.io.load.open_layer``) and is immutable afterwards; plans refer to towns
by their integer index ``0..n-1``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyproj
import shapely

from editor.core.fields import FieldMapping
from editor.core.measure import (
    Adjacency,
    edge_adjacency,
    ellipsoidal_areas_km2,
    project_equal_area,
    reproject,
)
from editor.core.messages import Figure, Message
from editor.core.overlaps import Overlaps, find_overlaps


@dataclass
class LoadReport:
    """What happened while a layer was opened; shown by ``info`` and the GUI."""

    path: Path | None = None
    layer: str | None = None
    driver: str | None = None
    encoding: str | None = None
    encoding_source: str | None = None
    crs_assumed: bool = False
    feature_count: int = 0
    town_count: int = 0
    repaired: int = 0
    dropped_empty: int = 0
    multipart_towns: int = 0
    repeated_population_towns: int = 0
    missing_population: list[str] = field(default_factory=list)
    generated_ids: bool = False
    area_source: str = "ellipsoidal"
    tolerance_m: float = 1.0
    # editor.core.messages.Message items: English str, with a key the GUI translates
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class TownLayer:
    """Towns of a layer, indexed ``0..n-1``, with measures and edge adjacency.

    Attributes
    ----------
    ids, names
        Town codes and names (numpy object arrays of ``str``).
    population
        float64, ``NaN`` where the source has no usable value.
    area_km2
        The area used in statistics: ellipsoidal km², or the official area field when
        chosen (``computed_area_km2`` always holds the ellipsoidal one).
    border, historic, county_seat, centre
        Boolean flags.
    parent
        Parent township (village-level mergers) or ``None``.
    geometry
        Shapely geometries in the source ``crs``; ``geometry_m`` the same in
        ``metric_crs``, an equal-area projection centred on the layer (metres).
    attributes
        The source columns, one row per town (the first feature's row for multipart
        towns), for carrying extra fields into exports.
    adjacency
        :class:`~editor.core.measure.Adjacency` (shared edges, tolerant of gaps).
    overlaps
        :class:`~editor.core.overlaps.Overlaps`: the town pairs that overlap (an overlay
        zone drawn over townships, survey slivers) and their overlap areas, so that the
        area of a set of towns (:meth:`union_area_km2`) is that of their union.
    """

    def __init__(
        self,
        *,
        ids: Sequence[str] | np.ndarray,
        names: Sequence[str] | np.ndarray,
        population: np.ndarray,
        geometry: np.ndarray,
        crs: pyproj.CRS,
        border: np.ndarray | None = None,
        historic: np.ndarray | None = None,
        county_seat: np.ndarray | None = None,
        centre: np.ndarray | None = None,
        parent: Sequence[str] | np.ndarray | None = None,
        official_area_km2: np.ndarray | None = None,
        attributes: pd.DataFrame | None = None,
        mapping: FieldMapping | None = None,
        report: LoadReport | None = None,
        tolerance_m: float = 1.0,
    ):
        n = len(ids)
        self.ids = np.asarray(list(ids), dtype=object)
        self.names = np.asarray(list(names), dtype=object)
        if len(set(self.ids.tolist())) != n:
            raise ValueError("town ids must be unique")
        self.population = np.asarray(population, dtype=np.float64)
        self.geometry = np.asarray(geometry, dtype=object)
        self.crs = pyproj.CRS(crs)

        def flag(values: np.ndarray | None) -> np.ndarray:
            return np.zeros(n, dtype=bool) if values is None else np.asarray(values, dtype=bool)

        self.border = flag(border)
        self.historic = flag(historic)
        self.county_seat = flag(county_seat)
        self.centre = flag(centre)
        self.parent = None if parent is None else np.asarray(list(parent), dtype=object)
        self.attributes = attributes if attributes is not None else pd.DataFrame(index=range(n))
        self.mapping = mapping or FieldMapping()
        self.report = report or LoadReport()
        self.tolerance_m = float(tolerance_m)

        projected = project_equal_area(self.geometry, self.crs)
        self.geometry_m = projected.geoms
        self.metric_crs = projected.crs
        self.computed_area_km2 = ellipsoidal_areas_km2(projected)
        if official_area_km2 is not None:
            official = np.asarray(official_area_km2, dtype=np.float64)
            # fall back to the computed area where the official field is blank
            self.area_km2 = np.where(np.isfinite(official), official, self.computed_area_km2)
        else:
            self.area_km2 = self.computed_area_km2
        #: whether ``area_km2`` is measured (then sets of towns are measured as unions)
        self.area_measured = official_area_km2 is None
        self.overlaps: Overlaps = find_overlaps(self.geometry_m)
        self._union_total: float | None = None
        if len(self.overlaps):
            self.report.warnings.append(self._overlap_message())
        self.adjacency: Adjacency = edge_adjacency(self.geometry_m, tolerance_m)
        self._index = {town_id: i for i, town_id in enumerate(self.ids.tolist())}
        self._by_name: dict[str, list[int]] | None = None

    def overlap_pairs(self, k: int = 5) -> list[dict]:
        """The ``k`` largest overlaps: both towns (id and name) and the overlap in km²."""
        return [
            {
                "towns": [str(self.ids[i]), str(self.ids[j])],
                "names": [str(self.names[i]), str(self.names[j])],
                "area_km2": round(a, 6),
            }
            for i, j, a in self.overlaps.worst(k)
        ]

    def _overlap_message(self) -> Message:
        worst = "; ".join(
            f"{p['names'][0]} / {p['names'][1]} {p['area_km2']:,.2f} km²"
            for p in self.overlap_pairs(3)
        )
        return Message(
            "load.overlaps",
            "{n} pair(s) of towns overlap, {km2} km² in all (largest: {pairs}); "
            "unit and county areas count each overlap once",
            n=len(self.overlaps),
            km2=Figure(self.overlaps.total_km2, 2),
            pairs=worst,
        )

    # -- lookup -----------------------------------------------------------------------
    @property
    def n(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return self.n

    def index_of(self, town_id: str) -> int:
        """Index of the town with this id; ``KeyError`` if none."""
        return self._index[str(town_id)]

    def find(self, key: str) -> int | None:
        """Index of a town by id, else by unique name; ``None`` when nothing or ambiguous."""
        hits = self.find_all(key)
        return hits[0] if len(hits) == 1 else None

    def find_all(self, key: str) -> list[int]:
        """The town with id ``key``, else every town named ``key`` (two or more: the
        name is ambiguous and only the id tells them apart)."""
        key = str(key).strip()
        if key in self._index:
            return [self._index[key]]
        if self._by_name is None:
            by_name: dict[str, list[int]] = {}
            for i, name in enumerate(self.names.tolist()):
                by_name.setdefault(str(name).strip(), []).append(i)
            self._by_name = by_name
        return list(self._by_name.get(key, []))

    def neighbors(self, i: int) -> np.ndarray:
        return self.adjacency.neighbors(i)

    @property
    def total_population(self) -> float:
        return float(np.nansum(self.population))

    @property
    def missing_population(self) -> int:
        return int(np.isnan(self.population).sum())

    @property
    def total_area_km2(self) -> float:
        """The county's area: of the union of its towns (overlaps counted once)."""
        if self._union_total is None:
            self._union_total = self.union_area_km2(np.arange(self.n))
        return self._union_total

    def union_area_km2(self, members: np.ndarray) -> float:
        """Area (km²) of a set of towns: of their union, where they overlap.

        With an official area field chosen (``area_measured`` False) the figures are the
        field's, summed: the field's owner decided what each town's area is.
        """
        members = np.asarray(members, dtype=np.int64)
        if not self.area_measured or not len(self.overlaps):
            return float(self.area_km2[members].sum())
        return self.overlaps.union_area_km2(members, self.area_km2, self.geometry_m)

    # -- derived flags ----------------------------------------------------------------
    def border_from_lines(
        self, lines: np.ndarray, lines_crs: pyproj.CRS, tolerance_m: float | None = None
    ) -> np.ndarray:
        """Towns whose boundary runs along the given lines (within the tolerance).

        Like adjacency, touching the line at a single point (where the line ends at a
        town's corner) does not count: the town's boundary must follow the line for more
        than ten times the tolerance.
        """
        tol = self.tolerance_m if tolerance_m is None else tolerance_m
        lines_m = reproject(np.asarray(lines, dtype=object), pyproj.CRS(lines_crs), self.metric_crs)
        tree = shapely.STRtree(self.geometry_m)
        line_idx, towns = tree.query(lines_m, predicate="dwithin", distance=tol)
        flags = np.zeros(self.n, dtype=bool)
        if len(towns):
            zone = shapely.buffer(lines_m[line_idx], max(tol, 1e-6), quad_segs=2)
            along = shapely.length(
                shapely.intersection(shapely.boundary(self.geometry_m[towns]), zone)
            )
            hit = towns[along > max(10.0 * tol, 1.0)]
            flags[np.unique(hit)] = True
        return flags

    def set_border(self, flags: np.ndarray) -> None:
        self.border = np.asarray(flags, dtype=bool)


def group_features(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[tuple[int, np.ndarray]]]:
    """Group feature rows sharing an id.

    Returns the unique ids in first-seen order, the first row of each, and the row
    groups of the ids that occur more than once as ``(town index, rows)`` pairs (only
    those are split out: most layers have one feature per town).
    """
    codes, uniques = pd.factorize(pd.Series(ids, dtype=object))
    n_towns = len(uniques)
    first = np.full(n_towns, -1, dtype=np.int64)
    # reversed assignment leaves the first occurrence of each code in place
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    counts = np.bincount(codes, minlength=n_towns)
    multi: list[tuple[int, np.ndarray]] = []
    if (counts > 1).any():
        order = np.argsort(codes, kind="stable")
        starts = np.concatenate([[0], np.cumsum(counts)])
        multi = [(int(k), order[starts[k] : starts[k + 1]]) for k in np.flatnonzero(counts > 1)]
    return np.asarray(uniques, dtype=object), first, multi


def repair_polygons(geometry: np.ndarray) -> tuple[np.ndarray, int]:
    """``make_valid`` the invalid geometries, keeping only their polygonal parts."""
    geometry = np.asarray(geometry, dtype=object).copy()
    invalid = ~shapely.is_valid(geometry)
    count = int(invalid.sum())
    if count:
        fixed = shapely.make_valid(geometry[invalid])
        geometry[invalid] = [polygonal_part(g) for g in fixed]
    return geometry, count


def polygonal_part(geom: shapely.Geometry) -> shapely.Geometry:
    if geom is None or geom.is_empty:
        return geom
    if isinstance(geom, shapely.Polygon | shapely.MultiPolygon):
        return geom
    parts = [
        p for p in shapely.get_parts(geom) if isinstance(p, shapely.Polygon | shapely.MultiPolygon)
    ]
    if not parts:
        return shapely.Polygon()
    return shapely.union_all(parts)


ParseFn = Callable[[object], np.ndarray]


@dataclass(frozen=True)
class SplitTowns:
    """How the features of a layer without an id field group into towns.

    ``codes[f]`` is the town number of feature ``f`` (towns numbered in the order their
    first feature appears); ``grouped`` counts the towns made of several features;
    ``repeated`` lists the names that distinct towns share (different figures).
    """

    codes: np.ndarray
    grouped: int
    repeated: list[str]


def split_town_groups(
    names: np.ndarray, population: np.ndarray | None, others: pd.DataFrame | None = None
) -> SplitTowns:
    """Group the features of a layer without an id field into towns.

    Features that share a name are one town (a town split over several features:
    islands, enclaves, parts digitised apart) when they repeat the same population,
    or, where the population is missing, the same values in every other column
    (``others``: the attribute columns but the name and population). Features sharing
    a name with different figures are distinct towns that carry one name.
    """
    names = np.asarray(names, dtype=object)
    n = len(names)
    pop = np.full(n, np.nan) if population is None else np.asarray(population, dtype=float)
    if others is not None and len(others.columns):
        rest = pd.util.hash_pandas_object(others.reset_index(drop=True).astype(str), index=False)
        rest = rest.to_numpy()
    else:
        rest = np.zeros(n, dtype=np.uint64)
    # a known population decides alone (a part's other columns, such as its own area
    # or a part number, may differ); where it is missing the other columns decide
    figure = pd.Series(pop).astype(object).where(~np.isnan(pop), None).to_numpy()
    keys = pd.DataFrame(
        {
            "name": names,
            "pop": pd.Series(figure, dtype=object).astype(str),
            "rest": np.where(np.isnan(pop), rest.astype(str), ""),
        }
    )
    codes, _ = pd.factorize(pd.MultiIndex.from_frame(keys))
    codes = np.asarray(codes, dtype=np.int64)
    counts = np.bincount(codes)
    grouped = int((counts > 1).sum())
    # names that distinct towns carry: one name, several town codes
    town_names = pd.Series(names).groupby(codes).first()
    repeated = town_names[town_names.duplicated(keep=False)]
    return SplitTowns(codes, grouped, sorted(set(map(str, repeated.tolist()))))
