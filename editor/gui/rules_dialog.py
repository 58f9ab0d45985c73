"""Plan > Rules…: a settings dialog editing the rule set the plan is checked against.

The dialog edits a copy of ``project.checker.rules``; Apply / OK hands the new
:class:`~editor.core.ruleset.RuleSet` to ``checker.set_rules`` (which rechecks once), sets
the plan's benchmark from it (:func:`editor.core.session.apply_rules`); a plan file
saves the project's rule set with the plan. Load… / Save as… read and write TOML or JSON rule
files; Defaults reloads ``resources/rules/default.toml``. Nothing here computes a rule.

``install(window)`` adds the action to ``window.menus["plan"]``. The rules saved with a
plan are applied when the plan is opened (:func:`editor.core.session.open_plan`); when
the window shows a project whose saved rules could not be used, the status bar says why.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from editor.core import session
from editor.core.ruleset import (
    ROUNDING,
    RuleSet,
    RuleSetError,
    default_rules,
)
from editor.errors import EditorError
from editor.gui.i18n import message_text
from editor.gui.plan.common import checked_destination
from editor.gui.rules_widgets import ROUNDING_LABELS, CategoryTable, FieldCombo, _int_spin, _spin
from editor.io.rules_file import load_rules, save_rules

log = logging.getLogger(__name__)


class RulesDialog(QDialog):
    """Edit a rule set; ``apply()`` hands it to the project's checker."""

    def __init__(self, project: object, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rules_dialog")
        self.setWindowTitle(QCoreApplication.translate("RulesDialog", "Rules"))
        self.project = project
        layer = project.layer
        self.columns = [str(c) for c in layer.attributes.columns]
        self._extras = ([], [])  # Python rules of other features, kept as they are

        self.tabs = QTabWidget()
        self.tabs.addTab(
            self._categories_tab(), QCoreApplication.translate("RulesDialog", "Categories")
        )
        self.tabs.addTab(
            self._thresholds_tab(),
            QCoreApplication.translate("RulesDialog", "Thresholds and targets"),
        )
        self.tabs.addTab(
            self._quota_tab(), QCoreApplication.translate("RulesDialog", "Staffing quota")
        )
        self.tabs.addTab(
            self._data_tab(), QCoreApplication.translate("RulesDialog", "Villages and data")
        )

        self.name = QLineEdit()
        top = QFormLayout()
        top.addRow(QCoreApplication.translate("RulesDialog", "Rule set name"), self.name)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.load_button = self.buttons.addButton(
            QCoreApplication.translate("RulesDialog", "Load…"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.save_button = self.buttons.addButton(
            QCoreApplication.translate("RulesDialog", "Save as…"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.defaults_button = self.buttons.addButton(
            QCoreApplication.translate("RulesDialog", "Defaults"),
            QDialogButtonBox.ButtonRole.ResetRole,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        self.load_button.clicked.connect(lambda: self.load_file())
        self.save_button.clicked.connect(lambda: self.save_file())
        self.defaults_button.clicked.connect(self.reset_defaults)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.resize(760, 560)
        self.set_rules(project.checker.rules)

    # -- tabs -------------------------------------------------------------------------------
    def _categories_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        self.contiguity = QCheckBox(
            QCoreApplication.translate(
                "RulesDialog", "Each merged unit must be one piece (contiguous)"
            )
        )
        v.addWidget(self.contiguity)

        box = QGroupBox(
            QCoreApplication.translate(
                "RulesDialog", "Preserved towns (kept whole, or keeping their name)"
            )
        )
        bl = QVBoxLayout(box)
        self.preserved = CategoryTable(self.columns, with_mode=True)
        bl.addWidget(self.preserved)
        bl.addLayout(self._row_buttons(self.preserved, "preserved"))
        v.addWidget(box)

        box = QGroupBox(
            QCoreApplication.translate("RulesDialog", "Towns expected to absorb their neighbours")
        )
        bl = QVBoxLayout(box)
        self.enlarge = CategoryTable(self.columns, with_mode=False)
        bl.addWidget(self.enlarge)
        bl.addLayout(self._row_buttons(self.enlarge, "enlarge"))
        v.addWidget(box)
        hint = QLabel(
            QCoreApplication.translate(
                "RulesDialog",
                "Field: one of the flags the layer's fields were mapped to when it was opened, "
                "or any column of the layer (read as yes/no: 1/0, 是/否, Y/N).",
            )
        )
        hint.setWordWrap(True)
        v.addWidget(hint)
        return w

    def _row_buttons(self, table: CategoryTable, kind: str) -> QHBoxLayout:
        h = QHBoxLayout()
        add = QPushButton(QCoreApplication.translate("RulesDialog", "Add"))
        add.setObjectName(f"add_{kind}")
        remove = QPushButton(QCoreApplication.translate("RulesDialog", "Remove"))
        remove.setObjectName(f"remove_{kind}")

        def add_row() -> None:
            n = table.rowCount() + 1
            table.add_row(f"flag{n}", "", "", True)

        add.clicked.connect(add_row)
        remove.clicked.connect(table.remove_selected)
        h.addWidget(add)
        h.addWidget(remove)
        h.addStretch(1)
        return h

    def _thresholds_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        off = QCoreApplication.translate("RulesDialog", "0 = off")
        box = QGroupBox(QCoreApplication.translate("RulesDialog", "Each merged unit") + f" ({off})")
        f = QFormLayout(box)
        self.min_population = _spin(1e9)
        self.min_area = _spin(1e7, 1, " km²")
        self.max_towns = _int_spin(100_000)
        self.max_radius = _spin(10_000, 1, " km")
        self.exempt = QCheckBox(
            QCoreApplication.translate(
                "RulesDialog", "A preserved town left whole need not reach the minimums"
            )
        )
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Minimum population"), self.min_population
        )
        f.addRow(QCoreApplication.translate("RulesDialog", "Minimum area"), self.min_area)
        f.addRow(QCoreApplication.translate("RulesDialog", "Maximum member towns"), self.max_towns)
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Maximum service radius"), self.max_radius
        )
        f.addRow(self.exempt)
        v.addWidget(box)

        box = QGroupBox(QCoreApplication.translate("RulesDialog", "County targets") + f" ({off})")
        f = QFormLayout(box)
        self.units_min = _int_spin(1_000_000)
        self.units_max = _int_spin(1_000_000)
        units = QHBoxLayout()
        units.addWidget(self.units_min)
        units.addWidget(QLabel("–"))
        units.addWidget(self.units_max)
        self.target_population = _spin(1e9)
        self.target_area = _spin(1e7, 1, " km²")
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Number of units after the merger"), units
        )
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Target mean population"),
            self.target_population,
        )
        f.addRow(QCoreApplication.translate("RulesDialog", "Target mean area"), self.target_area)
        v.addWidget(box)

        box = QGroupBox(
            QCoreApplication.translate("RulesDialog", "Benchmark (for example a national average)")
        )
        f = QFormLayout(box)
        self.bench_label = QLineEdit()
        self.bench_population = _spin(1e9)
        self.bench_area = _spin(1e7, 1, " km²")
        f.addRow(QCoreApplication.translate("RulesDialog", "Label"), self.bench_label)
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Mean population"), self.bench_population
        )
        f.addRow(QCoreApplication.translate("RulesDialog", "Mean area"), self.bench_area)
        v.addWidget(box)
        v.addStretch(1)
        return w

    def _quota_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        note = QLabel(
            QCoreApplication.translate(
                "RulesDialog",
                "quota = basic + population / 10,000 × w + area / 100 km² × w + villages × w "
                "+ key guarantee. The default weights are EXAMPLES: use your province's method.",
            )
        )
        note.setWordWrap(True)
        v.addWidget(note)
        f = QFormLayout()
        self.q_basic = _spin(1e6, 2)
        self.q_pop = _spin(1e6, 3)
        self.q_area = _spin(1e6, 3)
        self.q_village = _spin(1e6, 3)
        self.q_village_field = FieldCombo(self.columns, roles=False)
        self.q_large = _spin(1e9)
        self.q_large_bonus = _spin(1e6, 2)
        self.q_seat_bonus = _spin(1e6, 2)
        self.q_dev_field = FieldCombo(self.columns)
        self.q_dev_bonus = _spin(1e6, 2)
        self.q_pilot_field = FieldCombo(self.columns)
        self.q_pilot_bonus = _spin(1e6, 2)
        self.q_rounding = QComboBox()
        for r in ROUNDING:
            self.q_rounding.addItem(
                QCoreApplication.translate("RulesDialog", ROUNDING_LABELS.get(r, r)), r
            )
        f.addRow(QCoreApplication.translate("RulesDialog", "Basic quota"), self.q_basic)
        f.addRow(QCoreApplication.translate("RulesDialog", "Per 10,000 people"), self.q_pop)
        f.addRow(QCoreApplication.translate("RulesDialog", "Per 100 km²"), self.q_area)
        f.addRow(QCoreApplication.translate("RulesDialog", "Per village"), self.q_village)
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Village count field"), self.q_village_field
        )
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Population line for key guarantee"),
            self.q_large,
        )
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Bonus over the population line"),
            self.q_large_bonus,
        )
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Bonus for the county-seat town"),
            self.q_seat_bonus,
        )
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Economically developed town field"),
            self.q_dev_field,
        )
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Bonus for a developed town"),
            self.q_dev_bonus,
        )
        f.addRow(QCoreApplication.translate("RulesDialog", "Pilot town field"), self.q_pilot_field)
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Bonus for a pilot town"), self.q_pilot_bonus
        )
        f.addRow(QCoreApplication.translate("RulesDialog", "Rounding"), self.q_rounding)
        v.addLayout(f)
        self.q_villages = QCheckBox(
            QCoreApplication.translate(
                "RulesDialog", "Show the quota on village layers too (it is a township figure)"
            )
        )
        self.q_villages.setObjectName("quota_apply_to_villages")
        v.addWidget(self.q_villages)
        v.addStretch(1)
        return w

    def _data_tab(self) -> QWidget:
        w = QWidget()
        v = QVBoxLayout(w)
        box = QGroupBox(QCoreApplication.translate("RulesDialog", "Village level"))
        f = QFormLayout(box)
        self.village_on = QCheckBox(
            QCoreApplication.translate("RulesDialog", "A merged unit must not cross township lines")
        )
        self.parent_field = FieldCombo(self.columns, roles=False)
        f.addRow(self.village_on)
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Parent township field (blank: as mapped)"),
            self.parent_field,
        )
        v.addWidget(box)
        box = QGroupBox(QCoreApplication.translate("RulesDialog", "Numeric fields summed per unit"))
        bl = QVBoxLayout(box)
        self.carried = QListWidget()
        for col in self.columns:
            item = QListWidgetItem(col)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.carried.addItem(item)
        bl.addWidget(self.carried)
        v.addWidget(box)
        f = QFormLayout()
        self.facility_field = QLineEdit()
        f.addRow(
            QCoreApplication.translate("RulesDialog", "Facility type field"), self.facility_field
        )
        v.addLayout(f)
        return w

    # -- rules <-> widgets ------------------------------------------------------------------
    def set_rules(self, rules: RuleSet) -> None:
        """Show a rule set in the widgets."""
        self._extras = (list(rules.extra_unit_rules), list(rules.extra_county_rules))
        self.name.setText(rules.name)
        self.contiguity.setChecked(rules.contiguity)
        self.preserved.setRowCount(0)
        for c in rules.preserved:
            self.preserved.add_row(c.key, c.label, c.field, c.enabled, c.mode)
        self.enlarge.setRowCount(0)
        for c in rules.enlarge:
            self.enlarge.add_row(c.key, c.label, c.field, c.enabled)
        t = rules.thresholds
        self.min_population.setValue(t.min_population)
        self.min_area.setValue(t.min_area_km2)
        self.max_towns.setValue(t.max_towns)
        self.max_radius.setValue(t.max_service_radius_km)
        self.exempt.setChecked(t.exempt_preserved)
        g = rules.targets
        self.units_min.setValue(g.units_min)
        self.units_max.setValue(g.units_max)
        self.target_population.setValue(g.mean_population)
        self.target_area.setValue(g.mean_area_km2)
        b = rules.benchmark_values
        self.bench_label.setText(b.label)
        self.bench_population.setValue(b.mean_population)
        self.bench_area.setValue(b.mean_area_km2)
        q = rules.quota
        self.q_basic.setValue(q.basic)
        self.q_pop.setValue(q.per_10k_population)
        self.q_area.setValue(q.per_100_km2)
        self.q_village.setValue(q.per_village)
        self.q_village_field.set_value(q.village_field)
        self.q_large.setValue(q.large_population)
        self.q_large_bonus.setValue(q.large_population_bonus)
        self.q_seat_bonus.setValue(q.county_seat_bonus)
        self.q_dev_field.set_value(q.developed_field)
        self.q_dev_bonus.setValue(q.developed_bonus)
        self.q_pilot_field.set_value(q.pilot_field)
        self.q_pilot_bonus.setValue(q.pilot_bonus)
        self.q_rounding.setCurrentIndex(max(0, self.q_rounding.findData(q.rounding)))
        self.q_villages.setChecked(q.apply_to_villages)
        self.village_on.setChecked(rules.village.enabled)
        self.parent_field.set_value(rules.village.parent_field)
        carried = set(rules.data.carried_fields)
        for i in range(self.carried.count()):
            item = self.carried.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.text() in carried else Qt.CheckState.Unchecked
            )
        self._carried_elsewhere = [c for c in rules.data.carried_fields if c not in self.columns]
        self.facility_field.setText(rules.data.facility_category_field)

    def rules(self) -> RuleSet:
        """The rule set the widgets describe; :class:`RuleSetError` if it is not valid."""
        data = {
            "version": 1,
            "name": self.name.text().strip(),
            "checks": {"contiguity": self.contiguity.isChecked()},
            "preserved": self.preserved.rows(),
            "enlarge": self.enlarge.rows(),
            "thresholds": {
                "min_population": self.min_population.value(),
                "min_area_km2": self.min_area.value(),
                "max_towns": self.max_towns.value(),
                "max_service_radius_km": self.max_radius.value(),
                "exempt_preserved": self.exempt.isChecked(),
            },
            "targets": {
                "units_min": self.units_min.value(),
                "units_max": self.units_max.value(),
                "mean_population": self.target_population.value(),
                "mean_area_km2": self.target_area.value(),
            },
            "benchmark": {
                "label": self.bench_label.text().strip(),
                "mean_population": self.bench_population.value(),
                "mean_area_km2": self.bench_area.value(),
            },
            "quota": {
                "basic": self.q_basic.value(),
                "per_10k_population": self.q_pop.value(),
                "per_100_km2": self.q_area.value(),
                "per_village": self.q_village.value(),
                "village_field": self.q_village_field.value(),
                "large_population": self.q_large.value(),
                "large_population_bonus": self.q_large_bonus.value(),
                "county_seat_bonus": self.q_seat_bonus.value(),
                "developed_field": self.q_dev_field.value(),
                "developed_bonus": self.q_dev_bonus.value(),
                "pilot_field": self.q_pilot_field.value(),
                "pilot_bonus": self.q_pilot_bonus.value(),
                "rounding": self.q_rounding.currentData(),
                "apply_to_villages": self.q_villages.isChecked(),
            },
            "village": {
                "enabled": self.village_on.isChecked(),
                "parent_field": self.parent_field.value(),
            },
            "data": {
                "carried_fields": [
                    self.carried.item(i).text()
                    for i in range(self.carried.count())
                    if self.carried.item(i).checkState() == Qt.CheckState.Checked
                ]
                + list(self._carried_elsewhere),
                "facility_category_field": self.facility_field.text().strip(),
            },
        }
        rules = RuleSet.from_dict(data)
        rules.extra_unit_rules, rules.extra_county_rules = (list(x) for x in self._extras)
        return rules

    # -- actions ------------------------------------------------------------------------------
    def apply(self) -> bool:
        """Check the project's plan against the rules in the widgets from now on."""
        try:
            rules = self.rules()
        except RuleSetError as exc:
            QMessageBox.warning(
                self, QCoreApplication.translate("RulesDialog", "Rules"), message_text(exc)
            )
            return False
        apply_rules(self.project, rules)
        return True

    def accept(self) -> None:
        if self.apply():
            super().accept()

    def load_file(self, path: str | Path | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self,
                QCoreApplication.translate("RulesDialog", "Load rule set"),
                "",
                QCoreApplication.translate("RulesDialog", "Rule sets (*.toml *.json)"),
            )
            if not path:
                return False
        try:
            self.set_rules(load_rules(path))
        except EditorError as exc:
            QMessageBox.warning(
                self, QCoreApplication.translate("RulesDialog", "Load rule set"), message_text(exc)
            )
            return False
        return True

    def save_file(self, path: str | Path | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                QCoreApplication.translate("RulesDialog", "Save rule set"),
                "",
                QCoreApplication.translate("RulesDialog", "Rule sets (*.toml *.json)"),
            )
            if not path:
                return False
        # never over the open layer, its sidecars, the project's layers or its plan
        path = checked_destination(
            self,
            self.project,
            path,
            "rules",
            QCoreApplication.translate("RulesDialog", "Save rule set"),
        )
        if path is None:
            return False
        try:
            save_rules(self.rules(), path)
        except EditorError as exc:
            QMessageBox.warning(
                self, QCoreApplication.translate("RulesDialog", "Save rule set"), message_text(exc)
            )
            return False
        return True

    def reset_defaults(self) -> None:
        try:
            self.set_rules(default_rules())
        except EditorError as exc:
            QMessageBox.warning(
                self, QCoreApplication.translate("RulesDialog", "Rules"), message_text(exc)
            )


