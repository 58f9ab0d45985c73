"""What the window and the command line do to a project, without Qt and without files.

* :func:`place_units` builds a plan on a layer from saved unit records (town ids), as a
  plan file is opened: towns that are gone are reported, new ones stay alone;
  :func:`plan_from_assignment` does the same from ``(town, unit name)`` table rows.
* :func:`open_plan` makes the project of a plan read from a file, with the rule set and
  the notes saved with it.
* :func:`carry_project` moves a project's plan onto the same layer read with other
  options (another encoding, CRS or field mapping), by town id.
* :func:`apply_rules` gives a project another rule set; :func:`take_benchmark` sets a
  plan's benchmark from a rule set (defined beside the rule set, ``editor.core.ruleset``,
  so that ``Project`` can use it too).

Reading and writing the files is io's work (``editor.io.planfile``,
``editor.io.rules_file``); the GUI and the CLI call these with what io read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from editor.core.commands import ApplyAssignment
from editor.core.facilities import FacilityLayer
from editor.core.messages import Message
from editor.core.plan import Benchmark, Plan, Snapshot, match_rows
from editor.core.project import Project
from editor.core.ruleset import RuleSet, RuleSetError, take_benchmark
from editor.core.towns import TownLayer
from editor.errors import PlanError


# -- building a plan on a layer ---------------------------------------------------------
@dataclass
class UnitRecord:
    """One merged unit as a plan file keeps it: towns and seat by town id."""

    id: int
    name: str
    towns: list[str]
    seat: str | None = None
    note: str = ""


@dataclass
class PlacedPlan:
    """A plan built from unit records, with what did not fit the layer.

    ``gone``: town ids of the records that the layer lacks; ``new``: town ids of the
    layer that no record names (each opens as a unit of its own); ``warnings``:
    :class:`~editor.core.messages.Message` lines (a seat that is not a member).
    """

    plan: Plan
    gone: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def unit_records(plan: Plan) -> list[UnitRecord]:
    """The plan's units in display order, by town id (what a plan file saves)."""
    ids = plan.layer.ids
    out = []
    for uid in plan.unit_ids():
        unit = plan.units[uid]
        out.append(
            UnitRecord(
                id=int(uid),
                name=unit.name,
                towns=[str(ids[t]) for t in plan.members(uid)],
                seat=None if unit.seat is None else str(ids[unit.seat]),
                note=unit.note,
            )
        )
    return out


def _index_of(layer: TownLayer, key: str) -> int | None:
    try:
        return int(layer.index_of(key))
    except (KeyError, ValueError, IndexError):
        return None


def place_units(
    layer: TownLayer,
    units: Iterable[UnitRecord],
    benchmark: Benchmark | None = None,
    path: str | Path | None = None,
) -> PlacedPlan:
    """A plan on ``layer`` holding ``units`` (their ids kept), see :class:`PlacedPlan`.

    Raises
    ------
    PlanError
        When a town is in two units (``path`` names the file in the message).
    """
    plan = Plan(layer, benchmark)
    n = layer.n
    unit_of = np.full(n, -1, dtype=np.int64)
    records: dict[int, tuple[str, int | None, str] | None] = {}
    gone: list[str] = []
    warnings: list[str] = []
    for u in units:
        uid = int(u.id)
        members = []
        for key in u.towns:
            i = _index_of(layer, str(key))
            if i is None:
                gone.append(str(key))
                continue
            if unit_of[i] >= 0:
                raise PlanError(
                    path,
                    Message(
                        "error.town_two_units_plan",
                        "town {key} is in two units of the plan",
                        key=key,
                    ),
                )
            unit_of[i] = uid
            members.append(i)
        if not members:
            continue  # all its towns are gone: the unit goes too (reported through ``gone``)
        seat = None
        if u.seat is not None:
            s = _index_of(layer, str(u.seat))
            if s is None or unit_of[s] != uid:
                warnings.append(
                    Message(
                        "planfile.seat_not_member",
                        "the seat {seat} of {unit} is not one of its towns; the seat is automatic",
                        seat=u.seat,
                        unit=u.name,
                    )
                )
            else:
                seat = s
        records[uid] = (str(u.name).strip(), seat, str(u.note or ""))
    missing = np.flatnonzero(unit_of < 0)
    new = [str(layer.ids[i]) for i in missing]
    # towns no record mentions get fresh units of their own (not the initial singleton
    # ids, which may be saved unit ids holding other towns)
    next_id = max(list(records) + [n - 1]) + 1
    for i in missing.tolist():
        unit_of[i] = next_id
        records[next_id] = (str(layer.names[i]), None, "")
        next_id += 1
    plan.restore(Snapshot(np.arange(n, dtype=np.int64), unit_of, records), "load", "Open plan")
    return PlacedPlan(plan, gone, new, warnings)


