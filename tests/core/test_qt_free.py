"""core, io and layout must import and work with PySide6 absent."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.support import REPO, SAMPLE


def test_core_io_layout_import_without_pyside6():
    code = textwrap.dedent(
        f"""
        import sys, importlib, pkgutil
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "PySide6" or name.startswith("PySide6.") or name.startswith("shiboken6"):
                    raise ImportError("PySide6 is blocked in this test")
                return None
        sys.meta_path.insert(0, Block())
        import editor.core, editor.io, editor.layout
        for pkg in (editor.core, editor.io, editor.layout):
            for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
                importlib.import_module(mod.name)
        from editor.io.load import open_layer
        from editor.core.plan import Plan
        layer = open_layer(r"{SAMPLE}")
        plan = Plan(layer)
        assert len(plan) == layer.n > 0
        assert not any(m.startswith("PySide6") for m in sys.modules)
        print("ok")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")
