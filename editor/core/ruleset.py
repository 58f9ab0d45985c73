"""The rule set a county adopted: what the checker warns about, quota weights, data fields.

A rule set is plain data (dataclasses) with :meth:`RuleSet.to_dict` /
:meth:`RuleSet.from_dict`; rule set files (TOML, JSON) are read and written by
:mod:`editor.io.rules_file`. :func:`default_rules` is the documented default, also
written out with comments in ``resources/rules/default.toml``.

Fields a rule refers to are named in one of two ways:

``"@border"``, ``"@historic"``, ``"@county_seat"``, ``"@centre"``
    the layer's own role flag, from the field mapping chosen when the layer was opened;
any other text
    a column of the source layer (``layer.attributes``), parsed as a yes/no mark or a
    number with :mod:`editor.core.values`.

A threshold or target of ``0`` is off.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from editor.core.fields import text_values as column_text
from editor.core.messages import Message
from editor.core.plan import Benchmark
from editor.core.values import parse_flag, parse_number
from editor.errors import EditorError

if TYPE_CHECKING:
    from editor.core.plan import Plan
    from editor.core.rules import Violation
    from editor.core.towns import TownLayer

ROLE_FLAGS = ("border", "historic", "county_seat", "centre")
MODES = ("whole", "name")
ROUNDING = ("round", "ceil", "floor", "none")


class RuleSetError(EditorError):
    """A rule set file cannot be read or holds a value that makes no sense."""

    def __init__(self, path: str | Path | None, problem: str):
        self.path = None if path is None else Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path is not None else problem)


# -- the data ---------------------------------------------------------------------------
@dataclass
class PreservedCategory:
    """Towns kept as they are (成建制保留).

    ``mode`` ``"whole"``: the town neither absorbs nor is absorbed (its unit has no other
    member). ``"name"``: it may take in neighbours, but the unit must keep its name.
    """

    key: str
    label: str = ""
    field: str = ""
    mode: str = "whole"
    enabled: bool = True

    @property
    def rule(self) -> str:
        """The rule id its violations carry (``border_whole``, ``historic_whole``, ...)."""
        return f"{self.key}_whole"


@dataclass
class EnlargeCategory:
    """Towns expected to absorb neighbours (county-seat town, regional centre towns)."""

    key: str
    label: str = ""
    field: str = ""
    enabled: bool = True

    @property
    def rule(self) -> str:
        return f"{self.key}_enlarged"


@dataclass
class Thresholds:
    """Limits per merged unit; 0 switches a limit off."""

    min_population: float = 0.0
    min_area_km2: float = 0.0
    max_towns: int = 0
    max_service_radius_km: float = 0.0
    # a preserved town left whole cannot reach a minimum by policy: do not warn about it
    exempt_preserved: bool = True


@dataclass
class Targets:
    """County-wide targets after the merger; 0 switches one off."""

    units_min: int = 0
    units_max: int = 0
    mean_population: float = 0.0
    mean_area_km2: float = 0.0


@dataclass
class BenchmarkValues:
    """Reference figures shown beside the county's (for example a national average)."""

    label: str = ""
    mean_population: float = 0.0
    mean_area_km2: float = 0.0


@dataclass
class QuotaRules:
    """Staffing quota method (编制测算): basic + indicators + key guarantee.

    Indicator quota = population / 10,000 x ``per_10k_population`` + area / 100 km² x
    ``per_100_km2`` + village count x ``per_village``. Key guarantee adds
    ``large_population_bonus`` to units over ``large_population`` people,
    ``county_seat_bonus`` to the unit holding the county-seat town, and the developed /
    pilot bonuses to units holding a town flagged in ``developed_field`` /
    ``pilot_field``. The quota is a township-level figure: on a village layer
    (村级建制调整) views, layouts and exports leave it out unless ``apply_to_villages``.
    """

    basic: float = 0.0
    per_10k_population: float = 0.0
    per_100_km2: float = 0.0
    per_village: float = 0.0
    village_field: str = ""
    large_population: float = 100_000.0
    large_population_bonus: float = 0.0
    county_seat_bonus: float = 0.0
    developed_field: str = ""
    developed_bonus: float = 0.0
    pilot_field: str = ""
    pilot_bonus: float = 0.0
    rounding: str = "round"
    #: the quota is a township figure: a village layer shows it only when this is set
    apply_to_villages: bool = False


@dataclass
class VillageRules:
    """Village-level mergers: a merged unit must stay inside one township."""

    enabled: bool = True
    parent_field: str = ""  # "" = the layer's parent-township mapping


