"""One broken rule: :class:`Violation` (made by ``editor.core.rules``, re-exported there)."""

from __future__ import annotations

from dataclasses import dataclass, field

from editor.core.messages import Message
from editor.core.plan import Plan


@dataclass(frozen=True)
class Violation:
    """One broken rule. ``unit`` is the unit id, or ``None`` for county-wide rules.

    ``towns`` are the town indices the breach is about (the border town that was
    merged, the unit's members for a threshold), for highlighting on the map.

    ``message`` is a :class:`~editor.core.messages.Message` for the built-in rules (a
    plain string from a rule added in code is shown as is). ``params`` is what the
    message says as data, by default the message's own params, e.g.
    ``{"unit": "城关镇", "population": 8200.0, "minimum": 20000.0, "missing": ""}`` for
    ``min_population``; not part of ``to_dict`` (whose keys stay as they are).
    """

    unit: int | None
    rule: str
    message: str
    severity: str = "warning"
    towns: tuple[int, ...] = ()
    params: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        if not self.params and isinstance(self.message, Message):
            object.__setattr__(self, "params", dict(self.message.params))

    def to_dict(self, plan: Plan | None = None) -> dict:
        name = None
        if plan is not None and self.unit is not None and self.unit in plan.units:
            name = plan.units[self.unit].name
        out: dict[str, object] = {
            "unit": name if name is not None else self.unit,
            "rule": self.rule,
            "message": self.message,
            "severity": self.severity,
        }
        if plan is not None and self.towns:
            out["towns"] = [str(plan.layer.ids[t]) for t in self.towns]
        return out
