"""What a valid plan file holds (docs/plan-format.md): the checks a document must pass.

Every check raises :class:`~editor.errors.PlanError` with one line naming the file and
the key; nothing in a plan file is ever evaluated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from editor.core.commands import control_characters
from editor.core.messages import Message
from editor.errors import PlanError

FORMAT = "township-boundary-editor-plan"
VERSION = 1
SUFFIX = ".tbplan"


def _fail(path: Path, problem: str) -> None:
    raise PlanError(path, problem)


def check_document(path: Path, doc: Any) -> None:
    """Raise :class:`PlanError` unless ``doc`` is a plan document this program reads."""
    if not isinstance(doc, dict):
        _fail(
            path,
            Message("error.plan_file_json_object", "not a plan file: the JSON is not an object"),
        )
    if doc.get("format") != FORMAT:
        _fail(
            path,
            Message(
                "error.plan_file_format_expected",
                'not a plan file: "format" is {format!r}, expected {FORMAT!r}',
                format=doc.get("format"),
                FORMAT=FORMAT,
            ),
        )
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        _fail(path, Message("error.version_must_whole_number", '"version" must be a whole number'))
    if version > VERSION:
        _fail(
            path,
            Message(
                "error.plan_file_version_newer",
                "plan file version {version} is newer than this program understands ({VERSION}); update the editor",
                version=version,
                VERSION=VERSION,
            ),
        )
    if version < 1:
        _fail(
            path,
            Message(
                "error.unknown_plan_file_version",
                "unknown plan file version {version}",
                version=version,
            ),
        )
    _check_units(path, doc.get("units"))
    _check_source(path, doc.get("source", {}))
    _check_settings(path, doc)
    _check_layers(path, doc.get("layers"))
    _check_load_options(path, doc.get("load_options") or {})


def _check_units(path: Path, units: Any) -> None:
    if not isinstance(units, list):
        _fail(path, Message("error.units_must_list", '"units" must be a list'))
    seen_ids: set[int] = set()
    for k, u in enumerate(units):
        _check_unit(path, k, u, seen_ids)


def _check_unit(path: Path, k: int, u: Any, seen_ids: set[int]) -> None:
    where = f"unit {k + 1}"
    if not isinstance(u, dict):
        _fail(path, Message("error.not_an_object", "{where} is not an object", where=where))
    uid = u.get("id")
    if not isinstance(uid, int) or isinstance(uid, bool) or uid < 0 or uid >= 2**63:
        _fail(
            path,
            Message(
                "error.id_must_whole_number",
                '{where}: "id" must be a whole number >= 0',
                where=where,
            ),
        )
    if uid in seen_ids:
        _fail(
            path,
            Message(
                "error.unit_id_used_twice",
                "{where}: unit id {uid} is used twice",
                where=where,
                uid=uid,
            ),
        )
    seen_ids.add(uid)
    if not isinstance(u.get("name"), str) or not u["name"].strip():
        _fail(
            path,
            Message(
                "error.name_must_non_empty",
                '{where}: "name" must be non-empty text',
                where=where,
            ),
        )
    bad = control_characters(u["name"])
    if bad:
        _fail(
            path,
            Message(
                "error.name_control_characters",
                '{where}: "name" holds control characters ({chars})',
                where=where,
                chars=", ".join(bad),
            ),
        )
    if u.get("seat") is not None and not isinstance(u["seat"], (str, int)):
        _fail(
            path,
            Message(
                "error.seat_must_town_id",
                '{where}: "seat" must be a town id or null',
                where=where,
            ),
        )
    if not isinstance(u.get("note", ""), str):
        _fail(path, Message("error.note_must_text", '{where}: "note" must be text', where=where))
    towns = u.get("towns")
    if not isinstance(towns, list) or not all(
        isinstance(t, (str, int)) and not isinstance(t, bool) for t in towns
    ):
        _fail(
            path,
            Message(
                "error.towns_must_list_town",
                '{where} ({name}): "towns" must be a list of town ids',
                where=where,
                name=u.get("name"),
            ),
        )


def _check_source(path: Path, src: Any) -> None:
    if src is not None and not isinstance(src, dict):
        _fail(path, Message("error.source_must_object", '"source" must be an object'))
    for key in ("path", "absolute", "layer"):
        if (src or {}).get(key) is not None and not isinstance(src[key], str):
            _fail(path, Message("error.source_must_text", '"source.{key}" must be text', key=key))
    checksum = (src or {}).get("checksum")
    if checksum is not None and not (
        isinstance(checksum, dict) and isinstance(checksum.get("digest"), str)
    ):
        _fail(
            path,
            Message(
                "error.source_checksum_must_object",
                '"source.checksum" must be an object with a "digest"',
            ),
        )


def _check_settings(path: Path, doc: dict) -> None:
    """``load_options``, ``rules``, ``benchmark`` and ``notes``."""
    for key in ("load_options", "rules", "benchmark"):
        if doc.get(key) is not None and not isinstance(doc[key], dict):
            _fail(
                path,
                Message("error.must_object_or_null", '"{key}" must be an object or null', key=key),
            )
    bench = doc.get("benchmark") or {}
    for key in ("mean_population", "mean_area_km2"):
        v = bench.get(key)
        if v is not None and (not isinstance(v, (int, float)) or isinstance(v, bool)):
            _fail(
                path,
                Message(
                    "error.benchmark_must_number_or",
                    '"benchmark.{key}" must be a number or null',
                    key=key,
                ),
            )
    if not isinstance(doc.get("notes", ""), str):
        _fail(path, Message("error.notes_must_text", '"notes" must be text'))


def _check_load_options(path: Path, opts: dict) -> None:
    if not isinstance(opts.get("fields", {}) or {}, dict):
        _fail(
            path,
            Message("error.load_options_fields_must", '"load_options.fields" must be an object'),
        )
    tol = opts.get("tolerance_m", 1.0)
    if tol is not None and (not isinstance(tol, (int, float)) or isinstance(tol, bool)):
        _fail(
            path,
            Message(
                "error.load_options_tolerance_m", '"load_options.tolerance_m" must be a number'
            ),
        )


def _check_layers(path: Path, layers: Any) -> None:
    """The optional ``layers`` object: border, facilities, references."""
    if layers is None:
        return
    if not isinstance(layers, dict):
        _fail(path, Message("error.layers_must_object", '"layers" must be an object'))
    entries: list[tuple[str, Any]] = []
    if layers.get("border") is not None:
        entries.append(("layers.border", layers["border"]))
    for key in ("facilities", "references"):
        items = layers.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            _fail(path, Message("error.layers_must_list", '"layers.{key}" must be a list', key=key))
        entries += [(f"layers.{key}[{k + 1}]", item) for k, item in enumerate(items)]
    for where, item in entries:
        if not isinstance(item, dict):
            _fail(path, Message("error.must_object", '"{where}" must be an object', where=where))
        if not isinstance(item.get("path"), str) or not item["path"]:
            _fail(
                path,
                Message(
                    "error.path_must_non_empty",
                    '"{where}.path" must be non-empty text',
                    where=where,
                ),
            )
        for key in ("absolute", "category_field", "name_field", "name"):
            if item.get(key) is not None and not isinstance(item[key], str):
                _fail(
                    path,
                    Message(
                        "error.must_text", '"{where}.{key}" must be text', where=where, key=key
                    ),
                )
        if "above" in item and not isinstance(item["above"], bool):
            _fail(
                path,
                Message(
                    "error.above_must_true_or", '"{where}.above" must be true or false', where=where
                ),
            )
