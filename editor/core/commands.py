"""Commands: the only way a plan changes. Each keeps its before and after state.

A command computes the state it wants (a :class:`~editor.core.plan.Snapshot`) the first
time it runs, captures what that state replaces, and from then on ``redo`` and
``undo`` just restore one or the other, so replaying is exact however the plan got
there. Labels are built from an English template and arguments so a GUI can translate
the template (``label_template``) and format it with ``label_args``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

import numpy as np

from editor.core.messages import Message
from editor.core.plan import Plan, PlanChange, Snapshot


def control_characters(text: str) -> list[str]:
    """The control characters in ``text`` (NUL, BEL, newlines, ...), each as ``U+XXXX``.

    A NUL cuts a name short in shapefiles, GeoPackages and GeoJSON, and control
    characters are not allowed in XML (the QGIS style): names must not hold them.
    """
    found = {ch for ch in str(text) if unicodedata.category(ch) in ("Cc", "Cs")}
    return [f"U+{ord(ch):04X}" for ch in sorted(found)]


def check_name(name: str) -> str:
    """``name`` stripped, once it is non-empty and free of control characters;
    else :class:`CommandError`."""
    text = str(name).strip()
    if not text:
        raise CommandError(Message("command.empty_name", "a unit name cannot be empty"))
    bad = control_characters(text)
    if bad:
        raise CommandError(
            Message(
                "command.control_characters",
                "a unit name cannot hold control characters ({chars})",
                chars=", ".join(bad),
            )
        )
    return text


class CommandError(ValueError):
    """A command that cannot apply to the plan as it is (unknown unit, empty selection).

    Its argument is a :class:`~editor.core.messages.Message`, so a GUI can word it in
    the user's language.
    """


class Command:
    kind = "assign"
    label_template = ""

    def __init__(self) -> None:
        self._before: Snapshot | None = None
        self._after: Snapshot | None = None
        self.label_args: dict[str, object] = {}

    @property
    def label(self) -> str:
        return self.label_template.format(**self.label_args)

    def target(self, plan: Plan) -> Snapshot:  # pragma: no cover - abstract
        raise NotImplementedError

    def redo(self, plan: Plan) -> PlanChange:
        if self._after is None:
            after = self.target(plan)
            self._before = plan.capture(after.towns, after.units.keys())
            self._after = after
        return plan.restore(self._after, self.kind, self.label)

    def undo(self, plan: Plan) -> PlanChange:
        if self._before is None:
            raise CommandError(Message("command.never_ran", "undo of a command that never ran"))
        return plan.restore(self._before, self.kind, self.label)


def _towns(towns: Iterable[int]) -> np.ndarray:
    arr = np.unique(np.asarray(list(towns), dtype=np.int64))
    if len(arr) == 0:
        raise CommandError(Message("command.no_towns", "no towns given"))
    return arr


def _record(plan: Plan, uid: int) -> tuple[str, int | None, str]:
    unit = plan.units.get(uid)
    if unit is None:
        raise CommandError(Message("command.no_unit", "no unit {uid}", uid=uid))
    return (unit.name, unit.seat, unit.note)


class AssignTowns(Command):
    """Put towns into an existing unit ("Merge 3 towns into 城关镇")."""

    def __init__(self, towns: Iterable[int], unit: int):
        super().__init__()
        self.towns = _towns(towns)
        self.unit = int(unit)

    def target(self, plan: Plan) -> Snapshot:
        rec = _record(plan, self.unit)
        n = len(self.towns)
        if n == 1:
            self.label_template = "Move {town} into {unit}"
            self.label_args = {"town": plan.layer.names[self.towns[0]], "unit": rec[0]}
        else:
            self.label_template = "Merge {n} towns into {unit}"
            self.label_args = {"n": n, "unit": rec[0]}
        return Snapshot(self.towns, np.full(n, self.unit, dtype=np.int64), {self.unit: rec})


class MergeUnits(Command):
    """Merge whole units into one ("Merge 2 units into 城关镇")."""

    def __init__(self, units: Iterable[int], into: int):
        super().__init__()
        self.units = [int(u) for u in units if int(u) != int(into)]
        self.into = int(into)

    def target(self, plan: Plan) -> Snapshot:
        rec = _record(plan, self.into)
        towns: list[int] = []
        for uid in self.units:
            _record(plan, uid)
            towns.extend(plan.units[uid].members)
        towns_arr = _towns(towns)
        self.label_template = "Merge {n} units into {unit}"
        self.label_args = {"n": len(self.units), "unit": rec[0]}
        return Snapshot(
            towns_arr, np.full(len(towns_arr), self.into, dtype=np.int64), {self.into: rec}
        )


class NewUnit(Command):
    """Make a new unit from towns, named after its seat unless a name is given."""

    def __init__(self, towns: Iterable[int], name: str | None = None, seat: int | None = None):
        super().__init__()
        self.towns = _towns(towns)
        self.name = None if name is None or not str(name).strip() else check_name(name)
        self.seat = seat

    def target(self, plan: Plan) -> Snapshot:
        uid = plan.new_unit_id()
        name = self.name or str(plan.layer.names[plan.default_seat(self.towns)])
        self.label_template = "New unit {unit} from {n} towns"
        self.label_args = {"unit": name, "n": len(self.towns)}
        return Snapshot(
            self.towns, np.full(len(self.towns), uid, dtype=np.int64), {uid: (name, self.seat, "")}
        )


class DetachTowns(Command):
    """Take towns out of their units, each into a unit of its own named after it."""

    def __init__(self, towns: Iterable[int]):
        super().__init__()
        self.towns = _towns(towns)

    def target(self, plan: Plan) -> Snapshot:
        towns: list[int] = []
        units: list[int] = []
        records: dict[int, tuple[str, int | None, str] | None] = {}
        for t in self.towns.tolist():
            if len(plan.units[int(plan.unit_of[t])].members) == 1:
                continue  # already alone
            uid = plan.new_unit_id()
            towns.append(t)
            units.append(uid)
            records[uid] = (str(plan.layer.names[t]), None, "")
        if not towns:
            raise CommandError(
                Message("command.already_alone", "the towns are already alone in their units")
            )
        if len(towns) == 1:
            self.label_template = "Take {town} out of its unit"
            self.label_args = {"town": plan.layer.names[towns[0]]}
        else:
            self.label_template = "Take {n} towns out of their units"
            self.label_args = {"n": len(towns)}
        return Snapshot(
            np.asarray(towns, dtype=np.int64), np.asarray(units, dtype=np.int64), records
        )


class RenameUnit(Command):
    kind = "rename"

    def __init__(self, unit: int, name: str):
        super().__init__()
        self.unit = int(unit)
        self.name = check_name(name)

    def target(self, plan: Plan) -> Snapshot:
        old, seat, note = _record(plan, self.unit)
        self.label_template = "Rename {old} to {new}"
        self.label_args = {"old": old, "new": self.name}
        return Snapshot(
            np.empty(0, dtype=np.int64),
            np.empty(0, dtype=np.int64),
            {self.unit: (self.name, seat, note)},
        )


class SetSeat(Command):
    kind = "seat"

    def __init__(self, unit: int, town: int | None):
        super().__init__()
        self.unit = int(unit)
        self.town = None if town is None else int(town)

    def target(self, plan: Plan) -> Snapshot:
        name, _, note = _record(plan, self.unit)
        if self.town is not None and self.town not in plan.units[self.unit].members:
            raise CommandError(
                Message(
                    "command.not_member",
                    "{town} is not a member of {unit}",
                    town=str(plan.layer.names[self.town]),
                    unit=name,
                )
            )
        self.label_template = "Set seat of {unit} to {town}"
        self.label_args = {
            "unit": name,
            "town": "auto" if self.town is None else plan.layer.names[self.town],
        }
        return Snapshot(
            np.empty(0, dtype=np.int64),
            np.empty(0, dtype=np.int64),
            {self.unit: (name, self.town, note)},
        )


class SetNote(Command):
    kind = "note"

    def __init__(self, unit: int, note: str):
        super().__init__()
        self.unit = int(unit)
        self.note = str(note)

    def target(self, plan: Plan) -> Snapshot:
        name, seat, _ = _record(plan, self.unit)
        self.label_template = "Edit note of {unit}"
        self.label_args = {"unit": name}
        return Snapshot(
            np.empty(0, dtype=np.int64),
            np.empty(0, dtype=np.int64),
            {self.unit: (name, seat, self.note)},
        )


class ApplyAssignment(Command):
    """Assign many towns at once from a table: unit name → towns (one undo step).

    A name that matches an existing unit (other than a unit the rows empty) reuses it;
    other names become new units. Towns the table does not mention stay where they are.
    """

    def __init__(self, groups: Mapping[str, Iterable[int]], seats: Mapping[str, int] | None = None):
        super().__init__()
        self.groups = {check_name(k): _towns(v) for k, v in groups.items() if len(list(v))}
        self.seats = dict(seats or {})

    def target(self, plan: Plan) -> Snapshot:
        towns: list[int] = []
        units: list[int] = []
        records: dict[int, tuple[str, int | None, str] | None] = {}
        by_name = {u.name: uid for uid, u in plan.units.items()}
        for name, members in self.groups.items():
            uid = by_name.get(name)
            if uid is None:
                uid = plan.new_unit_id()
                records[uid] = (name, self.seats.get(name), "")
            else:
                old = plan.units[uid]
                records[uid] = (name, self.seats.get(name, old.seat), old.note)
            towns.extend(members.tolist())
            units.extend([uid] * len(members))
        self.label_template = "Apply assignment of {n} towns to {m} units"
        self.label_args = {"n": len(towns), "m": len(self.groups)}
        return Snapshot(
            np.asarray(towns, dtype=np.int64), np.asarray(units, dtype=np.int64), records
        )
