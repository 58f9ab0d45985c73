"""A project: the open layer, its plan, rule checker and selection (Qt-free).

The window holds one ``Project`` and hands it to its views (``MapCanvas(project)``,
``UnitsDock(project)``); views subscribe to ``project.plan.events``,
``project.checker.changed`` and ``project.selection.changed``.

Every piece of state a view, a plan file or the journal reads is declared here. The rule
set has one home, the checker (``project.rules`` is ``project.checker.rules``); change
it with :func:`editor.core.session.apply_rules` (:meth:`Project.apply_rules`), which also
takes its benchmark.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from editor.core.events import Signal
from editor.core.facilities import FacilityLayer
from editor.core.plan import Benchmark, Plan
from editor.core.rules import RuleChecker
from editor.core.ruleset import RuleSet, RuleSetError, take_benchmark
from editor.core.towns import TownLayer


class Selection:
    """Selected town indices; ``changed`` fires with the new frozenset."""

    def __init__(self) -> None:
        self._towns: frozenset[int] = frozenset()
        self.changed = Signal("selection_changed")

    @property
    def towns(self) -> frozenset[int]:
        return self._towns

    def set(self, towns: Iterable[int]) -> None:
        new = frozenset(int(t) for t in towns)
        if new != self._towns:
            self._towns = new
            self.changed.emit(new)

    def toggle(self, town: int) -> None:
        self.set(self._towns ^ {int(town)})

    def add(self, towns: Iterable[int]) -> None:
        self.set(self._towns | {int(t) for t in towns})

    def clear(self) -> None:
        self.set(())

    def array(self) -> np.ndarray:
        return np.fromiter(sorted(self._towns), dtype=np.int64)

    def __contains__(self, town: object) -> bool:
        return town in self._towns

    def __len__(self) -> int:
        return len(self._towns)


@dataclass
class ReferenceLayer:
    """A line/point/polygon layer drawn with the towns (border line, roads, facilities)."""

    path: Path
    geometry: np.ndarray  # in the town layer's metric CRS (``layer.metric_crs``)
    kind: str = "line"  # "line" | "point" | "polygon"
    name: str = ""
    above: bool = True
    attributes: object | None = None
    meta: dict = field(default_factory=dict)


class Project:
    def __init__(
        self,
        layer: TownLayer,
        plan: Plan | None = None,
        rules: RuleSet | None = None,
        source_path: str | Path | None = None,
        load_options: dict | None = None,
    ):
        self.layer = layer
        self.plan = plan or Plan(layer)
        self.checker = RuleChecker(self.plan, rules)
        self.selection = Selection()
        # the layer file and the options it was read with (``LoadOptions.to_dict()``)
        self.source_path: Path | None = Path(source_path) if source_path else layer.report.path
        self.load_options: dict = dict(load_options or {})
        # the plan file it was opened from or last saved to
        self.plan_path: Path | None = None
        # free text saved with the plan (``notes`` of the plan file)
        self.notes: str = ""
        # why the rule set saved with the plan was not used (the window says so), if so
        self.rule_problem: RuleSetError | None = None
        self.references: list[ReferenceLayer] = []
        self.references_changed = Signal("references_changed")
        # facility point layers placed in the towns
        self.facilities: list[FacilityLayer] = []
        self.facilities_changed = Signal("facilities_changed")

    @property
    def rules(self) -> RuleSet:
        """The rule set the plan is checked against (the checker's; saved with the plan)."""
        return self.checker.rules

    def apply_rules(self, rules: RuleSet) -> None:
        """Check the plan against ``rules`` (rechecks once) and take their benchmark."""
        self.checker.set_rules(rules)
        take_benchmark(self.plan, rules, replace=True)

    def apply_saved_rules(self, data: Mapping, path: str | Path | None = None) -> bool:
        """Apply a rule set saved with a plan (plain data); False when it does not read,
        with the reason in :attr:`rule_problem` (the default rules stay)."""
        try:
            rules = RuleSet.from_dict(data, path)
        except RuleSetError as exc:
            self.rule_problem = exc
            return False
        self.rule_problem = None
        self.apply_rules(rules)
        return True

    @property
    def rules_settings(self) -> dict:
        """``rules.to_dict()``, for callers of the old attribute (there is no second copy)."""
        return self.rules.to_dict()

    @rules_settings.setter
    def rules_settings(self, data: Mapping) -> None:
        # the old way of handing over the rules read with a plan: prefer
        # editor.core.session.open_plan
        self.apply_saved_rules(data, self.plan_path)

    @property
    def benchmark(self) -> Benchmark | None:
        return self.plan.benchmark

    def add_reference(self, ref: ReferenceLayer) -> None:
        self.references.append(ref)
        self.references_changed.emit()

    def add_facilities(self, facilities: FacilityLayer) -> None:
        """Add a :class:`~editor.core.facilities.FacilityLayer`; ``facilities_changed`` fires."""
        self.facilities.append(facilities)
        self.facilities_changed.emit()

    def remove_facilities(self, facilities: FacilityLayer) -> None:
        # by identity: FacilityLayer's dataclass == compares arrays, which has no truth value
        del self.facilities[next(i for i, f in enumerate(self.facilities) if f is facilities)]
        self.facilities_changed.emit()

    def close(self) -> None:
        self.checker.close()
