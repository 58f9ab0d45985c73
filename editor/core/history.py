"""An undo history of commands for Qt-free use (CLI, scripts, tests).

The GUI wraps the same commands in a small ``QUndoCommand`` adapter and keeps them in a
``QUndoStack`` instead; both call ``command.redo(plan)`` / ``command.undo(plan)``.
"""

from __future__ import annotations

from editor.core.commands import Command
from editor.core.events import Signal
from editor.core.plan import Plan


class History:
    def __init__(self, plan: Plan):
        self.plan = plan
        self._commands: list[Command] = []
        self._index = 0
        self.changed = Signal("history_changed")

    def push(self, command: Command) -> None:
        """Run ``command`` and record it; drops anything that was undone."""
        command.redo(self.plan)
        del self._commands[self._index :]
        self._commands.append(command)
        self._index += 1
        self.changed.emit()

    def undo(self) -> None:
        if not self.can_undo:
            return
        self._index -= 1
        self._commands[self._index].undo(self.plan)
        self.changed.emit()

    def redo(self) -> None:
        if not self.can_redo:
            return
        self._commands[self._index].redo(self.plan)
        self._index += 1
        self.changed.emit()

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._commands)

    @property
    def undo_label(self) -> str:
        return self._commands[self._index - 1].label if self.can_undo else ""

    def labels(self) -> list[str]:
        return [c.label for c in self._commands]

    @property
    def index(self) -> int:
        return self._index
