"""Options and loading shared by the subcommands.

Nothing heavy is imported at module level (pandas, shapely, the core): ``--help``
and usage errors answer at once; each function imports what it needs.

Input options have one spelling in every command: ``--encoding`` and ``--crs`` are
the input layer's. Commands that write a layer name the output's ``--out-encoding``
and ``--out-crs``. The old spellings (``--layer-encoding``/``--layer-crs``, and on
``export`` ``--encoding``/``--crs`` meaning the output when given with them) still
work for one release, each with a one-line deprecation note
(:func:`settle_io_options`).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.core.facilities import FacilityLayer
    from editor.core.plan import Plan
    from editor.core.ruleset import RuleSet
    from editor.core.towns import TownLayer
    from editor.io.load import LoadOptions


def add_layer_options(p: argparse.ArgumentParser) -> None:
    from editor.io.read.files import layer_types_text

    p.add_argument("layer", help=f"township layer ({layer_types_text()})")
    p.add_argument("--layer-name", dest="layer_name", help="GeoPackage layer to read")
    p.add_argument("--encoding", help="the input layer's text encoding (e.g. gbk, utf-8)")
    p.add_argument(
        "--crs", help="the input layer's CRS instead of the file's, e.g. 4490 or EPSG:4526"
    )
    p.add_argument("--layer-encoding", dest="layer_encoding", help="deprecated: use --encoding")
    p.add_argument("--layer-crs", dest="layer_crs", help="deprecated: use --crs")
    p.add_argument("--id-field")
    p.add_argument("--name-field")
    p.add_argument("--population-field")
    p.add_argument("--border-field")
    p.add_argument("--historic-field")
    p.add_argument("--seat-field", help="county-seat town flag field")
    p.add_argument(
        "--area-field", help="official area field (km2) to use instead of ellipsoidal area"
    )
    p.add_argument(
        "--border-layer", help="boundary line layer: towns within the tolerance are border towns"
    )
    p.add_argument(
        "--keep-split-towns",
        action="store_true",
        help="with no id field, keep features that share a name and repeat the same "
        "figures as separate towns (default: one town in parts)",
    )
    p.add_argument(
        "--tolerance",
        type=tolerance_metres,
        default=1.0,
        help="snapping tolerance in metres (default 1)",
    )


def tolerance_metres(text: str) -> float:
    """``--tolerance``: a finite distance in metres, zero or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a distance: give metres, zero or more (e.g. 1)"
        )
    return value


def add_output_options(p: argparse.ArgumentParser, default_encoding: str = "utf-8") -> None:
    """``--out-encoding`` and ``--out-crs``: the written layer's (``export``)."""
    p.add_argument(
        "--out-encoding",
        dest="out_encoding",
        default=None,
        help=f"shapefile text encoding of the output: {default_encoding} (default, "
        "with .cpg) or gbk",
    )
    p.add_argument(
        "--out-crs",
        dest="out_crs",
        help="output CRS, e.g. 4490 or EPSG:4526 (default: the layer's)",
    )
    p.set_defaults(out_encoding_default=default_encoding)


def deprecated(old: str, new: str) -> None:
    """One line on stderr: ``old`` still works this release; ``new`` is its name now."""
    print(f"note: {old} is deprecated and will be removed; use {new}", file=sys.stderr)


def settle_io_options(args: argparse.Namespace) -> argparse.Namespace:
    """Resolve the old spellings into ``encoding``/``crs`` (input) and, on commands
    with an output layer, ``out_encoding``/``out_crs``; each old use says so once.

    Old ``export``: ``--layer-encoding``/``--layer-crs`` were the input and
    ``--encoding``/``--crs`` the output. When the old input spellings are given, the
    command is read the old way; otherwise ``--encoding``/``--crs`` are the input's,
    as everywhere.
    """
    if getattr(args, "_io_settled", False):
        return args
    args._io_settled = True
    has_output = hasattr(args, "out_encoding")
    old_input = {
        "encoding": getattr(args, "layer_encoding", None),
        "crs": getattr(args, "layer_crs", None),
    }
    if any(v is not None for v in old_input.values()):
        for key, value in old_input.items():
            if value is None:
                continue
            deprecated(f"--layer-{key}", f"--{key} (the input layer's {key})")
            if has_output and getattr(args, key) is not None:
                if getattr(args, f"out_{key}") is None:
                    deprecated(f"--{key} for the output", f"--out-{key}")
                    setattr(args, f"out_{key}", getattr(args, key))
            setattr(args, key, value)
    elif has_output:
        for key in ("encoding", "crs"):
            if getattr(args, key) is not None and getattr(args, f"out_{key}") is None:
                print(
                    f"note: --{key} is the input layer's (as in every command), read as "
                    f"{getattr(args, key)}; the output's is --out-{key}",
                    file=sys.stderr,
                )
    if has_output and args.out_encoding is None:
        args.out_encoding = getattr(args, "out_encoding_default", "utf-8")
    return args


