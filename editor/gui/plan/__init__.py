"""The File menu's plan actions, split by what they do.

- :mod:`.common`: the unsaved-changes question and recent plan files (no Qt widgets
  of their own, and no import of the loader, so ``editor.gui.loader`` may use them);
- :mod:`.recovery`: the crash journal of the shown plan, and recovery after a crash;
- :mod:`.files`: open and save plan files;
- :mod:`.exports`: import an assignment table, export units and tables;
- :mod:`.actions`: :class:`~.actions.PlanActions` (the menu entries and the window's
  state) and ``install(window)``.

``editor.gui.plan_actions`` re-exports these names for older callers. This
``__init__`` imports nothing, so importing :mod:`.common` stays light.
"""