@dataclass
class DataFields:
    """Columns carried into the panel and exports, and how facilities are grouped."""

    carried_fields: list[str] = field(default_factory=list)
    facility_category_field: str = ""


def _default_preserved() -> list[PreservedCategory]:
    return [
        PreservedCategory("border", "沿边乡镇", "@border", "whole"),
        PreservedCategory("historic", "历史文化名镇", "@historic", "name"),
    ]


def _default_enlarge() -> list[EnlargeCategory]:
    return [
        EnlargeCategory("county_seat", "县政府驻地镇", "@county_seat"),
        EnlargeCategory("centre", "区域中心镇", "@centre"),
    ]


@dataclass
class RuleSet:
    """Every rule a plan is checked against, plus the quota method and data fields.

    ``RuleSet()`` has the built-in categories with no thresholds or targets;
    :func:`default_rules` reads the documented default file.
    """

    name: str = ""
    contiguity: bool = True
    preserved: list[PreservedCategory] = field(default_factory=_default_preserved)
    enlarge: list[EnlargeCategory] = field(default_factory=_default_enlarge)
    thresholds: Thresholds = field(default_factory=Thresholds)
    targets: Targets = field(default_factory=Targets)
    benchmark_values: BenchmarkValues = field(default_factory=BenchmarkValues)
    quota: QuotaRules = field(default_factory=QuotaRules)
    village: VillageRules = field(default_factory=VillageRules)
    data: DataFields = field(default_factory=DataFields)
    # rules written in Python by other features; not saved to files
    extra_unit_rules: list[Callable[[Plan, int], list[Violation]]] = field(
        default_factory=list, repr=False, compare=False
    )
    extra_county_rules: list[Callable[[Plan], list[Violation]]] = field(
        default_factory=list, repr=False, compare=False
    )

    # the first rule checker switched the two built-in categories with these flags
    @property
    def border_whole(self) -> bool:
        return self._enabled("border")

    @border_whole.setter
    def border_whole(self, on: bool) -> None:
        self._set_enabled("border", on)

    @property
    def historic_whole(self) -> bool:
        return self._enabled("historic")

    @historic_whole.setter
    def historic_whole(self, on: bool) -> None:
        self._set_enabled("historic", on)

    def _enabled(self, key: str) -> bool:
        return any(c.enabled for c in self.preserved if c.key == key)

    def _set_enabled(self, key: str, on: bool) -> None:
        for c in self.preserved:
            if c.key == key:
                c.enabled = bool(on)

    def benchmark(self) -> Benchmark | None:
        """The benchmark to show in the summary, or ``None`` when the rule set has none."""
        b = self.benchmark_values
        if not (b.mean_population or b.mean_area_km2):
            return None
        return Benchmark(
            label=b.label,
            mean_population=b.mean_population or None,
            mean_area_km2=b.mean_area_km2 or None,
        )

    def copy(self) -> RuleSet:
        new = RuleSet.from_dict(self.to_dict())
        new.extra_unit_rules = list(self.extra_unit_rules)
        new.extra_county_rules = list(self.extra_county_rules)
        return new

    # -- plain data -----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "name": self.name,
            "checks": {"contiguity": self.contiguity},
            "preserved": [asdict(c) for c in self.preserved],
            "enlarge": [asdict(c) for c in self.enlarge],
            "thresholds": asdict(self.thresholds),
            "targets": asdict(self.targets),
            "benchmark": asdict(self.benchmark_values),
            "quota": asdict(self.quota),
            "village": asdict(self.village),
            "data": asdict(self.data),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str | Path | None = None) -> RuleSet:
        """A rule set from plain data; unknown keys and wrong types raise :class:`RuleSetError`."""
        reader = _Reader(path)
        data = reader.table(data, "", ("version", *_TOP_KEYS))
        version = data.get("version", 1)
        if version != 1:
            raise RuleSetError(
                path,
                Message(
                    "error.rule_set_version_supported",
                    "rule set version {version!r} is not supported (expected 1)",
                    version=version,
                ),
            )
        rules = cls(name=reader.text(data, "name", ""))
        checks = reader.table(data.get("checks", {}), "checks", ("contiguity",))
        rules.contiguity = reader.boolean(checks, "contiguity", True, "checks")
        if "preserved" in data:
            rules.preserved = [
                reader.record(PreservedCategory, item, f"preserved[{k}]")
                for k, item in enumerate(reader.array(data["preserved"], "preserved"))
            ]
        if "enlarge" in data:
            rules.enlarge = [
                reader.record(EnlargeCategory, item, f"enlarge[{k}]")
                for k, item in enumerate(reader.array(data["enlarge"], "enlarge"))
            ]
        for key, kind, attr in _SECTIONS:
            if key in data:
                setattr(rules, attr, reader.record(kind, data[key], key))
        reader.check(rules)
        return rules


