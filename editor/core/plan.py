"""The merger plan: every town in exactly one merged unit.

The plan is changed only through commands (``editor.core.commands``); each change
recomputes statistics for the units it touched, never for the whole county, and
announces itself with one :class:`PlanChange` on ``plan.events.changed``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from editor.core.events import Signal
from editor.core.towns import TownLayer


@dataclass
class Unit:
    """A merged unit. ``seat`` is an explicitly chosen seat town, ``None`` for automatic."""

    id: int
    name: str
    seat: int | None = None
    note: str = ""
    members: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class UnitStats:
    """Figures of one merged unit.

    ``population`` sums the members that have a figure; when none has one it is 0.0
    for arithmetic, but the unit's population is *missing*: show
    :attr:`known_population` (``None`` then), never the 0.
    ``area_km2`` is the area of the union of the members (overlaps counted once).
    """

    towns: int
    population: float
    missing_population: int
    area_km2: float
    border_towns: int
    historic_towns: int
    county_seat: bool
    centre_towns: int
    parts: int
    seat: int

    @property
    def contiguous(self) -> bool:
        return self.parts <= 1

    @property
    def population_known(self) -> bool:
        """Whether any member has a population figure."""
        return self.missing_population < self.towns

    @property
    def known_population(self) -> float | None:
        """The population, ``None`` when no member has a figure (missing, not 0)."""
        return self.population if self.population_known else None

    @property
    def border(self) -> bool:
        return self.border_towns > 0


@dataclass(frozen=True)
class Benchmark:
    """Reference figures to compare the result with (e.g. a national average)."""

    label: str = ""
    mean_population: float | None = None
    mean_area_km2: float | None = None

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "mean_population": self.mean_population,
            "mean_area_km2": self.mean_area_km2,
        }

    @classmethod
    def from_dict(cls, data: Mapping | None) -> Benchmark | None:
        if not data:
            return None
        return cls(
            label=str(data.get("label", "")),
            mean_population=data.get("mean_population"),
            mean_area_km2=data.get("mean_area_km2"),
        )


@dataclass(frozen=True)
class Figures:
    """Unit count and totals; ``missing_population`` towns have no population figure.

    When no town has a population, ``population_known`` is False and the mean is
    reported as ``None`` (never 0); when some are missing, the mean counts them as
    contributing nothing and ``missing_population`` says how many.
    """

    units: int
    population: float
    area_km2: float
    missing_population: int = 0
    towns: int = 0

    @property
    def population_known(self) -> bool:
        return self.missing_population < self.towns or self.towns == 0

    @property
    def mean_population(self) -> float:
        return self.population / self.units if self.units else 0.0

    @property
    def mean_area_km2(self) -> float:
        return self.area_km2 / self.units if self.units else 0.0

    def to_dict(self) -> dict:
        return {
            "units": self.units,
            "mean_population": self.mean_population if self.population_known else None,
            "mean_area_km2": self.mean_area_km2,
            "missing_population": self.missing_population,
        }


@dataclass(frozen=True)
class Summary:
    before: Figures
    after: Figures
    benchmark: Benchmark | None

    def to_dict(self) -> dict:
        return {
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "benchmark": None if self.benchmark is None else self.benchmark.to_dict(),
        }


@dataclass(frozen=True)
class Snapshot:
    """The assignment of some towns and the records of some units, to restore later.

    ``units`` maps a unit id to ``(name, seat, note)``, or to ``None`` for a unit that
    did not exist. JSON-friendly via :meth:`to_dict` (the journal writes these).
    """

    towns: np.ndarray
    unit_of: np.ndarray
    units: Mapping[int, tuple[str, int | None, str] | None]

    def to_dict(self) -> dict:
        return {
            "towns": self.towns.tolist(),
            "unit_of": self.unit_of.tolist(),
            "units": {str(k): (None if v is None else list(v)) for k, v in self.units.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> Snapshot:
        units = {}
        for k, v in dict(data.get("units", {})).items():
            units[int(k)] = (
                None if v is None else (str(v[0]), None if v[1] is None else int(v[1]), str(v[2]))
            )
        return cls(
            towns=np.asarray(data.get("towns", []), dtype=np.int64),
            unit_of=np.asarray(data.get("unit_of", []), dtype=np.int64),
            units=units,
        )


@dataclass(frozen=True)
class PlanChange:
    """What one change did: the units it touched (still existing), added and removed.

    ``after`` is the state that the change produced for those towns and units, so a
    journal can replay it.
    """

    kind: str
    touched: frozenset[int]
    added: frozenset[int]
    removed: frozenset[int]
    towns: np.ndarray
    after: Snapshot
    label: str = ""


class PlanEvents:
    def __init__(self) -> None:
        self.changed = Signal("changed")  # PlanChange
        self.benchmark = Signal("benchmark")  # Benchmark | None


class Plan:
    """Assignment of towns to merged units, with incrementally kept statistics."""

    def __init__(self, layer: TownLayer, benchmark: Benchmark | None = None):
        self.layer = layer
        n = layer.n
        self.unit_of = np.arange(n, dtype=np.int64)
        self.units: dict[int, Unit] = {
            i: Unit(id=i, name=str(layer.names[i]), members={i}) for i in range(n)
        }
        self._next_id = n
        self.benchmark = benchmark
        self.events = PlanEvents()
        self._adj = layer.adjacency.matrix().tocsr()
        self._stats: dict[int, UnitStats] = {}
        self._total_population = layer.total_population
        self._total_area = layer.total_area_km2
        self._refresh(self.units.keys())

    # -- reading ----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.units)

    def unit(self, uid: int) -> Unit:
        return self.units[uid]

    def stats(self, uid: int) -> UnitStats:
        return self._stats[uid]

    def members(self, uid: int) -> np.ndarray:
        return np.fromiter(sorted(self.units[uid].members), dtype=np.int64)

    def seat_of(self, uid: int) -> int:
        return self._stats[uid].seat

    def unit_ids(self) -> list[int]:
        """Unit ids in a stable display order (by lowest member town index)."""
        return sorted(self.units, key=lambda u: min(self.units[u].members))

    def find_unit(self, name: str) -> int | None:
        for uid, unit in self.units.items():
            if unit.name == name:
                return uid
        return None

    def summary(self) -> Summary:
        layer = self.layer
        missing = layer.missing_population
        before = Figures(layer.n, self._total_population, self._total_area, missing, layer.n)
        after = Figures(len(self.units), self._total_population, self._total_area, missing, layer.n)
        return Summary(before, after, self.benchmark)

    def assignment(self) -> dict[str, str]:
        """Town id → unit name (for tables and plan files)."""
        return {str(self.layer.ids[i]): self.units[int(u)].name for i, u in enumerate(self.unit_of)}

    def copy(self) -> Plan:
        """A copy that later edits of this plan do not reach (for a worker thread to read).

        Copies the assignment, the unit records and their statistics (immutable records,
        so a dictionary copy); shares what no edit changes (the layer, the adjacency
        matrix, the benchmark). The copy has its own events, with nobody listening.
        Rebuilding with ``Plan(layer)`` and ``restore`` would recompute every unit's
        statistics instead (seconds for 500,000 villages).
        """
        clone = copy.copy(self)
        clone.unit_of = self.unit_of.copy()
        clone.units = {
            uid: Unit(id=u.id, name=u.name, seat=u.seat, note=u.note, members=set(u.members))
            for uid, u in self.units.items()
        }
        clone._stats = dict(self._stats)
        clone.events = PlanEvents()
        return clone

    def new_unit_id(self) -> int:
        uid = self._next_id
        self._next_id += 1
        return uid

    def default_seat(self, members: Iterable[int]) -> int:
        """The county-seat-flagged member, else the most populous, else the lowest index."""
        m = np.fromiter(members, dtype=np.int64)
        m.sort()
        flagged = m[self.layer.county_seat[m]]
        if len(flagged):
            return int(flagged[0])
        pop = np.nan_to_num(self.layer.population[m], nan=-1.0)
        return int(m[int(np.argmax(pop))])

    # -- snapshots (used by commands) -------------------------------------------------
    def capture(self, towns: Iterable[int], unit_ids: Iterable[int]) -> Snapshot:
        towns = np.unique(np.asarray(list(towns), dtype=np.int64))
        uids = set(int(u) for u in unit_ids) | set(self.unit_of[towns].tolist())
        units = {}
        for uid in uids:
            u = self.units.get(uid)
            units[uid] = None if u is None else (u.name, u.seat, u.note)
        return Snapshot(towns, self.unit_of[towns].copy(), units)

    def restore(self, snap: Snapshot, kind: str = "assign", label: str = "") -> PlanChange:
        """Put the towns and unit records of ``snap`` back, and announce it."""
        existed = set(self.units)
        touched: set[int] = set(self.unit_of[snap.towns].tolist()) | set(snap.units)
        # unit records first, so moved towns have somewhere to go
        for uid, rec in snap.units.items():
            if rec is None:
                continue
            name, seat, note = rec
            unit = self.units.get(uid)
            if unit is None:
                unit = self.units[uid] = Unit(id=uid, name=name)
            unit.name, unit.seat, unit.note = name, seat, note
            self._next_id = max(self._next_id, uid + 1)
        for town, uid in zip(snap.towns.tolist(), snap.unit_of.tolist(), strict=True):
            old = int(self.unit_of[town])
            if old == uid:
                continue
            self.units[old].members.discard(town)
            target = self.units.get(uid)
            if target is None:  # a snapshot naming a unit without its record: make one
                target = self.units[uid] = Unit(id=uid, name=str(self.layer.names[town]))
                self._next_id = max(self._next_id, uid + 1)
            target.members.add(town)
            self.unit_of[town] = uid
            touched.add(uid)
        removed = set()
        for uid in touched:
            unit = self.units.get(uid)
            if unit is not None and not unit.members:
                del self.units[uid]
                self._stats.pop(uid, None)
                removed.add(uid)
            elif unit is not None and unit.seat is not None and unit.seat not in unit.members:
                unit.seat = None  # the chosen seat left the unit: back to automatic
        alive = {u for u in touched if u in self.units}
        self._refresh(alive)
        after = self.capture(snap.towns, touched)
        change = PlanChange(
            kind=kind,
            touched=frozenset(alive),
            added=frozenset(alive - existed),
            removed=frozenset(removed & existed),
            towns=snap.towns,
            after=after,
            label=label,
        )
        self.events.changed.emit(change)
        return change

    def set_benchmark(self, benchmark: Benchmark | None) -> None:
        self.benchmark = benchmark
        self.events.benchmark.emit(benchmark)

    # -- statistics -------------------------------------------------------------------
    def _refresh(self, uids: Iterable[int]) -> None:
        layer = self.layer
        uids = [u for u in uids if u in self.units]
        if not uids:
            return
        singles = [u for u in uids if len(self.units[u].members) == 1]
        multi = [u for u in uids if len(self.units[u].members) > 1]
        pop, area = layer.population, layer.area_km2
        for uid in singles:
            (t,) = self.units[uid].members
            p = pop[t]
            self._stats[uid] = UnitStats(
                towns=1,
                population=0.0 if p != p else float(p),
                missing_population=int(p != p),
                area_km2=float(area[t]),
                border_towns=int(layer.border[t]),
                historic_towns=int(layer.historic[t]),
                county_seat=bool(layer.county_seat[t]),
                centre_towns=int(layer.centre[t]),
                parts=1,
                seat=t,
            )
        for uid in multi:
            unit = self.units[uid]
            m = np.fromiter(unit.members, dtype=np.int64, count=len(unit.members))
            m.sort()
            p = pop[m]
            seat = unit.seat if unit.seat is not None else self.default_seat(m)
            self._stats[uid] = UnitStats(
                towns=len(m),
                population=float(np.nansum(p)),
                missing_population=int(np.isnan(p).sum()),
                area_km2=layer.union_area_km2(m),
                border_towns=int(layer.border[m].sum()),
                historic_towns=int(layer.historic[m].sum()),
                county_seat=bool(layer.county_seat[m].any()),
                centre_towns=int(layer.centre[m].sum()),
                parts=self._parts(m),
                seat=int(seat),
            )

    def _parts(self, members: np.ndarray) -> int:
        """Number of edge-connected pieces of a set of towns."""
        if len(members) == 2:
            a, b = int(members[0]), int(members[1])
            nb = self.layer.neighbors(a)
            i = np.searchsorted(nb, b)
            return 1 if i < len(nb) and nb[i] == b else 2
        from scipy.sparse import csgraph  # pulls in scipy.sparse.linalg: ~0.1 s at start-up

        sub = self._adj[members][:, members]
        count, _ = csgraph.connected_components(sub, directed=False)
        return int(count)


def match_rows(
    layer: TownLayer, rows: Sequence[tuple[str, str]]
) -> tuple[dict[str, list[int]], list[str]]:
    """Group ``(town key, unit name)`` rows into unit name → town indices."""
    groups: dict[str, list[int]] = {}
    unmatched: list[str] = []
    seen: set[int] = set()
    for key, unit_name in rows:
        i = layer.find(str(key))
        if i is None or not str(unit_name).strip():
            unmatched.append(str(key))
            continue
        if i in seen:
            continue
        seen.add(i)
        groups.setdefault(str(unit_name).strip(), []).append(i)
    return groups, unmatched
