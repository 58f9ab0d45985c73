"""The one adapter between Qt-free core commands and Qt's undo stack."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from editor.core.commands import Command
from editor.core.plan import Plan


def command_text(command: Command) -> str:
    """The command's label, translated when the translation module is present."""
    try:
        from editor.gui.i18n import command_text as translated
    except ImportError:
        return command.label
    return translated(command)


class PlanCommand(QUndoCommand):
    """Wrap a core command so ``QUndoStack``, ``QUndoView`` and clean state work.

    ``applied=True`` says the command has already run once (``window.push`` runs it
    first so a ``CommandError`` surfaces before anything lands on the stack); the
    stack's initial ``redo()`` then does nothing.
    """

    def __init__(self, plan: Plan, command: Command, applied: bool = False):
        super().__init__()
        self.plan = plan
        self.command = command
        self._skip_redo = applied
        if applied:
            self.setText(command_text(command))

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.command.redo(self.plan)
        self.setText(command_text(self.command))

    def undo(self) -> None:
        self.command.undo(self.plan)

    def retranslate(self) -> None:
        self.setText(command_text(self.command))
