"""What the plan actions share: the headless test, the unsaved-changes question, the
destination check every window writer asks before it writes (:func:`checked_destination`),
and the recent plan files (offered for recovery at start-up).

Imports neither the loader nor the other plan modules: ``maybe_save(window)`` is what
the loader asks before it replaces a window's project.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.errors import WriteError
from editor.io.guard import EXTENSIONS, check_destination, protected_paths

MAX_RECENT_PLANS = 10


def headless() -> bool:
    """No one to ask: the offscreen/minimal platforms of tests and CI."""
    app = QApplication.instance()
    return app is not None and app.platformName() in ("offscreen", "minimal")


def _headless() -> bool:
    # Older tests patch ``editor.gui.plan_actions._headless``: honour that while they
    # exist (remove once they patch ``editor.gui.plan.common.headless``).
    shim = sys.modules.get("editor.gui.plan_actions")
    patched = getattr(shim, "_headless", None)
    if patched is not None and patched is not _headless:
        return bool(patched())
    return headless()


def settings():
    from editor.gui.i18n import settings

    return settings()


def same_file(a: object, b: object) -> bool:
    if not a or not b:
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def checked_destination(
    parent: object,
    project: object,
    path: str | Path,
    kind: str,
    title: str,
    *,
    include_plan: bool = True,
) -> Path | None:
    """``path`` if a window writer of ``kind`` may write it, else ``None`` after one
    message box line naming the file and the problem (nothing is written).

    The project's protected files (``editor.io.guard.protected_paths``: the open layer
    and its sidecars, the border, facility and reference layers and, unless
    ``include_plan`` is false, the plan being edited) are never written over, and the
    extension must be one the writer writes. A name without an extension gets the
    writer's first one.
    """
    path = Path(path)
    if not path.suffix:
        path = path.with_name(path.name + EXTENSIONS[kind][0])
    protected = protected_paths(project, include_plan=include_plan) if project else []
    try:
        return check_destination(path, kind, protected)
    except WriteError as exc:
        from editor.gui.i18n import message_text

        QMessageBox.critical(parent, title, message_text(exc))
        return None


def suffix_from_filter(path: str | Path, selected: str) -> Path:
    """``path`` with the extension of the file dialog's chosen filter when it has none
    ("GeoPackage (*.gpkg)" -> ``.gpkg``)."""
    path = Path(path)
    if not path.suffix:
        found = re.search(r"\*(\.[A-Za-z0-9]+)", selected or "")
        if found:
            path = path.with_name(path.name + found.group(1))
    return path


def ask_unsaved(parent: object) -> str:
    """The unsaved-changes question: "save", "discard" or "cancel".

    "keep" (go on, the journal is kept for recovery) when there is no one to ask.
    """
    if _headless():
        return "keep"
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("PlanActions", "Unsaved changes"),
        QCoreApplication.translate("PlanActions", "The plan has unsaved changes. Save them?"),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    return {
        QMessageBox.StandardButton.Save: "save",
        QMessageBox.StandardButton.Discard: "discard",
    }.get(answer, "cancel")


def maybe_save(window: object) -> bool:
    """Before the window's plan goes (closing, opening another layer): ask Save / Discard /
    Cancel when it has unsaved changes. ``False`` means the user cancelled: stop."""
    actions = getattr(window, "plan_file_actions", None)
    if actions is not None and callable(getattr(actions, "maybe_save", None)):
        return bool(actions.maybe_save())
    stack = getattr(window, "undo_stack", None)
    if getattr(window, "project", None) is None or stack is None or stack.isClean():
        return True
    # no plan-file actions on this window: nothing to save with, only go on or stop
    return ask_unsaved(window) in ("discard", "keep")


# -- recent plan files (for start-up recovery) -------------------------------------------
def recent_plans() -> list[str]:
    try:
        value = settings().value("recent_plans", [])
    except Exception:
        return []
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])]


def add_recent_plan(path: str | Path) -> None:
    try:
        s = settings()
    except Exception:
        return
    p = str(Path(path).resolve())
    items = [x for x in recent_plans() if x != p]
    s.setValue("recent_plans", [p] + items[: MAX_RECENT_PLANS - 1])
