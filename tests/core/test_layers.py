"""The import layers: gui | cli > layout > io > core, and PySide6 only under editor/gui.

Every module of ``editor/`` is parsed with :mod:`ast`, so imports inside functions and
under ``if TYPE_CHECKING:`` count as much as those at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support import REPO

EDITOR = REPO / "editor"

# package -> the packages of editor it must not import
FORBIDDEN = {
    "core": {"io", "layout", "gui", "cli"},
    "io": {"layout", "gui", "cli"},
    "layout": {"gui", "cli"},
}
QT = ("PySide6", "shiboken6")


def _module_name(path: Path) -> str:
    parts = path.relative_to(EDITOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str | None = None) -> list[str]:
    """Every module ``path`` imports, absolute (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module or _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.append(target)
            # "from editor import io" imports the package editor.io
            out += [f"{target}.{a.name}" for a in node.names if target == "editor"]
    return out


def _edges() -> list[tuple[str, str]]:
    edges = []
    for path in sorted(EDITOR.rglob("*.py")):
        module = _module_name(path)
        for target in _imports(path):
            edges.append((module, target))
    return edges


def _violations() -> list[tuple[str, str, str]]:
    out = []
    for module, target in _edges():
        parts = module.split(".")
        layer = parts[1] if len(parts) > 1 else ""
        top = target.split(".")[0]
        if top in QT and layer != "gui":
            out.append((module, target, "Qt outside editor/gui"))
        tparts = target.split(".")
        if top == "editor" and len(tparts) > 1 and tparts[1] in FORBIDDEN.get(layer, ()):
            out.append((module, target, f"{layer} imports {tparts[1]}"))
    return out


def test_the_walk_sees_imports_inside_functions(tmp_path):
    f = tmp_path / "m.py"
    f.write_text(
        "def f():\n    from editor.io.load import open_layer\n    from . import towns\n",
        encoding="utf-8",
    )
    assert {"editor.io.load", "editor.core"} <= set(_imports(f, "editor.core.m"))


def test_every_module_parses_and_is_seen():
    modules = {m for m, _ in _edges()}
    assert {"editor.core.plan", "editor.io.planfile.read", "editor.gui.app"} <= modules


def test_layers_are_kept():
    bad = _violations()
    assert bad == [], "\n".join(f"{m} imports {t}: {why}" for m, t, why in bad)
