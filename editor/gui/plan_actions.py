"""The File menu's plan actions; they live in :mod:`editor.gui.plan` now.

This module re-exports the names older callers import, and is the feature the main
window installs (``install``).
"""

from __future__ import annotations

from editor.gui.plan.actions import PlanActions, install
from editor.gui.plan.common import (
    MAX_RECENT_PLANS,
    _headless,
    add_recent_plan,
    ask_unsaved,
    maybe_save,
    recent_plans,
)
from editor.gui.plan.exports import _canvas_colors, _export_sources, _figure_sources

__all__ = [
    "MAX_RECENT_PLANS",
    "PlanActions",
    "_canvas_colors",
    "_export_sources",
    "_figure_sources",
    "_headless",
    "add_recent_plan",
    "ask_unsaved",
    "install",
    "maybe_save",
    "recent_plans",
]
