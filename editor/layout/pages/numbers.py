"""Numbers as the pages print them: population in 10,000s, km², quotas and sums."""

from __future__ import annotations


def wan(pop: float | None) -> str:
    """A population in 万 (10,000) with two decimals; "—" when it is missing (never 0)."""
    if pop is None or pop != pop:
        return "—"
    return f"{pop / 1e4:,.2f}"


def km2(area: float) -> str:
    return f"{area:,.1f}"


def amount(value: float) -> str:
    """A quota or a carried sum: whole numbers without decimals."""
    value = float(value)
    if value != value:
        return "—"
    return (
        f"{value:,.0f}"
        if abs(value - round(value)) < 1e-9 or abs(value) >= 1e5
        else f"{value:,.2f}"
    )
