"""File > Print Layout…: settings, a live preview of the very pages that are saved, print, export.

The dialog owns one matplotlib Figure per page it has drawn, made by
``editor.layout.page_functions`` (the same drawing code the CLI uses). The preview
canvas shows that Figure; Export saves the drawn Figures themselves with
``editor.layout.save_figures`` (PNG at the chosen DPI), so what is saved is what was
shown. Print renders each page's Figure to the printer at the printer's resolution
through an Agg buffer and QPainter.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.errors import EditorError
from editor.gui.i18n import message_text
from editor.gui.plan.common import checked_destination, suffix_from_filter
from editor.layout import LayoutSettings, page_functions, save_figures
from editor.layout.mapdraw import PlanGeometry

log = logging.getLogger(__name__)
PAGE_SIZES = {
    "A4": QPageSize.PageSizeId.A4,
    "A3": QPageSize.PageSizeId.A3,
    "A2": QPageSize.PageSizeId.A2,
}


class PrintDialog(QDialog):
    """Layout settings on the left, the page preview on the right."""

    def __init__(
        self,
        project,
        parent: QWidget | None = None,
        colors: Callable[[], Mapping[int, int] | None] | None = None,
    ):
        """``colors`` returns the map canvas's unit colours (unit id -> palette index),
        read at each rebuild, so the printed map shows the colours on screen."""
        super().__init__(parent)
        self.setObjectName("print_dialog")
        self.project = project
        self._colors = colors
        self.setWindowTitle(QCoreApplication.translate("PrintDialog", "Print Layout"))
        self.resize(1200, 850)
        self._geo: PlanGeometry | None = None
        self._fns: list = []
        self._figures: dict[int, Figure] = {}
        self.page = 0
        self.error: str | None = None

        self.kind = QComboBox()
        for key, label in (
            ("overview", QCoreApplication.translate("PrintDialog", "Overview")),
            ("before-after", QCoreApplication.translate("PrintDialog", "Before and after")),
            (
                "packet",
                QCoreApplication.translate("PrintDialog", "Meeting packet (one page per unit)"),
            ),
        ):
            self.kind.addItem(label, key)
        self.paper = QComboBox()
        for p in ("A4", "A3", "A2"):
            self.paper.addItem(p, p)
        self.orientation = QComboBox()
        self.orientation.addItem(QCoreApplication.translate("PrintDialog", "Portrait"), False)
        self.orientation.addItem(QCoreApplication.translate("PrintDialog", "Landscape"), True)
        self.title = QLineEdit()
        self.title.setPlaceholderText(
            QCoreApplication.translate("PrintDialog", "Default: the plan title")
        )
        self.subtitle = QLineEdit()
        self.subtitle.setPlaceholderText(
            QCoreApplication.translate("PrintDialog", "county · plan · date (default)")
        )
        self.note = QLineEdit()
        self.dpi = QSpinBox()
        self.dpi.setRange(72, 1200)
        self.dpi.setValue(200)
        self.dpi.setSuffix(" dpi")
        self.language = QComboBox()
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("PrintDialog", "Kind"), self.kind)
        form.addRow(QCoreApplication.translate("PrintDialog", "Paper"), self.paper)
        form.addRow(QCoreApplication.translate("PrintDialog", "Orientation"), self.orientation)
        form.addRow(QCoreApplication.translate("PrintDialog", "Title"), self.title)
        form.addRow(QCoreApplication.translate("PrintDialog", "Subtitle"), self.subtitle)
        form.addRow(QCoreApplication.translate("PrintDialog", "Note"), self.note)
        form.addRow(QCoreApplication.translate("PrintDialog", "PNG resolution"), self.dpi)
        form.addRow(QCoreApplication.translate("PrintDialog", "Language"), self.language)

        self.print_button = QPushButton(QCoreApplication.translate("PrintDialog", "Print…"))
        self.export_button = QPushButton(QCoreApplication.translate("PrintDialog", "Export…"))
        self.close_button = QPushButton(QCoreApplication.translate("PrintDialog", "Close"))
        # clicked(bool) would arrive as the path / printer: call the slots without it
        self.print_button.clicked.connect(lambda: self.print_pages())
        self.export_button.clicked.connect(lambda: self.export())
        self.close_button.clicked.connect(self.reject)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        for b in (self.print_button, self.export_button, self.close_button):
            left.addWidget(b)

        self.figure = Figure()
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumSize(400, 400)
        self.prev_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        self.page_label = QLabel()
        self.prev_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.page_label, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.next_button)
        right = QVBoxLayout()
        right.addWidget(self.canvas, 1)
        right.addLayout(nav)

        root = QHBoxLayout(self)
        side = QWidget()
        side.setLayout(left)
        side.setMaximumWidth(340)
        root.addWidget(side)
        root.addLayout(right, 1)

        # redraw once the user pauses, not on every keystroke
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.rebuild)
        for combo in (self.kind, self.paper, self.orientation, self.language):
            combo.currentIndexChanged.connect(lambda *_: self._timer.start())
        for edit in (self.title, self.subtitle, self.note):
            edit.textChanged.connect(lambda *_: self._timer.start())
        self.rebuild()

    # -- settings and pages -------------------------------------------------------------
    def settings(self) -> LayoutSettings:
        path = getattr(self.project, "plan_path", None)
        return LayoutSettings(
            kind=self.kind.currentData(),
            paper=self.paper.currentData(),
            landscape=bool(self.orientation.currentData()),
            title=self.title.text().strip(),
            subtitle=self.subtitle.text().strip(),
            note=self.note.text().strip(),
            dpi=self.dpi.value(),
            language=self.language.currentData(),
            plan_name=Path(path).stem if path else "",
            # the reform's figures in the tables: the project's rule set (quota weights,
            # carried fields) and the facility layers it has open
            rules=getattr(getattr(self.project, "checker", None), "rules", None),
            facilities=tuple(getattr(self.project, "facilities", None) or ()),
        )

    @property
    def page_count(self) -> int:
        return len(self._fns)

    def rebuild(self) -> None:
        """Plan the pages for the current settings and show the first one."""
        plan = self.project.plan
        colors = self._colors() if self._colors is not None else None
        if (
            self._geo is None
            or self._geo.plan is not plan
            or (colors and any(self._geo.unit_color.get(u) != c for u, c in colors.items()))
        ):
            self._geo = PlanGeometry(plan, colors)
        self._figures.clear()
        self.error = None
        try:
            self._fns = page_functions(
                plan, self.settings(), list(getattr(self.project, "references", ())), self._geo
            )
        except EditorError as exc:  # e.g. no CJK font installed
            self._fns = []
            self.error = message_text(exc)
            QMessageBox.warning(
                self, QCoreApplication.translate("PrintDialog", "Print Layout"), message_text(exc)
            )
        self.show_page(min(self.page, max(self.page_count - 1, 0)))

    def page_figure(self, k: int) -> Figure:
        """The drawn Figure of page ``k`` (0-based): drawn once, then kept for export."""
        fig = self._figures.get(k)
        if fig is None:
            settings = self.settings()
            fig = Figure(figsize=settings.figsize, dpi=100)
            FigureCanvasAgg(fig)
            self._fns[k](fig, k + 1, self.page_count)
            self._figures[k] = fig
        return fig

    def show_page(self, k: int) -> None:
        n = self.page_count
        self.page = max(0, min(k, n - 1)) if n else 0
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < n - 1)
        self.page_label.setText(
            QCoreApplication.translate("PrintDialog", "Page {k} of {n}").format(
                k=self.page + 1 if n else 0, n=n
            )
        )
        if not n:
            return
        fig = self.page_figure(self.page)
        # show the page's own Figure in the preview canvas: what you see is what is saved
        old = self.canvas
        self.figure = fig
        self.canvas = FigureCanvasQTAgg(fig)
        self.canvas.setMinimumSize(400, 400)
        layout = old.parentWidget().layout() if old.parentWidget() else None
        if layout is None:
            layout = self.layout().itemAt(1).layout()
        layout.replaceWidget(old, self.canvas)
        old.setParent(None)
        old.deleteLater()
        self.canvas.draw_idle()

    def all_figures(self) -> list[Figure]:
        return [self.page_figure(k) for k in range(self.page_count)]

    # -- export and print -------------------------------------------------------------------
    def export(self, path: str | os.PathLike | None = None) -> list[Path]:
        """Save the previewed pages; asks for the file unless ``path`` is given."""
        if not isinstance(path, str | os.PathLike):  # None, or a stray signal argument
            path = None
        if path is None:
            path, selected = QFileDialog.getSaveFileName(
                self,
                QCoreApplication.translate("PrintDialog", "Export layout"),
                str(self.default_export_path()),
                QCoreApplication.translate(
                    "PrintDialog", "PDF (*.pdf);;SVG (*.svg);;PNG image (*.png)"
                ),
            )
            if not path:
                return []
            path = suffix_from_filter(path, selected)
        # never over the open layer, its sidecars, the project's layers or its plan
        path = checked_destination(
            self,
            self.project,
            path,
            "layout",
            QCoreApplication.translate("PrintDialog", "Export layout"),
        )
        if path is None:
            return []
        settings = self.settings()
        try:
            written = save_figures(
                self.all_figures(),
                path,
                dpi=settings.dpi,
                title=settings.title or settings.text("title"),
            )
        except EditorError as exc:
            QMessageBox.warning(
                self, QCoreApplication.translate("PrintDialog", "Export layout"), message_text(exc)
            )
            return []
        self._status(
            QCoreApplication.translate("PrintDialog", "Layout exported: {path}").format(
                path=written[0] if len(written) == 1 else f"{written[0]} … ({len(written)})"
            )
        )
        return written

    def _status(self, text: str) -> None:
        """Tell the user in the window's status bar (no modal box for a success)."""
        bar = getattr(self.parent(), "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 10000)

    def default_export_path(self) -> Path:
        """Beside the plan (or the layer) and named after it: ``<plan>.pdf``."""
        for attr in ("plan_path", "source_path"):
            path = getattr(self.project, attr, None)
            if path:
                return Path(path).with_suffix(".pdf")
        return Path.home() / "layout.pdf"

    def print_pages(self, printer: QPrinter | None = None) -> bool:
        """Print the previewed pages; asks with the print dialog unless ``printer`` is given."""
        settings = self.settings()
        if not isinstance(printer, QPrinter):  # None, or a stray signal argument
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self._setup_printer(printer, settings)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        else:
            self._setup_printer(printer, settings)
        ok = render_to_printer(self.all_figures(), printer)
        if ok:
            self._status(
                QCoreApplication.translate("PrintDialog", "Layout sent to {printer}").format(
                    printer=printer.outputFileName() or printer.printerName()
                )
            )
        else:
            QMessageBox.warning(
                self,
                QCoreApplication.translate("PrintDialog", "Print Layout"),
                QCoreApplication.translate(
                    "PrintDialog", "Printing could not start on {printer}."
                ).format(printer=printer.outputFileName() or printer.printerName()),
            )
        return ok

    @staticmethod
    def _setup_printer(printer: QPrinter, settings: LayoutSettings) -> None:
        printer.setPageSize(QPageSize(PAGE_SIZES[settings.paper.upper()]))
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if settings.landscape
            else QPageLayout.Orientation.Portrait
        )
        printer.setFullPage(True)


def render_to_printer(figures: list[Figure], printer: QPrinter) -> bool:
    """Draw each page with Agg at the printer's resolution and paint it onto the page."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = min(printer.resolution(), 600)  # enough for print, bounded memory on A2
        for k, fig in enumerate(figures):
            if k:
                printer.newPage()
            canvas = FigureCanvasAgg(fig)
            old_dpi = fig.dpi
            fig.set_dpi(dpi)
            try:
                canvas.draw()
                buf = canvas.buffer_rgba()
                w, h = canvas.get_width_height()
                image = QImage(buf, w, h, QImage.Format.Format_RGBA8888).copy()
            finally:
                fig.set_dpi(old_dpi)
            target = painter.viewport()
            painter.drawImage(QRectF(target), image)
    finally:
        painter.end()
    return True


# The menu action lives in a light module so the window starts without matplotlib.
from editor.gui.print_action import PrintFeature, install  # noqa: E402, F401
