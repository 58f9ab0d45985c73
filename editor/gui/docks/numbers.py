"""Number formats for the panels: population in 万 in Chinese, separators in English."""

from __future__ import annotations

import math

from editor.gui import i18n


def count(value: float | int) -> str:
    """An exact count with thousands separators: ``45,321``."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    return f"{value:,.0f}"


def population(value: float | None) -> str:
    """A population for summaries: ``4.28万`` in Chinese, ``42,800`` in English."""
    if value is None or not math.isfinite(value):
        return "—"
    return i18n.population_text(value)


def area(value: float | None, decimals: int = 1) -> str:
    """km² with separators: ``1,234.5``."""
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:,.{decimals}f}"


def percent(value: float | None, decimals: int = 0) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:.{decimals}f}%"


def signed_percent(value: float | None, decimals: int = 1) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:+.{decimals}f}%".replace("-", "−")