def apply_rules(project: object, rules: RuleSet) -> None:
    """Give the project a rule set and its benchmark (:func:`editor.core.session.apply_rules`)."""
    session.apply_rules(project, rules)


class RulesFeature:
    """The Plan > Rules… action and the hand-over of rules saved with a plan."""

    def __init__(self, window: object):
        self.window = window
        self.action = QAction(window)
        self.action.setObjectName("action_rules")
        self.action.triggered.connect(lambda: self.open_dialog())
        window.menus["plan"].addSeparator()
        window.menus["plan"].addAction(self.action)
        self.dialog: RulesDialog | None = None
        window.project_changed.connect(self.on_project)
        retranslators = getattr(window, "retranslators", None)
        if isinstance(retranslators, list):
            retranslators.append(self.retranslate)
        self.retranslate()
        self.action.setEnabled(window.project is not None)
        if window.project is not None:
            self.on_project(window.project)

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("RulesDialog", "&Rules…"))
        self.action.setStatusTip(
            QCoreApplication.translate(
                "RulesDialog", "Rules the plan is checked against, quota weights, targets"
            )
        )

    def on_project(self, project: object) -> None:
        self.action.setEnabled(project is not None)
        problem = getattr(project, "rule_problem", None)
        status = getattr(self.window, "status", None)
        if problem is not None and status is not None:
            status.message(
                QCoreApplication.translate(
                    "RulesDialog", "The rules saved with the plan were not used: {error}"
                ).format(error=message_text(problem))
            )

    def open_dialog(self) -> RulesDialog | None:
        project = self.window.project
        if project is None:
            return None
        self.dialog = RulesDialog(project, self.window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._forget)
        self.dialog.open()
        return self.dialog

    def _forget(self) -> None:
        self.dialog = None


def install(window: object) -> RulesFeature:
    """Add Plan > Rules… to the window (see the module docstring)."""
    feature = RulesFeature(window)
    window.rules_feature = feature
    return feature