def options_from_args(args: argparse.Namespace) -> LoadOptions:
    from editor.io.load import LoadOptions

    settle_io_options(args)
    fields = {
        role: getattr(args, f"{role}_field" if role != "county_seat" else "seat_field", None)
        for role in ("id", "name", "population", "border", "historic", "county_seat", "area")
    }
    fields = {k: v for k, v in fields.items() if v is not None}
    crs = args.crs
    if crs is not None and str(crs).isdigit():
        crs = int(crs)
    return LoadOptions(
        layer=args.layer_name,
        encoding=args.encoding,
        crs=crs,
        fields=fields,
        use_area_field=args.area_field is not None,
        tolerance_m=args.tolerance,
        border_layer=args.border_layer,
        group_split_towns=not getattr(args, "keep_split_towns", False),
    )


def load_layer(args: argparse.Namespace) -> TownLayer:
    from editor.io.load import open_layer

    return open_layer(args.layer, options_from_args(args))


def load_plan(layer: TownLayer, path: str | Path) -> tuple[Plan, list[str]]:
    """A plan from the editor's plan file or an assignment table; returns it and unmatched keys."""
    path = Path(path)
    if path.suffix.lower() in (".tbplan", ".json"):
        from editor.io.planfile import load_plan_file

        loaded = load_plan_file(path, layer)
        # what the window shows on opening (source changed, a seat not of its towns...);
        # towns gone are the ``unmatched`` each command reports itself
        warn([m for m in loaded.messages() if getattr(m, "key", "") != "planfile.towns_gone"])
        return loaded.plan, list(loaded.unmatched)
    from editor.core.session import ambiguous_rows, assignment_conflicts, plan_from_assignment
    from editor.io.plantable import read_assignment_table

    rows = read_assignment_table(path)
    warn(assignment_conflicts(layer, rows))
    plan, unmatched = plan_from_assignment(layer, rows)
    ambiguous, unmatched = ambiguous_rows(layer, unmatched)
    warn(ambiguous)
    return plan, unmatched


def warn(messages: list[str]) -> None:
    """Each message as one ``warning: ...`` line on stderr (stdout stays the report)."""
    for m in messages:
        text = " ".join(str(m).split())  # one line each, whatever the message holds
        print(f"warning: {text}", file=sys.stderr)


# -- the reform's data: rule set, facility layers, carried fields --------------------------
def add_rule_options(p: argparse.ArgumentParser, data: bool = True) -> None:
    """``--rules`` and, with ``data``, ``--facilities``, ``--facility-field``, ``--carry``.

    Shared by ``stats``, ``check`` (rules only), ``export``, ``table`` and ``layout``.
    """
    p.add_argument(
        "--rules", help="rule set file (.toml or .json); default resources/rules/default.toml"
    )
    if not data:
        return
    p.add_argument(
        "--facilities",
        action="append",
        default=[],
        metavar="LAYER",
        help="facility point layer to count per unit (repeatable)",
    )
    p.add_argument(
        "--facility-field",
        dest="facility_field",
        help="field giving each facility's type (default: the rule set's, else the file name)",
    )
    p.add_argument(
        "--carry",
        action="append",
        default=None,
        metavar="FIELD",
        help="numeric field to sum per unit (repeatable; default: the rule set's carried_fields)",
    )


def _plan_header(args: argparse.Namespace):
    """The header of a ``--plan`` that is the editor's plan file, else ``None``.

    Read once per command: the rule set and the facility layers both ask for it, and a
    province's plan file is megabytes of JSON.
    """
    plan = getattr(args, "plan", None)
    if not plan or Path(plan).suffix.lower() not in (".tbplan", ".json"):
        return None
    cached = getattr(args, "_plan_header_cache", None)
    if cached is None or cached[0] != plan:
        from editor.io.planfile import read_plan_header

        cached = (plan, read_plan_header(plan))
        args._plan_header_cache = cached
    return cached[1]


def rules_from_args(args: argparse.Namespace) -> RuleSet:
    """The rule set named by ``--rules``, else the one saved in a ``.tbplan``, else the default."""
    from editor.core.ruleset import RuleSet, default_rules
    from editor.io.rules_file import load_rules

    path = getattr(args, "rules", None)
    if path:
        return load_rules(path)
    header = _plan_header(args)
    if header is not None and header.rules:
        return RuleSet.from_dict(header.rules, header.path)
    return default_rules()


def facilities_from_args(
    layer: TownLayer, rules: RuleSet, args: argparse.Namespace
) -> list[FacilityLayer]:
    """The ``--facilities`` layers read and placed in the layer's towns.

    Each point's type comes from ``--facility-field``, else the rule set's
    ``facility_category_field``, else the file's name. Without ``--facilities``, the
    facility layers saved with a ``.tbplan`` are used (a missing one is reported on
    stderr and skipped, as the window does).
    """
    from editor.io.facilities import load_facilities

    cat_field = getattr(args, "facility_field", None) or rules.data.facility_category_field
    paths = getattr(args, "facilities", None) or []
    if paths:
        return [load_facilities(path, layer, category_field=cat_field or None) for path in paths]
    header = _plan_header(args)
    out = []
    for saved in [] if header is None else header.facilities:
        if not saved.exists:
            print(
                f"warning: facility layer {saved.path} saved with the plan was not found",
                file=sys.stderr,
            )
            continue
        out.append(load_facilities(saved.path, layer, saved.category_field, saved.name_field))
    return out


def carry_from_args(args: argparse.Namespace) -> list[str]:
    """The ``--carry`` fields (empty: the rule set's ``carried_fields`` apply)."""
    return list(getattr(args, "carry", None) or [])
