"""The field-mapping dialog: which column is the town code, name, population, ...

Shown by the loader when ``detect_mapping`` is unsure of a role (no population field
found, two candidate name fields, ...). Each role gets a combo box of the layer's
columns, each entry with sample values; the unsure roles are marked. The result is a
``{role: column}`` dict for ``LoadOptions.fields`` (``""`` = no column for that role).
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from editor.core.fields import FieldMapping

SAMPLES = 3


def sample_values(frame: pd.DataFrame, column: str, count: int = SAMPLES) -> list[str]:
    """The first ``count`` distinct non-blank values of a column, as text."""
    out: list[str] = []
    for value in frame[column].tolist():
        if value is None or (isinstance(value, float) and value != value):
            continue
        text = str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if text and text not in out:
            out.append(text[:24])
        if len(out) >= count:
            break
    return out


class FieldMappingDialog(QDialog):
    """``FieldMappingDialog(frame, guess)``; after ``accept``, :meth:`fields` is the mapping."""

    def __init__(
        self,
        frame: pd.DataFrame,
        guess: object,
        path: str | None = None,
        use_area_field: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("field_mapping_dialog")
        self.setMinimumWidth(560)
        self.path = path
        self.guess = guess
        geometry_name = getattr(getattr(frame, "geometry", None), "name", None)
        self.columns = [str(c) for c in frame.columns if c != geometry_name]
        self.samples = {c: sample_values(frame, c) for c in self.columns}
        mapping: FieldMapping = guess.mapping
        unsure = set(getattr(guess, "unsure", []) or [])

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        self.role_labels: dict[str, QLabel] = {}
        for role in FieldMapping.ROLES:
            combo = QComboBox(self)
            combo.setObjectName(f"field_{role}")
            combo.addItem("", "")  # (none); text set in retranslate
            for column in self.columns:
                combo.addItem(self._entry(column), column)
            current = getattr(mapping, role)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
            label = QLabel(self)
            if role in unsure:
                font = QFont(label.font())
                font.setBold(True)
                label.setFont(font)
                label.setStyleSheet("color: #b00000;")
            self.form.addRow(label, combo)
            self.combos[role] = combo
            self.role_labels[role] = label
        self.unsure = unsure
        self.use_area = QCheckBox(self)
        self.use_area.setChecked(use_area_field)
        self.notes = QLabel("\n".join(getattr(guess, "notes", []) or []), self)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: palette(mid);")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            parent=self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.use_area)
        layout.addWidget(self.notes)
        layout.addWidget(self.buttons)
        self.retranslate()

    def _entry(self, column: str) -> str:
        samples = self.samples.get(column) or []
        return f"{column}  —  {', '.join(samples)}" if samples else column

    def set_role(self, role: str, column: str | None) -> None:
        """Choose ``column`` (``None``/``""`` = none) for ``role``."""
        combo = self.combos[role]
        combo.setCurrentIndex(max(0, combo.findData(column)) if column else 0)

    def fields(self) -> dict[str, str]:
        """Every role → its column, ``""`` where the user chose none."""
        return {role: str(combo.currentData() or "") for role, combo in self.combos.items()}

    def use_area_field(self) -> bool:
        return self.use_area.isChecked() and bool(self.combos["area"].currentData())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fields of the layer"))
        name = self.path or self.tr("the layer")
        self.intro.setText(
            self.tr(
                "Some fields of {name} could not be recognised with certainty (marked in red). "
                "Check which column holds each item; the samples show each column's first values."
            ).format(name=name)
        )
        texts = {
            "id": self.tr("Town code"),
            "name": self.tr("Town name"),
            "population": self.tr("Population"),
            "area": self.tr("Official area (km²)"),
            "border": self.tr("Border town (flag)"),
            "historic": self.tr("Historic-cultural town (flag)"),
            "county_seat": self.tr("County-seat town (flag)"),
            "centre": self.tr("Regional centre town (flag)"),
            "parent": self.tr("Parent township"),
        }
        for role, label in self.role_labels.items():
            text = texts.get(role, role)
            label.setText(text + ("  ⚠" if role in self.unsure else "") + ":")
        for combo in self.combos.values():
            combo.setItemText(0, self.tr("(none)"))
        self.use_area.setText(self.tr("Use the official area field in statistics"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
