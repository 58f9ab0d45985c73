"""The test tree itself: it mirrors the packages, and no test imports another test module."""

from __future__ import annotations

import ast

from tests.support import REPO

TESTS = REPO / "tests"
FOLDERS = {"core", "io", "layout", "gui", "cli", "samples"}


def test_test_modules_live_in_a_package_folder():
    loose = [p.name for p in TESTS.glob("test_*.py") if p.name != "test_structure.py"]
    assert not loose, f"move these into tests/<package>/: {loose}"
    assert {p.name for p in TESTS.iterdir() if p.is_dir() and p.name != "__pycache__"} <= FOLDERS


def test_no_test_imports_another_test_module():
    bad = []
    for path in TESTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                last = name.split(".")[-1]
                if last.startswith("test_") or last == "conftest":
                    bad.append(f"{path.relative_to(REPO)} imports {name}")
    assert not bad, "\n".join(bad)