_SECTIONS = (
    ("thresholds", Thresholds, "thresholds"),
    ("targets", Targets, "targets"),
    ("benchmark", BenchmarkValues, "benchmark_values"),
    ("quota", QuotaRules, "quota"),
    ("village", VillageRules, "village"),
    ("data", DataFields, "data"),
)
_TOP_KEYS = ("name", "checks", "preserved", "enlarge", *(s[0] for s in _SECTIONS))


class _Reader:
    """Checks plain data against the dataclasses, with messages naming the key."""

    def __init__(self, path: str | Path | None):
        self.path = path

    def fail(self, problem: str) -> RuleSetError:
        return RuleSetError(self.path, problem)

    def table(self, value: object, where: str, allowed: tuple[str, ...]) -> dict:
        if not isinstance(value, Mapping):
            raise self.fail(Message("error.must_table", "[{where}] must be a table", where=where))
        unknown = [k for k in value if k not in allowed]
        if unknown:
            place = f" in [{where}]" if where else ""
            raise self.fail(
                Message(
                    "error.unknown_key_known",
                    "unknown key {unknown!r}{place} (known: {items})",
                    unknown=unknown[0],
                    place=place,
                    items=", ".join(allowed),
                )
            )
        return dict(value)

    def array(self, value: object, where: str) -> list:
        if not isinstance(value, list):
            raise self.fail(
                Message(
                    "error.must_array_tables", "{where} must be an array of tables", where=where
                )
            )
        return value

    def text(self, data: Mapping, key: str, default: str, where: str = "") -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            raise self.fail(
                Message(
                    "error.must_text_2",
                    "{name} must be text, not {value!r}",
                    name=_name(where, key),
                    value=value,
                )
            )
        return value.strip()

    def boolean(self, data: Mapping, key: str, default: bool, where: str = "") -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(
                Message(
                    "error.must_true_or_false",
                    "{name} must be true or false, not {value!r}",
                    name=_name(where, key),
                    value=value,
                )
            )
        return value

    def record(self, kind: type, value: object, where: str) -> Any:
        names = tuple(f.name for f in fields(kind))
        data = self.table(value, where, names)
        defaults = kind(**({"key": ""} if "key" in names else {}))
        out = {}
        for f in fields(kind):
            default = getattr(defaults, f.name)
            if f.name not in data:
                if f.name == "key":
                    raise self.fail(Message("error.needs_key", "{where} needs a key", where=where))
                out[f.name] = default
                continue
            v = data[f.name]
            if isinstance(default, bool):
                out[f.name] = self.boolean(data, f.name, default, where)
            elif isinstance(default, (int, float)):
                if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                    raise self.fail(
                        Message(
                            "error.must_number",
                            "{name} must be a number, not {v!r}",
                            name=_name(where, f.name),
                            v=v,
                        )
                    )
                if v < 0:
                    raise self.fail(
                        Message(
                            "error.cannot_negative",
                            "{name} cannot be negative ({v})",
                            name=_name(where, f.name),
                            v=v,
                        )
                    )
                out[f.name] = int(v) if isinstance(default, int) else float(v)
            elif isinstance(default, str):
                out[f.name] = self.text(data, f.name, default, where)
            elif isinstance(default, list):
                if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                    raise self.fail(
                        Message(
                            "error.must_list_texts",
                            "{name} must be a list of texts",
                            name=_name(where, f.name),
                        )
                    )
                out[f.name] = [x.strip() for x in v if x.strip()]
            else:  # pragma: no cover - every field type is handled above
                out[f.name] = v
        return kind(**out)

    def check(self, rules: RuleSet) -> None:
        for group in (rules.preserved, rules.enlarge):
            keys = [c.key for c in group]
            for c in group:
                if not c.key.replace("_", "").isalnum():
                    raise self.fail(
                        Message(
                            "error.category_key_must_letters",
                            "category key {key!r} must be letters, digits or _",
                            key=c.key,
                        )
                    )
                if keys.count(c.key) > 1:
                    raise self.fail(
                        Message(
                            "error.category_key_used_twice",
                            "category key {key!r} is used twice",
                            key=c.key,
                        )
                    )
                if c.field.startswith("@") and c.field[1:] not in ROLE_FLAGS:
                    raise self.fail(
                        Message(
                            "error.field_role_use_one",
                            "{key}: field {field!r} is not a role (use one of {items} or a column name)",
                            key=c.key,
                            field=c.field,
                            items=", ".join("@" + r for r in ROLE_FLAGS),
                        )
                    )
        for c in rules.preserved:
            if c.mode not in MODES:
                raise self.fail(
                    Message(
                        "error.preserved_mode_must_one",
                        "preserved {key}: mode must be one of {items}",
                        key=c.key,
                        items=", ".join(MODES),
                    )
                )
        if rules.quota.rounding not in ROUNDING:
            raise self.fail(
                Message(
                    "error.quota_rounding_must_one",
                    "quota.rounding must be one of {items}",
                    items=", ".join(ROUNDING),
                )
            )
        t = rules.targets
        if t.units_min and t.units_max and t.units_min > t.units_max:
            raise self.fail(
                Message(
                    "error.targets_units_min_above",
                    "targets.units_min ({units_min}) is above units_max ({units_max})",
                    units_min=t.units_min,
                    units_max=t.units_max,
                )
            )


