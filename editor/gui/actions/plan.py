"""Plan menu and the map's context menu: new unit, take out, seat, rename, zoom to unit.

Each action works on ``window.context_towns()``: the selection, or the town that was
right-clicked when it is not selected. Actions build a core command and push it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit

from editor.core.commands import DetachTowns, NewUnit, RenameUnit, SetSeat
from editor.gui.actions.edit import is_village


def _single_unit(window: Any) -> int | None:
    """The unit of the context towns when they all lie in one unit."""
    towns = window.context_towns()
    if not towns:
        return None
    plan = window.project.plan
    units = {int(plan.unit_of[t]) for t in towns}
    return units.pop() if len(units) == 1 else None


def update_enabled(window: Any) -> None:
    acts = window.plan_actions
    towns = window.context_towns() if window.project is not None else []
    plan = window.project.plan if window.project is not None else None
    acts["new_unit"].setEnabled(bool(towns))
    acts["detach"].setEnabled(
        bool(towns) and any(len(plan.units[int(plan.unit_of[t])].members) > 1 for t in towns)
    )
    uid = _single_unit(window) if plan is not None else None
    acts["set_seat"].setEnabled(
        len(towns) == 1 and len(plan.units[uid].members) > 1 if uid is not None else False
    )
    acts["rename"].setEnabled(uid is not None)
    acts["zoom_unit"].setEnabled(uid is not None)


def install(window: Any) -> dict[str, QAction]:
    menu = window.menus["plan"]

    def new_unit() -> None:
        towns = window.context_towns()
        if towns:
            window.push(NewUnit(towns))

    def detach() -> None:
        towns = window.context_towns()
        if towns:
            window.push(DetachTowns(towns))

    def set_seat() -> None:
        towns = window.context_towns()
        if len(towns) != 1:
            window.status.message(
                QCoreApplication.translate("PlanActions", "Choose one village to be the seat")
                if is_village(window)
                else QCoreApplication.translate("PlanActions", "Choose one town to be the seat")
            )
            return
        plan = window.project.plan
        window.push(SetSeat(int(plan.unit_of[towns[0]]), towns[0]))

    def rename() -> None:
        uid = _single_unit(window)
        if uid is None:
            window.status.message(
                QCoreApplication.translate(
                    "PlanActions", "Choose villages of one unit to rename it"
                )
                if is_village(window)
                else QCoreApplication.translate(
                    "PlanActions", "Choose towns of one unit to rename it"
                )
            )
            return
        old = window.project.plan.units[uid].name
        name, ok = QInputDialog.getText(
            window,
            QCoreApplication.translate("PlanActions", "Rename unit"),
            QCoreApplication.translate("PlanActions", "New name of {unit}:").format(unit=old),
            QLineEdit.EchoMode.Normal,
            old,
        )
        name = (name or "").strip()
        if ok and name and name != old:
            window.push(RenameUnit(uid, name))

    def zoom_unit() -> None:
        uid = _single_unit(window)
        if uid is not None:
            window.canvas.zoom_to_unit(uid)

    specs = {
        "new_unit": (new_unit, "Ctrl+G"),
        "detach": (detach, "Ctrl+Shift+G"),
        "set_seat": (set_seat, None),
        "rename": (rename, "F2"),
        "zoom_unit": (zoom_unit, None),
    }
    acts: dict[str, QAction] = {}
    for key, (fn, shortcut) in specs.items():
        act = QAction(window)
        act.setObjectName(f"action_{key}")
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(fn)
        menu.addAction(act)
        acts[key] = act
    window.plan_actions = acts

    def refresh(*_: object) -> None:
        if window.project is not None:
            update_enabled(window)

    def connect_project(project: Any) -> None:
        project.selection.changed.connect(refresh)
        project.plan.events.changed.connect(refresh)
        refresh()

    window.project_changed.connect(connect_project)
    # kept so the weakly held core-signal callbacks stay alive with the window
    window._plan_actions_refresh = refresh

    def retranslate() -> None:
        acts["new_unit"].setText(
            QCoreApplication.translate("PlanActions", "&New unit from selection")
        )
        acts["detach"].setText(QCoreApplication.translate("PlanActions", "&Take out of its unit"))
        acts["set_seat"].setText(QCoreApplication.translate("PlanActions", "Set as &seat"))
        acts["rename"].setText(QCoreApplication.translate("PlanActions", "&Rename unit…"))
        acts["zoom_unit"].setText(QCoreApplication.translate("PlanActions", "&Zoom to unit"))

    window.retranslators.append(retranslate)
    return {f"plan_{k}": v for k, v in acts.items()}
