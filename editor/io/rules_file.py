"""Rule set files: a :class:`~editor.core.ruleset.RuleSet` read from and written to TOML or JSON.

TOML is read with :mod:`tomllib` and written with ``tomli_w``; JSON with :mod:`json`.
Writing goes through :func:`editor.io.atomic.write_text` (whole or not at all). The
documented default rule set is ``resources/rules/default.toml``
(:data:`DEFAULT_PATH`); it holds what :func:`editor.core.ruleset.default_rules` builds.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import tomli_w

from editor.core.messages import Message
from editor.core.ruleset import RuleSet, RuleSetError
from editor.io.atomic import write_text
from editor.io.read.files import check_input

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "resources" / "rules" / "default.toml"
HEADER = "# Township Boundary Editor rule set (规则集)\n"


def load_rules(path: str | Path) -> RuleSet:
    """Read a rule set from a ``.toml`` or ``.json`` file.

    Raises
    ------
    RuleSetError
        When the file is missing, not valid TOML/JSON, or holds an unknown key or a
        wrong value; the message names the file and the key.
    """
    path = Path(path)
    if not path.exists():
        raise RuleSetError(path, Message("error.rule_set_file_found", "rule set file not found"))
    check_input(path, RuleSetError)  # a FIFO or a device would block for ever
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RuleSetError(
            path, Message("error.rule_set_file_found", "rule set file not found")
        ) from None
    except OSError as exc:
        raise RuleSetError(
            path,
            Message(
                "error.cannot_read_rule_set",
                "cannot read the rule set ({strerror})",
                strerror=exc.strerror,
            ),
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RuleSetError(
            path, Message("error.rule_set_file_must", "a rule set file must be UTF-8 text")
        ) from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise RuleSetError(
            path,
            Message("error.not_valid_rule_set", "not a valid rule set file ({exc})", exc=str(exc)),
        ) from None
    return RuleSet.from_dict(data, path)


def dumps_rules(rules: RuleSet, suffix: str = ".toml") -> str:
    """The text of a rule set file: TOML, or JSON for ``suffix`` ``.json``."""
    data = rules.to_dict()
    if suffix.lower() == ".json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return HEADER + tomli_w.dumps(data)


def save_rules(rules: RuleSet, path: str | Path) -> Path:
    """Write a rule set as TOML (or JSON for a ``.json`` path), whole or not at all.

    Raises
    ------
    WriteError
        The folder is read-only, full or missing; an old file is left as it was.
    """
    path = Path(path)
    write_text(path, dumps_rules(rules, path.suffix), encoding="utf-8")
    return path
