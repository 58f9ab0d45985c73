"""Saving layouts: PDF (multi-page, vector), SVG and PNG, each file written atomically.

A PDF holds every page. SVG and PNG hold one page per file: a one-page layout is
written to the path given; a layout of several pages is written to numbered files
beside it (``plan.png`` → ``plan-01.png``, ``plan-02.png`` ...), so nothing is
silently dropped. Every file is written through :mod:`editor.io.atomic` (a temporary
name in the destination's folder, fsynced, renamed into place, with the user's usual
permissions), and the numbered files of one layout are moved in as one set, so a
failed export leaves no half-written file and no mix of old and new pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from editor.core.messages import Message
from editor.core.plan import Plan
from editor.errors import WriteError
from editor.io.atomic import (
    atomic_open,
    check_folder_writable,
    move_into_place,
    staging_folder,
    write_error,
)
from editor.layout.fonts import LayoutFonts, find_cjk_font, layout_rc
from editor.layout.pages import new_figure, page_functions
from editor.layout.settings import LayoutSettings

FORMATS = (".pdf", ".svg", ".png")


def output_paths(path: str | Path, pages: int) -> list[Path]:
    """Where a layout of ``pages`` pages goes (numbered files for multi-page SVG/PNG)."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in FORMATS:
        raise WriteError(
            path,
            Message(
                "error.unknown_layout_format_use",
                "unknown layout format {suffix!r} (use .pdf, .svg or .png)",
                suffix=path.suffix,
            ),
        )
    if ext == ".pdf" or pages <= 1:
        return [path]
    width = max(2, len(str(pages)))
    return [path.with_name(f"{path.stem}-{k:0{width}d}{path.suffix}") for k in range(1, pages + 1)]


def _write_pdf(path: Path, title: str, draw_pages) -> None:
    """Write the pages ``draw_pages(pdf)`` saves into one PDF at ``path``, atomically."""
    check_folder_writable(path)
    with atomic_open(path, "wb") as fh:
        with PdfPages(fh, metadata={"Title": title, "Creator": "Township Boundary Editor"}) as pdf:
            draw_pages(pdf)


def _write_pages(targets: Sequence[Path], fmt: str, dpi: int, figures) -> None:
    """Save one figure per target (SVG/PNG), all of them appearing at once or none.

    ``figures`` yields ``(figure, done)`` pairs, ``done`` called once the figure is saved.
    One file goes through :func:`atomic_open`; several are staged beside the first and
    moved in as one set (:func:`move_into_place`), so a failure on page 5 leaves the
    older pages 1-4 as they were.
    """
    first = targets[0]
    check_folder_writable(first)
    if len(targets) == 1:
        for fig, done in figures:
            with atomic_open(first, "wb") as fh:
                fig.savefig(fh, format=fmt, dpi=dpi)
            done()
        return
    try:
        with staging_folder(first) as stage:
            files = []
            for (fig, done), target in zip(figures, targets, strict=True):
                with atomic_open(stage / target.name, "wb") as fh:
                    fig.savefig(fh, format=fmt, dpi=dpi)
                done()
                files.append(stage / target.name)
            move_into_place(files, first.parent)
    except WriteError as exc:
        raise WriteError(first, exc.problem) from None
    except OSError as exc:
        raise write_error(first, exc) from None


def save_figures(
    figures: Sequence[Figure] | Iterable[Figure],
    path: str | Path,
    dpi: int = 200,
    fonts: LayoutFonts | None = None,
    title: str = "",
) -> list[Path]:
    """Save drawn pages (e.g. the ones a preview shows) to PDF/SVG/PNG; paths written back."""
    figures = list(figures)
    path = Path(path)
    targets = output_paths(path, len(figures))
    fonts = fonts or find_cjk_font()
    with layout_rc(fonts):
        if path.suffix.lower() == ".pdf":

            def draw(pdf: PdfPages) -> None:
                for fig in figures:
                    pdf.savefig(fig)

            _write_pdf(path, title, draw)
        else:
            fmt = path.suffix.lower()[1:]
            _write_pages(targets, fmt, dpi, ((fig, lambda: None) for fig in figures))
    return targets


def save_layout(
    plan: Plan,
    settings: LayoutSettings,
    path: str | Path,
    references: Sequence = (),
    *,
    rules=None,
    facilities: Sequence = (),
    carry: Sequence[str] = (),
    colors: Mapping[int, int] | None = None,
) -> list[Path]:
    """Draw the layout and save it; returns the files written.

    The PDF is drawn page by page into one file (a packet does not hold every page in
    memory at once). PNGs are rendered at ``settings.dpi``. ``rules``, ``facilities``
    and ``carry``, when given, replace the settings' own (see :class:`LayoutSettings`);
    ``colors`` (unit id -> palette index) fixes the unit fills.
    """
    path = Path(path)
    changes = {
        k: v
        for k, v in (("rules", rules), ("facilities", facilities), ("carry", carry))
        if v is not None and (k == "rules" or len(v))
    }
    if changes:
        settings = settings.with_(**changes)
    fns = page_functions(plan, settings, references, colors=colors)
    targets = output_paths(path, len(fns))
    fonts = find_cjk_font()
    title = settings.title or settings.text("title")
    n = len(fns)
    with layout_rc(fonts):
        if path.suffix.lower() == ".pdf":

            def draw(pdf: PdfPages) -> None:
                for p, fn in enumerate(fns, 1):
                    fig = fn(new_figure(settings), p, n)
                    pdf.savefig(fig)
                    fig.clear()

            _write_pdf(path, title, draw)
        else:
            fmt = path.suffix.lower()[1:]

            def pages():
                for p, fn in enumerate(fns, 1):
                    fig = fn(new_figure(settings), p, n)
                    yield fig, fig.clear

            _write_pages(targets, fmt, settings.dpi, pages())
    return targets
