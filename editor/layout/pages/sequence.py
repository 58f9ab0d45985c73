"""The pages of a layout in order, each a function ``fn(fig, page, pages) -> fig``."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from editor.core.plan import Plan
from editor.layout.fonts import LayoutFonts, layout_rc
from editor.layout.pages.before_after import _draw_before_after
from editor.layout.pages.context import _ctx
from editor.layout.pages.frame import new_figure
from editor.layout.pages.overview import _draw_overview, _overview_plan
from editor.layout.pages.table_page import _draw_table_page
from editor.layout.pages.unit import _draw_unit, _unit_plan
from editor.layout.settings import LayoutSettings

PageFn = Callable[[Figure, int, int], Figure]


def page_functions(
    plan: Plan,
    settings: LayoutSettings,
    references: Sequence = (),
    geo=None,
    colors: Mapping[int, int] | None = None,
) -> list[PageFn]:
    """One drawing function per page of the layout, ``fn(fig, page, pages) -> fig``.

    The number of pages is known before any is drawn, so footers say "page k of n" and a
    preview can page through a packet without drawing all of it. ``colors`` (unit id ->
    index into ``editor.core.coloring.PALETTE``, e.g. the map canvas's) fixes the unit
    fills; without it (or a ``geo`` made with it) the units are coloured here.
    """
    ctx = _ctx(plan, settings, references, geo, colors)
    settings = ctx.settings
    fns: list[PageFn] = []
    t = settings.text
    if settings.kind == "before-after":
        fns.append(lambda fig, p, n: _draw_before_after(fig, ctx, p, n))
        return fns
    info = _overview_plan(ctx)
    side, chunks, table, left_out = info
    fns.append(lambda fig, p, n: _draw_overview(fig, ctx, p, n, info))
    total = len(ctx.geo.uids)
    for j, (tbl, rows) in enumerate(chunks[1:], 1):
        last = j == len(chunks) - 1
        fns.append(
            lambda fig, p, n, rows=rows, last=last, tbl=tbl: _draw_table_page(
                fig,
                ctx,
                tbl,
                rows,
                t("table_cont"),
                p,
                n,
                (not last, left_out if last else 0, total),
            )
        )
    if settings.kind == "packet":
        for k, uid in enumerate(ctx.geo.uids, 1):
            uinfo = _unit_plan(ctx, uid)
            _, uchunks, _ = uinfo
            fns.append(
                lambda fig, p, n, uid=uid, k=k, uinfo=uinfo: _draw_unit(
                    fig, ctx, uid, k, total, p, n, uinfo
                )
            )
            name = plan.units[uid].name
            for j, (utable, rows) in enumerate(uchunks[1:], 1):
                last = j == len(uchunks) - 1
                fns.append(
                    lambda fig, p, n, rows=rows, last=last, utable=utable, name=name: (
                        _draw_table_page(
                            fig,
                            ctx,
                            utable,
                            rows,
                            t("unit_towns_cont", unit=name),
                            p,
                            n,
                            (not last, 0, 0),
                        )
                    )
                )
    return [_with_rc(fn, ctx.fonts) for fn in fns]


def _with_rc(fn: PageFn, fonts: LayoutFonts) -> PageFn:
    def wrapped(fig: Figure, page: int, pages: int) -> Figure:
        with layout_rc(fonts):
            return fn(fig, page, pages)

    return wrapped


def pages(
    plan: Plan,
    settings: LayoutSettings,
    references: Sequence = (),
    geo=None,
    colors: Mapping[int, int] | None = None,
) -> Iterator[Figure]:
    """The layout's pages as new Figures, drawn one at a time."""
    fns = page_functions(plan, settings, references, geo, colors)
    for p, fn in enumerate(fns, 1):
        yield fn(new_figure(settings), p, len(fns))


def map_axes(fig: Figure) -> list[Axes]:
    """The map axes of a drawn page (for tests and the preview)."""
    return [ax for ax in fig.axes if ax.get_label() == "map"]