def plan_from_assignment(
    layer: TownLayer, rows: Sequence[tuple[str, str]], benchmark: Benchmark | None = None
) -> tuple[Plan, list[str]]:
    """A plan from ``(town id or name, unit name)`` rows; returns it and unmatched keys.

    Towns the rows do not mention stay alone in units of their own.
    """
    plan = Plan(layer, benchmark)
    groups, unmatched = match_rows(layer, rows)
    if groups:
        ApplyAssignment(groups).redo(plan)
    return plan, unmatched


def ambiguous_rows(layer: TownLayer, keys: Sequence[str]) -> tuple[list[str], list[str]]:
    """Of the keys no town matched, those naming two or more towns, each said once.

    A row naming 龙溪乡, which two towns carry, matches neither: the message gives the
    towns' ids, which the table must use. Returns the messages and the keys left (rows
    that name no town at all).
    """
    said: set[str] = set()
    messages: list[str] = []  # Message items
    rest: list[str] = []
    for key in keys:
        hits = layer.find_all(key)
        if len(hits) < 2:
            rest.append(key)
            continue
        if key in said:
            continue
        said.add(key)
        messages.append(
            Message(
                "plan.ambiguous_name",
                "{name} matches {n} towns (ids {ids}); the row was left out: give the "
                "town's id instead of its name",
                name=str(key).strip(),
                n=len(hits),
                ids=", ".join(str(layer.ids[i]) for i in hits),
            )
        )
    return messages, rest


def assignment_conflicts(layer: TownLayer, rows: Sequence[tuple[str, str]]) -> list[Message]:
    """What a table says twice and differently: towns given to more than one unit.

    :func:`plan_from_assignment` (and the window's import) keep a town in the first
    unit that names it; this says which towns went where and which units lost them,
    one Message per table (empty when there is no conflict).
    """
    units_of: dict[int, list[str]] = {}
    for key, unit_name in rows:
        name = str(unit_name).strip()
        i = layer.find(str(key)) if name else None
        if i is None:
            continue
        names = units_of.setdefault(int(i), [])
        if name not in names:
            names.append(name)
    twice = [(i, names) for i, names in units_of.items() if len(names) > 1]
    if not twice:
        return []
    shown = "; ".join(
        f"{layer.ids[i]} {layer.names[i]} in {names[0]} (also {', '.join(names[1:])})"
        for i, names in twice[:10]
    )
    more = f"; and {len(twice) - 10} more" if len(twice) > 10 else ""
    return [
        Message(
            "plan.town_in_two_units",
            "{n} town(s) are given to more than one unit; each was kept in the first: "
            "{towns}{more}",
            n=len(twice),
            towns=shown,
            more=more,
        )
    ]


# -- projects ---------------------------------------------------------------------------
@dataclass
class OpenedPlan:
    """The project of a plan file; ``rule_problem`` when its saved rule set was unusable."""

    project: Project
    rule_problem: RuleSetError | None = None


