"""Unexpected errors in the window: log the traceback, tell the user in one line, go on.

Qt calls Python slots from C++; an exception escaping a slot would otherwise only be
printed to a console the planner never sees. Committed edits are already in the
journal, so the message can say the plan is safe.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)


def log_path() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = Path(base or Path.home() / ".township-boundary-editor")
    return folder / "errors.log"


def _hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    text = "".join(traceback.format_exception(kind, value, tb))
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(text + "\n")
    except OSError:
        log.error(text)
    first = str(value).strip().splitlines()[0] if str(value).strip() else ""
    message = QCoreApplication.translate(
        "Errors",
        "Something went wrong: {error}\n\nYour committed edits are safe in the journal. "
        "Details were written to {log}.",
    ).format(error=f"{kind.__name__}: {first}" if first else kind.__name__, log=path)
    if QApplication.instance() is not None and QApplication.platformName() not in (
        "offscreen",
        "minimal",
    ):
        QMessageBox.critical(
            QApplication.activeWindow(), QCoreApplication.translate("Errors", "Error"), message
        )
    else:
        print(f"error: {message}", file=sys.stderr)


def install_excepthook() -> None:
    """Route uncaught exceptions (including those raised in slots) to :func:`_hook`."""
    sys.excepthook = _hook
