"""Saving layouts: PDF (multi-page, vector), SVG and PNG, each file written atomically.

A PDF holds every page. SVG and PNG hold one page per file: a one-page layout is
written to the path given; a layout of several pages is written to numbered files
beside it (``plan.png`` → ``plan-01.png``, ``plan-02.png`` ...), so nothing is
silently dropped. Every file is written to a temporary name in the destination's
folder and renamed into place, so a failed export leaves no half-written file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from editor.core.messages import Message
from editor.core.plan import Plan
from editor.errors import WriteError
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


@contextlib.contextmanager
def _atomic(path: Path):
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(
            path,
            Message("error.cannot_write_folder_does", "cannot write: the folder does not exist"),
        )
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _write_error(path, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_error(path: Path, exc: OSError) -> WriteError:
    try:
        from editor.io.atomic import write_error

        return write_error(path, exc)
    except ImportError:  # pragma: no cover - io.atomic is optional here
        return WriteError(
            path,
            Message(
                "error.cannot_write", "cannot write: {detail}", detail=exc.strerror or str(exc)
            ),
        )


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
            with _atomic(path) as tmp:
                with PdfPages(
                    tmp, metadata={"Title": title, "Creator": "Township Boundary Editor"}
                ) as pdf:
                    for fig in figures:
                        pdf.savefig(fig)
        else:
            fmt = path.suffix.lower()[1:]
            for fig, target in zip(figures, targets, strict=True):
                with _atomic(target) as tmp:
                    fig.savefig(tmp, format=fmt, dpi=dpi)
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
            with _atomic(path) as tmp:
                with PdfPages(
                    tmp, metadata={"Title": title, "Creator": "Township Boundary Editor"}
                ) as pdf:
                    for p, fn in enumerate(fns, 1):
                        fig = fn(new_figure(settings), p, n)
                        pdf.savefig(fig)
                        fig.clear()
        else:
            fmt = path.suffix.lower()[1:]
            for p, (fn, target) in enumerate(zip(fns, targets, strict=True), 1):
                fig = fn(new_figure(settings), p, n)
                with _atomic(target) as tmp:
                    fig.savefig(tmp, format=fmt, dpi=settings.dpi)
                fig.clear()
    return targets
