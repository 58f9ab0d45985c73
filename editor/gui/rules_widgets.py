"""The editing widgets of the rules dialog: number boxes, a field chooser, a category table."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from editor.core.ruleset import MODES, ROLE_FLAGS


def _spin(maximum: float, decimals: int = 0, suffix: str = "") -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, maximum)
    box.setDecimals(decimals)
    box.setGroupSeparatorShown(True)
    if suffix:
        box.setSuffix(suffix)
    return box


def _int_spin(maximum: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    return box


# What the dialog shows for the rule set's ``@role`` fields (the layer's mapped flags).
FLAG_LABELS = {
    "border": QT_TRANSLATE_NOOP("RulesDialog", "Border flag (as mapped)"),
    "historic": QT_TRANSLATE_NOOP("RulesDialog", "Historic-cultural flag (as mapped)"),
    "county_seat": QT_TRANSLATE_NOOP("RulesDialog", "County-seat flag (as mapped)"),
    "centre": QT_TRANSLATE_NOOP("RulesDialog", "Regional-centre flag (as mapped)"),
}
# What the dialog shows for the quota's rounding modes.
ROUNDING_LABELS = {
    "round": QT_TRANSLATE_NOOP("RulesDialog", "To the nearest whole number"),
    "ceil": QT_TRANSLATE_NOOP("RulesDialog", "Up to a whole number"),
    "floor": QT_TRANSLATE_NOOP("RulesDialog", "Down to a whole number"),
    "none": QT_TRANSLATE_NOOP("RulesDialog", "Not rounded (decimals kept)"),
}


class FieldCombo(QComboBox):
    """An editable choice of a field: the layer's role flags (shown by their labels,
    ``@border``… as data) and its columns; any other text typed is a column name."""

    def __init__(self, columns: list[str], roles: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.addItem("")
        if roles:
            for role in ROLE_FLAGS:
                label = FLAG_LABELS.get(role, role)
                self.addItem(QCoreApplication.translate("RulesDialog", label), f"@{role}")
        for col in columns:
            self.addItem(col)

    def value(self) -> str:
        text = self.currentText().strip()
        i = self.findText(text, Qt.MatchFlag.MatchExactly)
        data = self.itemData(i) if i >= 0 else None
        return str(data) if data else text

    def set_value(self, text: str) -> None:
        i = self.findData(text) if text.startswith("@") else -1
        if i < 0:
            i = self.findText(text, Qt.MatchFlag.MatchExactly)
        if i >= 0:
            self.setCurrentIndex(i)
        else:
            self.setEditText(text)


class CategoryTable(QTableWidget):
    """Rows of preserved or enlarge categories: on, key, label, field (, mode)."""

    def __init__(self, columns: list[str], with_mode: bool, parent: QWidget | None = None):
        super().__init__(0, 5 if with_mode else 4, parent)
        self.columns = columns
        self.with_mode = with_mode
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        headers = [
            QCoreApplication.translate("RulesDialog", "On"),
            QCoreApplication.translate("RulesDialog", "Key"),
            QCoreApplication.translate("RulesDialog", "Label"),
            QCoreApplication.translate("RulesDialog", "Field"),
        ]
        if with_mode:
            headers.append(QCoreApplication.translate("RulesDialog", "Kept"))
        self.setHorizontalHeaderLabels(headers)
        # the key names the category's rule ids (border_whole…): kept, not shown
        self.setColumnHidden(1, True)

    def add_row(self, key: str, label: str, field: str, enabled: bool, mode: str = "whole") -> int:
        row = self.rowCount()
        self.insertRow(row)
        on = QTableWidgetItem()
        on.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        on.setCheckState(Qt.CheckState.Checked if enabled else Qt.CheckState.Unchecked)
        self.setItem(row, 0, on)
        self.setItem(row, 1, QTableWidgetItem(key))
        self.setItem(row, 2, QTableWidgetItem(label))
        combo = FieldCombo(self.columns)
        combo.set_value(field)
        self.setCellWidget(row, 3, combo)
        if self.with_mode:
            modes = QComboBox()
            for m in MODES:
                modes.addItem(
                    QCoreApplication.translate("RulesDialog", "whole")
                    if m == "whole"
                    else QCoreApplication.translate("RulesDialog", "keeps its name"),
                    m,
                )
            modes.setCurrentIndex(max(0, modes.findData(mode)))
            self.setCellWidget(row, 4, modes)
        return row

    def rows(self) -> list[dict]:
        out = []
        for r in range(self.rowCount()):
            row = {
                "enabled": self.item(r, 0).checkState() == Qt.CheckState.Checked,
                "key": (self.item(r, 1).text() if self.item(r, 1) else "").strip(),
                "label": (self.item(r, 2).text() if self.item(r, 2) else "").strip(),
                "field": self.cellWidget(r, 3).value(),
            }
            if self.with_mode:
                row["mode"] = self.cellWidget(r, 4).currentData()
            out.append(row)
        return out

    def remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.selectedIndexes()}, reverse=True):
            self.removeRow(r)