def _name(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


# -- the benchmark ----------------------------------------------------------------------
def take_benchmark(plan: Plan, rules: RuleSet, *, replace: bool = False) -> None:
    """Set ``plan``'s benchmark from ``rules`` (also :func:`editor.core.session.take_benchmark`).

    By default only a plan without a benchmark takes the rule set's (the command line:
    a benchmark saved with the plan wins). With ``replace`` the rule set's benchmark
    becomes the plan's, and a rule set without one clears it (the window applying a
    rule set).
    """
    benchmark = rules.benchmark()
    if replace:
        if benchmark is not None or plan.benchmark is not None:
            plan.set_benchmark(benchmark)
    elif plan.benchmark is None and benchmark is not None:
        plan.set_benchmark(benchmark)


# -- the default ------------------------------------------------------------------------
def default_rules() -> RuleSet:
    """The documented default rule set (``resources/rules/default.toml`` holds the same,
    with comments; a test keeps the two equal). A new object each call."""
    return RuleSet(
        name="默认规则（示例）",
        benchmark_values=BenchmarkValues("全国平均（示例）", 36500.0, 249.0),
        quota=QuotaRules(
            basic=20.0,
            per_10k_population=3.0,
            per_100_km2=1.0,
            per_village=0.5,
            village_field="村委会数",
            large_population=100_000.0,
            large_population_bonus=5.0,
            county_seat_bonus=5.0,
            developed_bonus=3.0,
            pilot_bonus=2.0,
        ),
    )


# -- the fields a rule set names, read from a layer -------------------------------------
_column_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _cached(layer: TownLayer, key: tuple, make: Callable[[], np.ndarray | None]):
    per_layer = _column_cache.setdefault(layer, {})
    if key not in per_layer:
        per_layer[key] = make()
    return per_layer[key]


def flag_values(layer: TownLayer, spec: str) -> np.ndarray | None:
    """The yes/no values a field spec names (``@role`` or a column); ``None`` if absent."""
    spec = spec.strip()
    if not spec:
        return None
    if spec.startswith("@"):
        role = spec[1:]
        if role not in ROLE_FLAGS:
            return None
        return np.asarray(getattr(layer, role), dtype=bool)
    if spec not in layer.attributes.columns:
        return None

    def make() -> np.ndarray:
        return np.asarray(parse_flag(layer.attributes[spec]), dtype=bool)

    return _cached(layer, ("flag", spec), make)


def number_values(layer: TownLayer, column: str) -> np.ndarray | None:
    """A numeric column as float64 (NaN where unreadable); ``None`` if the layer has none."""
    column = column.strip()
    if not column or column not in layer.attributes.columns:
        return None

    def make() -> np.ndarray:
        return np.asarray(parse_number(layer.attributes[column]), dtype=np.float64)

    return _cached(layer, ("number", column), make)


def text_values(layer: TownLayer, column: str) -> np.ndarray | None:
    """A column as stripped text (blank for missing); ``None`` if the layer has none."""
    column = column.strip()
    if not column or column not in layer.attributes.columns:
        return None

    def make() -> np.ndarray:
        return column_text(layer.attributes[column].tolist())

    return _cached(layer, ("text", column), make)


def parent_values(layer: TownLayer, rules: RuleSet) -> np.ndarray | None:
    """Parent township per base unit: the rule set's field, else the layer's mapping."""
    if rules.village.parent_field:
        return text_values(layer, rules.village.parent_field)
    return layer.parent
