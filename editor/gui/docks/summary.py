"""County summary dock: units and means before → after, against a benchmark.

Reads ``plan.summary()`` (O(1)) on each plan change and on ``plan.events.benchmark``.
The benchmark is a setting of the plan, not an edit: "Set benchmark…" calls
``plan.set_benchmark`` and pushes nothing on the undo stack.

Below the figures: the staffing quota, old total (every original town's own quota) vs
new (the merged units' recomputed quotas, as ``QuotaCalculator.totals``), kept up to
date per change from the touched units only; progress towards the county targets
(``county_progress``) and how each town expected to grow did (``enlarge_summary``).

On a village layer the rows say 村数 instead of 乡镇数, and the quota row is hidden
unless the rule set applies the quota to villages (``quota.apply_to_villages``).
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

from editor.core.parents import level_of, quota_applies
from editor.core.plan import Benchmark, PlanChange, Summary
from editor.core.quota import QuotaCalculator
from editor.core.rules import county_progress, enlarge_summary
from editor.gui.docks import numbers

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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
        self.checker = None
        self._context: object | None = None
        self.quota: QuotaCalculator | None = None
        self._unit_quota: dict[int, float] = {}
        self._quota_new = 0.0
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.headers = [QLabel(self) for _ in range(5)]
        for col, label in enumerate(self.headers):
            label.setStyleSheet("color: palette(mid); font-weight: bold;")
            grid.addWidget(label, 0, col, _RIGHT if col else Qt.AlignmentFlag.AlignLeft)
        self.row_labels = [QLabel(self) for _ in range(4)]
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
        self.targets_label = QLabel(self)
        self.targets_label.setObjectName("targets_label")
        self.targets_label.setWordWrap(True)
        self.targets_label.setTextFormat(Qt.TextFormat.RichText)
        self.enlarge_label = QLabel(self)
        self.enlarge_label.setObjectName("enlarge_label")
        self.enlarge_label.setWordWrap(True)
        self.enlarge_label.setTextFormat(Qt.TextFormat.RichText)
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
        layout.addWidget(self.targets_label)
        layout.addWidget(self.enlarge_label)
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
        self.checker = project.checker
        self._setup_quota()
        self.plan.events.changed.connect(self._on_change)
        self.plan.events.benchmark.connect(self._on_change)
        self.checker.changed.connect(self._on_checker)
        self.retranslate()

    def _disconnect(self) -> None:
        if self.plan is not None:
            self.plan.events.changed.disconnect(self._on_change)
            self.plan.events.benchmark.disconnect(self._on_change)
        if self.checker is not None:
            self.checker.changed.disconnect(self._on_checker)

    def close_project(self) -> None:
        self._disconnect()

    @property
    def village(self) -> bool:
        return self.plan is not None and level_of(self.plan.layer) == "village"

    def quota_shown(self) -> bool:
        """Whether the quota row is shown (not on a village layer unless the rules say)."""
        return quota_applies(self.plan.layer, self.checker.rules.quota)

    def _setup_quota(self) -> None:
        """Every unit's quota once (vectorised); later changes update the touched units."""
        self._context = self.checker.context
        self.quota = QuotaCalculator(self.plan.layer, self.checker.rules.quota)
        self._unit_quota = self.quota.unit_totals(self.plan)
        self._quota_new = float(sum(self._unit_quota.values()))

    def _on_change(self, change: object = None) -> None:
        if isinstance(change, PlanChange):
            per_unit = self._unit_quota
            for uid in change.removed | change.touched:
                self._quota_new -= per_unit.pop(uid, 0.0)
            for uid in change.touched:
                if uid in self.plan.units:
                    per_unit[uid] = float(self.quota.unit(self.plan, uid).total)
                    self._quota_new += per_unit[uid]
        self.refresh()

    def _on_checker(self) -> None:
        if self.checker.context is not self._context:  # new rules: new quota weights
            self._setup_quota()
            self.refresh()

    def quota_totals(self) -> dict[str, float]:
        """Old and new staffing quota totals, as ``QuotaCalculator.totals(plan)``."""
        old = self.quota.old_total()
        return {"old": old, "new": self._quota_new, "change": self._quota_new - old}

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
                # no population figures at all: "—", never a mean of 0
                numbers.population(s.before.mean_population if s.before.population_known else None),
                numbers.population(s.after.mean_population if s.after.population_known else None),
                numbers.population(b.mean_population) if b and b.mean_population else "—",
                numbers.percent(
                    progress(s.after.mean_population, b and b.mean_population)
                    if s.after.population_known
                    else None
                ),
            ),
            (
                numbers.area(s.before.mean_area_km2),
                numbers.area(s.after.mean_area_km2),
                numbers.area(b.mean_area_km2) if b and b.mean_area_km2 else "—",
                numbers.percent(progress(s.after.mean_area_km2, b and b.mean_area_km2)),
            ),
        ]
        q = self.quota_totals()
        q_change = 100.0 * q["change"] / q["old"] if q["old"] else None
        rows.append(
            (
                numbers.count(q["old"]),
                f"{numbers.count(q['new'])} ({numbers.signed_percent(q_change)})",
                "",
                "",
            )
        )
        for cells, texts in zip(self.values, rows, strict=True):
            for cell, text in zip(cells, texts, strict=True):
                cell.setText(text)
        self.values[0][1].setToolTip(self.tr("Change in the number of units"))
        for row in (1, 2):
            self.values[row][3].setToolTip(self.tr("After, as a percentage of the benchmark"))
        self.values[3][1].setToolTip(
            self.tr("Recomputed for the merged units; before: every original town's own quota")
        )
        quota = self.quota_shown()
        for widget in (self.row_labels[3], *self.values[3]):
            widget.setVisible(quota)
        self.targets_label.setText(self.targets_text())
        self.targets_label.setVisible(bool(self.targets_label.text()))
        self.enlarge_label.setText(self.enlarge_text())
        self.enlarge_label.setVisible(bool(self.enlarge_label.text()))
        if b is None:
            self.benchmark_label.setText(self.tr("No benchmark set."))
        else:
            self.benchmark_label.setText(
                self.tr("Benchmark: {label}").format(label=b.label or self.tr("(no label)"))
            )

    def targets_text(self) -> str:
        """Progress towards the county targets, one line per target set (rich text)."""
        lines = []
        for item in county_progress(self.plan, self.checker.rules):
            if item["met"] is None:
                continue
            key = item["key"]
            if key == "units":
                lo, hi = item["target"]
                if lo and hi:
                    target = f"{lo}–{hi}"
                elif lo:
                    target = f"≥ {lo}"
                else:
                    target = f"≤ {hi}"
                template = (
                    self.tr("Villages {before} → {after}, target {target}")
                    if self.village
                    else self.tr("Units {before} → {after}, target {target}")
                )
                what = template.format(before=item["before"], after=item["after"], target=target)
            elif key == "mean_population":
                what = self.tr("Mean population {after}, target {target}").format(
                    after=numbers.population(item["after"]),
                    target=numbers.population(item["target"]),
                )
            else:
                what = self.tr("Mean area {after} km², target {target} km²").format(
                    after=numbers.area(item["after"]), target=numbers.area(item["target"])
                )
            if item["met"]:
                state = "<span style='color:#2b8a3e'>✓ {}</span>".format(self.tr("met"))
            else:
                state = f"<span style='color:#c92a2a'>{_escape(self.missed_text(item))}</span>"
            lines.append(self.tr("{what}: {state}").format(what=_escape(what), state=state))
        return "<br>".join(lines)

    def missed_text(self, item: dict) -> str:
        """A target not met, as what is still to do (never a share that reads as done)."""
        if item["key"] == "units":
            lo, hi = item["target"]
            after = item["after"]
            if hi and after > hi:
                n = after - hi
                return (
                    self.tr("not met: {n} fewer villages needed").format(n=n)
                    if self.village
                    else self.tr("not met: {n} fewer units needed").format(n=n)
                )
            n = (lo or 0) - after
            return (
                self.tr("not met: {n} villages below the target").format(n=n)
                if self.village
                else self.tr("not met: {n} units below the target").format(n=n)
            )
        gap = (item["target"] or 0.0) - (item["after"] or 0.0)
        if item["key"] == "mean_population":
            return self.tr("not met: {gap} short").format(gap=numbers.population(gap))
        return self.tr("not met: {gap} km² short").format(gap=numbers.area(gap))

    def enlarge_text(self) -> str:
        """How each county-seat or centre town grew, one line each (rich text)."""
        lines = []
        for item in enlarge_summary(self.plan, self.checker.rules):
            towns, pop = item["towns"], item["population"]
            template = (
                self.tr("{town}: villages {before} → {after}, population {pb} → {pa}")
                if self.village
                else self.tr("{town}: towns {before} → {after}, population {pb} → {pa}")
            )
            text = template.format(
                town=item["town_name"],
                before=towns[0],
                after=towns[1],
                pb=numbers.population(pop[0]),
                pa=numbers.population(pop[1]),
            )
            if item["grew"]:
                state = "<span style='color:#2b8a3e'>{}</span>".format(self.tr("grew"))
            elif towns[1] == 1:
                state = "<span style='color:#c92a2a'>{}</span>".format(self.tr("did not grow"))
            else:
                state = "<span style='color:#c92a2a'>{}</span>".format(
                    _escape(self.tr("absorbed into {unit}").format(unit=item["unit"]))
                )
            lines.append(f"{_escape(text)} — {state}")
        return "<br>".join(lines)

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
            (
                self.tr("Villages") if self.village else self.tr("Units"),
                self.tr("Mean population"),
                self.tr("Mean area km²"),
                self.tr("Staffing quota"),
            ),
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
