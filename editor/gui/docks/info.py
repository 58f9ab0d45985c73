"""Town-info dock: the town under the cursor (from ``canvas.town_hovered``)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDockWidget, QFormLayout, QLabel, QWidget

from editor.core.parents import level_of
from editor.gui.docks import numbers

FIELDS = ("name", "id", "parent", "population", "area", "unit", "seat", "flags")


class InfoWidget(QWidget):
    """A form of the hovered town's name, id, population, area, unit, seat and flags."""

    def __init__(self, project: object, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.town: int = -1
        project.plan.events.changed.connect(self._on_plan_change)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(6, 4, 6, 4)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        for key in FIELDS:
            value = QLabel(self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.values[key] = value
            self.form.addRow(QLabel(self), value)
        self.retranslate()

    @property
    def village(self) -> bool:
        """A village layer: village words, and the parent township row shown."""
        return level_of(self.project.layer) == "village"

    def set_project(self, project: object) -> None:
        self.project.plan.events.changed.disconnect(self._on_plan_change)
        self.project = project
        project.plan.events.changed.connect(self._on_plan_change)
        self.town = -1
        self.retranslate()

    def _on_plan_change(self, *_: object) -> None:
        if self.town >= 0:
            self.show_town(self.town)  # its unit may have changed under the cursor

    def show_town(self, town: int) -> None:
        """Show town ``town`` (``-1``: nothing under the cursor)."""
        town = int(town)
        layer = self.project.layer
        self.town = town if 0 <= town < layer.n else -1
        if self.town < 0:
            for value in self.values.values():
                value.setText("")
            self.values["name"].setText(
                self.tr("(move the cursor over a village)")
                if self.village
                else self.tr("(move the cursor over a town)")
            )
            return
        t = self.town
        plan = self.project.plan
        uid = int(plan.unit_of[t])
        unit = plan.units[uid]
        s = plan.stats(uid)
        pop = layer.population[t]
        self.values["name"].setText(f"<b>{layer.names[t]}</b>")
        self.values["id"].setText(str(layer.ids[t]))
        if layer.parent is not None:
            self.values["parent"].setText(str(layer.parent[t]))
        self.values["population"].setText(self.tr("missing") if pop != pop else numbers.count(pop))
        self.values["area"].setText(numbers.area(layer.area_km2[t], 2) + " km²")
        village = self.village
        if s.towns <= 1:
            unit_text = self.tr("{unit} (alone)")
        elif village:
            unit_text = self.tr("{unit} ({n} villages)")
        else:
            unit_text = self.tr("{unit} ({n} towns)")
        self.values["unit"].setText(unit_text.format(unit=unit.name, n=s.towns))
        seat = s.seat
        seat_text = (
            self.tr("this village is the seat of {unit}")
            if village
            else self.tr("this town is the seat of {unit}")
        )
        self.values["seat"].setText(
            seat_text.format(unit=unit.name) if seat == t else str(layer.names[seat])
        )
        flags = []
        if layer.border[t]:
            flags.append(self.tr("border village") if village else self.tr("border town"))
        if layer.historic[t]:
            flags.append(self.tr("historic-cultural town"))
        if layer.county_seat[t]:
            flags.append(self.tr("county-seat town"))
        if layer.centre[t]:
            flags.append(self.tr("regional centre town"))
        self.values["flags"].setText("、".join(flags) if flags else "—")

    def retranslate(self) -> None:
        village = self.village
        labels = {
            "name": self.tr("Village:") if village else self.tr("Town:"),
            "id": self.tr("Code:"),
            "parent": self.tr("Township:"),
            "population": self.tr("Population:"),
            "area": self.tr("Area:"),
            "unit": self.tr("Merged village:") if village else self.tr("Merged unit:"),
            "seat": self.tr("Unit seat:"),
            "flags": self.tr("Flags:"),
        }
        for key, text in labels.items():
            self.form.labelForField(self.values[key]).setText(text)
        self.form.setRowVisible(self.values["parent"], village)
        self.show_town(self.town)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class InfoDock(QDockWidget):
    """Dock "Town under the cursor": ``InfoDock(project)``; connect ``show_town``."""

    def __init__(self, project: object, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("info_dock")
        self.info = InfoWidget(project, self)
        self.setWidget(self.info)
        self.retranslate()

    def set_project(self, project: object) -> None:
        self.info.set_project(project)
        self.retranslate()

    def show_town(self, town: int) -> None:
        self.info.show_town(town)

    def retranslate(self) -> None:
        self.setWindowTitle(
            self.tr("Village under the cursor")
            if self.info.village
            else self.tr("Town under the cursor")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