def open_plan(
    plan: Plan,
    *,
    rules: Mapping | None = None,
    notes: str = "",
    plan_path: str | Path | None = None,
    source_path: str | Path | None = None,
    load_options: Mapping | None = None,
) -> OpenedPlan:
    """The project of ``plan`` as read from a plan file, checked against its saved rules.

    ``rules`` is the rule set saved with the plan (plain data): when it reads, the
    project is checked against it and takes its benchmark (:func:`apply_rules`); when
    it does not, the project keeps the default rules and ``rule_problem`` (also
    ``project.rule_problem``, which the window reports) says why.
    """
    project = Project(
        plan.layer,
        plan,
        source_path=source_path,
        load_options=dict(load_options) if load_options is not None else None,
    )
    project.plan_path = Path(plan_path) if plan_path else None
    project.notes = str(notes or "")
    if rules:
        project.apply_saved_rules(rules, plan_path)
    return OpenedPlan(project, project.rule_problem)


def carry_plan(plan: Plan, layer: TownLayer) -> Plan:
    """``plan`` moved onto ``layer``, the same file read with other options, by town id.

    When the ids all changed but the towns did not (the id column was unreadable
    before: garbled text, generated ids), town k is town k. A unit still named after
    one of its towns (the default name) takes that town's name as read now, so fixing
    the encoding also fixes the names of untouched units.
    """
    old_layer = plan.layer
    units = unit_records(plan)
    new_ids = {str(t) for t in layer.ids}
    old_ids = [str(t) for t in old_layer.ids]
    same_towns = (
        old_layer.n == layer.n
        and not old_layer.report.multipart_towns
        and not layer.report.multipart_towns
    )
    if same_towns and not any(t in new_ids for t in old_ids):
        rename = dict(zip(old_ids, (str(t) for t in layer.ids), strict=True))
        for unit in units:
            unit.towns = [rename[t] for t in unit.towns]
            if unit.seat is not None:
                unit.seat = rename[unit.seat]
        old_index = {new_id: k for k, new_id in enumerate(rename.values())}
    else:
        old_index = {t: k for k, t in enumerate(old_ids)}
    for unit in units:
        for town_id in unit.towns:
            try:
                was = str(old_layer.names[old_index[town_id]])
                now = str(layer.names[layer.index_of(town_id)])
            except (KeyError, ValueError, IndexError):
                continue
            if unit.name == was:
                unit.name = now
                break
    return place_units(layer, units, plan.benchmark).plan


def carry_project(
    old: Project,
    layer: TownLayer,
    load_options: Mapping | None = None,
    facilities: Iterable[FacilityLayer] = (),
) -> Project:
    """A project on ``layer`` holding ``old``'s plan (:func:`carry_plan`), rule set,
    notes and plan file; ``facilities`` are ``old``'s facility layers placed again on
    ``layer`` (reading them is io's work: ``editor.io.facilities.reload_facilities``).
    """
    new = Project(
        layer,
        carry_plan(old.plan, layer),
        rules=old.rules,
        source_path=old.source_path,
        load_options=dict(load_options) if load_options is not None else old.load_options,
    )
    new.plan_path = old.plan_path
    new.notes = old.notes
    new.facilities.extend(facilities)
    return new


# -- rules ------------------------------------------------------------------------------
def apply_rules(project: Project, rules: RuleSet) -> None:
    """Check ``project`` against ``rules`` (rechecks once) and take their benchmark.

    The rule set is the project's (``project.rules``): a plan file saves it with the plan.
    """
    project.apply_rules(rules)


__all__ = [
    "OpenedPlan",
    "PlacedPlan",
    "UnitRecord",
    "apply_rules",
    "assignment_conflicts",
    "carry_plan",
    "carry_project",
    "open_plan",
    "place_units",
    "plan_from_assignment",
    "take_benchmark",
    "unit_records",
]
