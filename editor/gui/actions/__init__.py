"""Menu actions, one module per menu (file, edit, view, plan)."""

from __future__ import annotations

from typing import Any


def install(window: Any) -> dict[str, Any]:
    """Create the window's basic actions; returns them by name."""
    from editor.gui.actions import edit, file, plan, view

    out: dict[str, Any] = {}
    for module in (file, edit, view, plan):
        out.update(module.install(window))
    return out
