"""What every page of one layout shares: plan, settings, fonts, geometry, figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from editor.core.plan import Plan
from editor.core.unit_figures import UnitFigures
from editor.layout import mapdraw as md
from editor.layout.fonts import LayoutFonts, find_cjk_font
from editor.layout.pages.tables import figures_for
from editor.layout.settings import LayoutSettings


@dataclass
class _Ctx:
    plan: Plan
    settings: LayoutSettings
    fonts: LayoutFonts
    geo: md.PlanGeometry
    references: Sequence
    figures: UnitFigures


def _ctx(plan: Plan, settings: LayoutSettings, references=(), geo=None, colors=None) -> _Ctx:
    settings = settings.for_layer(plan.layer)  # village words for a village layer
    geo = geo or md.PlanGeometry(plan, colors)
    return _Ctx(
        plan,
        settings,
        find_cjk_font(),
        geo,
        list(references or ()),
        figures_for(plan, settings, geo.uids),
    )


def _symbols(ctx: _Ctx, unit_page: bool = False) -> list[tuple[str, str]]:
    t = ctx.settings.text
    out = [("unit", t("unit_boundary"))]
    if ctx.geo.parents is not None:
        out.append(("parent", t("parent_boundary")))
    if not ctx.geo.identity or unit_page:
        out.append(("town", t("town_boundary")))
    if ctx.geo.uids and len(ctx.geo.uids) <= ctx.settings.max_labels:
        out.append(("seat", t("seat")))
    if unit_page:
        out.append(("neighbour", t("neighbour")))
    for ref in ctx.references or ():
        name = getattr(ref, "name", "") or getattr(getattr(ref, "path", None), "stem", "")
        border = any(k in name for k in ("国界", "边界", "border", "Border"))
        out.append(("border" if border else "line", name or "reference"))
    return out
