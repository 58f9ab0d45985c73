"""County summary dock: units and means before → after, against a benchmark.

Reads ``plan.summary()`` (O(1)) on each plan change and on ``plan.events.benchmark``.
The benchmark is a setting of the plan, not an edit: "Set benchmark…" calls
``plan.set_benchmark`` and pushes nothing on the undo stack.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.plan import Benchmark, Summary
from editor.gui.docks import numbers

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def progress(after: float, benchmark: float | None) -> float | None:
    """``after`` as a percentage of the benchmark (100 % = at the benchmark)."""
    if benchmark is None or not benchmark:
        return None
    return 100.0 * after / benchmark


class BenchmarkDialog(QDialog):
    """Label, mean population and mean area of a benchmark (e.g. a national average)."""

    def __init__(self, benchmark: Benchmark | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("benchmark_dialog")
        b = benchmark or Benchmark()
        self.label_edit = QLineEdit(b.label, self)
        self.population_spin = QDoubleSpinBox(self)
        self.population_spin.setRange(0, 1e9)
        self.population_spin.setDecimals(0)
        self.population_spin.setGroupSeparatorShown(True)
        self.population_spin.setValue(b.mean_population or 0)
        self.area_spin = QDoubleSpinBox(self)
        self.area_spin.setRange(0, 1e7)
        self.area_spin.setDecimals(2)
        self.area_spin.setGroupSeparatorShown(True)
        self.area_spin.setValue(b.mean_area_km2 or 0)
        self.form = QFormLayout()
        self.field_labels = [QLabel(self) for _ in range(3)]
        for label, field in zip(
            self.field_labels, (self.label_edit, self.population_spin, self.area_spin), strict=True
        ):
            self.form.addRow(label, field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Reset,
            parent=self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.cleared = False
        self.buttons.button(QDialogButtonBox.StandardButton.Reset).clicked.connect(self._clear)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def _clear(self) -> None:
        self.cleared = True
        self.accept()

    def benchmark(self) -> Benchmark | None:
        """The benchmark entered; ``None`` when cleared or empty."""
        if self.cleared:
            return None
        pop = self.population_spin.value() or None
        area = self.area_spin.value() or None
        if pop is None and area is None:
            return None
        return Benchmark(self.label_edit.text().strip(), pop, area)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Benchmark"))
        for label, text in zip(
            self.field_labels,
            (self.tr("Label:"), self.tr("Mean population:"), self.tr("Mean area (km²):")),
            strict=True,
        ):
            label.setText(text)
        self.label_edit.setPlaceholderText(self.tr("e.g. national average"))
        self.population_spin.setSpecialValueText(self.tr("none"))
        self.area_spin.setSpecialValueText(self.tr("none"))
        self.buttons.button(QDialogButtonBox.StandardButton.Reset).setText(self.tr("Clear"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class SummaryWidget(QWidget):
    """A small grid: rows units / mean population / mean area; columns before, after,
    benchmark, and after as a percentage of the benchmark."""

    def __init__(self, project: object, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = None
        self.plan = None
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.headers = [QLabel(self) for _ in range(5)]
        for col, label in enumerate(self.headers):
            label.setStyleSheet("color: palette(mid); font-weight: bold;")
            grid.addWidget(label, 0, col, _RIGHT if col else Qt.AlignmentFlag.AlignLeft)
        self.row_labels = [QLabel(self) for _ in range(3)]
        # values[row][col]: before, after, benchmark, progress
        self.values: list[list[QLabel]] = []
        for row, label in enumerate(self.row_labels):
            grid.addWidget(label, row + 1, 0)
            cells = []
            for col in range(4):
                cell = QLabel(self)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(cell, row + 1, col + 1, _RIGHT)
                cells.append(cell)
            self.values.append(cells)
        grid.setColumnStretch(0, 1)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.benchmark_label = QLabel(self)
        self.benchmark_label.setWordWrap(True)
        self.benchmark_button = QPushButton(self)
        self.benchmark_button.setObjectName("set_benchmark")
        self.benchmark_button.clicked.connect(self.edit_benchmark)
        bottom = QHBoxLayout()
        bottom.addWidget(self.benchmark_label, 1)
        bottom.addWidget(self.benchmark_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(grid)
        layout.addWidget(line)
        layout.addLayout(bottom)
        layout.addStretch(1)
        self.set_project(project)
        self.retranslate()

    # -- binding ----------------------------------------------------------------------
    def set_project(self, project: object) -> None:
        self._disconnect()
        self.project = project
        self.plan = project.plan
        self.plan.events.changed.connect(self._on_change)
        self.plan.events.benchmark.connect(self._on_change)
        self.refresh()

    def _disconnect(self) -> None:
        if self.plan is not None:
            self.plan.events.changed.disconnect(self._on_change)
            self.plan.events.benchmark.disconnect(self._on_change)

    def close_project(self) -> None:
        self._disconnect()

    def _on_change(self, *_: object) -> None:
        self.refresh()

    # -- figures ----------------------------------------------------------------------
    def figures(self) -> Summary:
        return self.plan.summary()

    def refresh(self) -> None:
        s = self.plan.summary()
        b = s.benchmark
        units_change = (
            100.0 * (s.after.units - s.before.units) / s.before.units if s.before.units else None
        )
        rows = [
            (
                numbers.count(s.before.units),
                f"{numbers.count(s.after.units)} ({numbers.signed_percent(units_change)})",
                "",
                "",
            ),
            (
                numbers.population(s.before.mean_population),
                numbers.population(s.after.mean_population),
                numbers.population(b.mean_population) if b and b.mean_population else "—",
                numbers.percent(progress(s.after.mean_population, b and b.mean_population)),
            ),
            (
                numbers.area(s.before.mean_area_km2),
                numbers.area(s.after.mean_area_km2),
                numbers.area(b.mean_area_km2) if b and b.mean_area_km2 else "—",
                numbers.percent(progress(s.after.mean_area_km2, b and b.mean_area_km2)),
            ),
        ]
        for cells, texts in zip(self.values, rows, strict=True):
            for cell, text in zip(cells, texts, strict=True):
                cell.setText(text)
        self.values[0][1].setToolTip(self.tr("Change in the number of units"))
        for row in (1, 2):
            self.values[row][3].setToolTip(self.tr("After, as a percentage of the benchmark"))
        if b is None:
            self.benchmark_label.setText(self.tr("No benchmark set."))
        else:
            self.benchmark_label.setText(
                self.tr("Benchmark: {label}").format(label=b.label or self.tr("(no label)"))
            )

    def edit_benchmark(self) -> BenchmarkDialog:
        """Open the benchmark dialog (modeless for tests: returns it); OK sets the benchmark."""
        dialog = BenchmarkDialog(self.plan.benchmark, self)
        plan = self.plan

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted and plan is self.plan:
                plan.set_benchmark(dialog.benchmark())
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        for label, text in zip(
            self.headers,
            (
                "",
                self.tr("Before"),
                self.tr("After"),
                self.tr("Benchmark"),
                self.tr("vs. benchmark"),
            ),
            strict=True,
        ):
            label.setText(text)
        for label, text in zip(
            self.row_labels,
            (self.tr("Units"), self.tr("Mean population"), self.tr("Mean area km²")),
            strict=True,
        ):
            label.setText(text)
        self.benchmark_button.setText(self.tr("Set benchmark…"))
        if self.plan is not None:
            self.refresh()  # population switches between 万 and separators

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class SummaryDock(QDockWidget):
    """Dock "County summary": ``SummaryDock(project)``."""

    def __init__(self, project: object, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("summary_dock")
        self.summary = SummaryWidget(project, self)
        self.setWidget(self.summary)
        self.retranslate()

    def set_project(self, project: object) -> None:
        self.summary.set_project(project)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("County summary"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
