"""The crash journal of the shown plan, and recovery after a killed session.

Every start-up path that offers recovery ends in :meth:`RecoveryActions.offer_recovery`,
with the journal found on disk as the new journal's ``previous``. While the question
is open (and while the views and the rules settle on the new project), the new journal
*holds* its changes in memory, so the journal on disk is the killed session's own,
untouched. Then:

- Recover: every committed edit is replayed onto the plan just opened (its base), the
  result is written at once (header + checkpoint, atomically) and only then is the
  old journal removed;
- Discard: the old journal is deleted;
- not now (headless): it is kept under another name;
- a journal that cannot be replayed (the layer or the plan file changed) is kept
  under another name, the user is told where and offered to replay it by town id;
- a damaged line ends the replay there: the changes before it are offered.

A journal is locked (``editor.io.lock``): a plan another instance has open is opened
as a copy (its edits journaled apart, saved with Save as…), never journaled twice.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

from editor.core.project import Project
from editor.errors import EditorError, PlanError
from editor.gui.i18n import message_text
from editor.gui.plan.common import _headless, recent_plans
from editor.io import journal as journal_io
from editor.io import lock as lock_io

log = logging.getLogger(__name__)


def copy_journal_path(project: Project, copy_of: Path) -> Path:
    """A journal of its own, in the recovery folder, for a plan another instance has."""
    base = journal_io.journal_path(source_path=project.source_path or copy_of)
    return base.with_name(f"{base.stem}-copy-{os.getpid()}-{id(project):x}.journal")


def journal_owner(journal: Path) -> lock_io.Owner | None:
    """The live process (not this window) that holds ``journal``'s lock, if any."""
    return lock_io.holder(journal_io.lock_path(journal))


class RecoveryActions:
    """Journal and recovery, mixed into :class:`~editor.gui.plan.actions.PlanActions`."""

    window: object
    journal: journal_io.Journal | None
    recovered_unsaved: bool
    copy_of: Path | None  # the plan (or layer) this window shows a copy of
    _answer: bool | None
    _journal_warned: bool

    # -- journal ------------------------------------------------------------------------
    def _attach(self, project: Project) -> None:
        self._detach()
        if project.plan_path is None and project.source_path is None:
            return  # a layer made in memory: there is no file to reopen it from
        path = copy_journal_path(project, self.copy_of) if self.copy_of else None
        try:
            try:
                self.journal = journal_io.Journal(project, path)
            except lock_io.LockedError as exc:
                # another window has this layer's (or plan's) journal: keep ours apart
                self.copy_of = Path(project.plan_path or project.source_path)
                project.plan_path = None
                self.journal = journal_io.Journal(project, copy_journal_path(project, self.copy_of))
                self._status(
                    QCoreApplication.translate(
                        "PlanActions",
                        "{name} is open in another window ({owner}); "
                        "this one journals its edits apart.",
                    ).format(
                        name=self.copy_of.name,
                        owner=exc.owner.describe() if exc.owner else "?",
                    )
                )
        except Exception:  # never let the safety net stop the editor
            log.exception("cannot start the journal")
            self.journal = None
            return
        self.journal.failed.connect(self._on_journal_failed)
        if self.copy_of is not None and self.journal.previous is None:
            self.journal.checkpoint()  # a copy's base is not a file: journal it whole
        if self.journal.previous is not None:
            self.journal.hold()  # the killed session's journal stays as it is

    def _detach(self, remove: bool = False) -> None:
        if self.journal is None:
            return
        if remove:
            self.journal.discard()
        else:
            self.journal.close()
        self.journal = None

    def _on_journal_failed(self, message: str) -> None:
        if self._journal_warned:
            return
        self._journal_warned = True
        QMessageBox.warning(
            self.window,
            QCoreApplication.translate("PlanActions", "Recovery journal"),
            QCoreApplication.translate(
                "PlanActions", "Edits are no longer being saved for recovery: {error}"
            ).format(error=message_text(message)),
        )

    def _schedule_recovery(self) -> None:
        """Offer the previous journal once the window shows the new project."""
        if self.journal is not None and self.journal.previous is not None:
            QTimer.singleShot(0, self.offer_recovery)

    # -- recovery -----------------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """Offer the journal a killed session left for the current plan; True if recovered."""
        journal = self.journal
        answer, self._answer = self._answer, None
        if self.project is None or journal is None or journal.previous is None:
            return False
        try:
            try:
                rec = journal.read_previous()
            except PlanError as exc:
                kept = journal.set_aside_previous("unreadable")
                self._tell_kept(kept, exc)
                return False
            if not rec.entries:
                if rec.problems:  # its first change is damaged: keep it for a person
                    kept = journal.set_aside_previous("damaged")
                    self._tell_kept(kept, rec.problems[0])
                else:
                    journal.discard_previous()  # a header without changes
                return False
            if answer is None:
                answer = self.ask_recover(rec)
            if answer is None:  # not now: keep the journal aside, untouched by this session
                journal.set_aside_previous("later")
                return False
            if not answer:
                journal.discard_previous()
                return False
            return self.recover(rec)
        finally:
            if self.journal is journal and journal.holding:
                journal.release()

    # -- questions (methods so tests and headless sessions can answer them) -------------
    def ask_recover(self, rec: journal_io.Recovery) -> bool | None:
        """True: recover; False: discard; None: not now (headless sessions)."""
        if _headless():
            return None
        when = rec.header.get("created", "")
        box = QMessageBox(self.window)
        box.setObjectName("recover_question")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("PlanActions", "Recover unsaved changes"))
        box.setText(
            QCoreApplication.translate(
                "PlanActions",
                "Unsaved changes from an earlier session were found ({n} edits, started {when}).",
            ).format(n=rec.edits, when=when)
        )
        notes = [message_text(p) for p in rec.problems]
        box.setInformativeText(
            "\n".join(
                notes
                + [
                    QCoreApplication.translate(
                        "PlanActions", "Recover them? Discarding deletes them for good."
                    )
                ]
            )
        )
        recover_btn = box.addButton(
            QCoreApplication.translate("PlanActions", "Recover"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(
            QCoreApplication.translate("PlanActions", "Discard"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        box.setDefaultButton(recover_btn)
        box.exec()
        return box.clickedButton() is recover_btn

    def ask_replay_by_id(self, kept: Path | None, error: object) -> bool:
        """A journal was refused and kept at ``kept``: replay it by town id anyway?"""
        if _headless():
            return False
        box = QMessageBox(self.window)
        box.setObjectName("replay_by_id_question")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("PlanActions", "Recover unsaved changes"))
        box.setText(
            QCoreApplication.translate(
                "PlanActions", "The unsaved changes cannot be replayed as they are: {error}"
            ).format(error=message_text(error))
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "PlanActions",
                "The journal was kept as {path}. Replay it by town id anyway? "
                "Towns this layer no longer has are left out.",
            ).format(path=kept)
        )
        replay = box.addButton(
            QCoreApplication.translate("PlanActions", "Replay by town id"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(
            QCoreApplication.translate("PlanActions", "Keep it aside"),
            QMessageBox.ButtonRole.RejectRole,
        )
        box.setDefaultButton(replay)
        box.exec()
        return box.clickedButton() is replay

    def _tell_kept(self, kept: Path | None, error: object) -> None:
        text = QCoreApplication.translate(
            "PlanActions", "A recovery journal could not be read ({error}). It was kept as {path}."
        ).format(error=message_text(error), path=kept)
        log.warning("%s", text)
        if _headless():
            self._status(text)
            return
        QMessageBox.warning(
            self.window,
            QCoreApplication.translate("PlanActions", "Recover unsaved changes"),
            text,
        )

    def recover(self, rec: journal_io.Recovery) -> bool:
        """Replay a journal onto the current plan (which is its base) and journal the result.

        The old journal is removed only once the result is on disk (``Journal.adopt``).
        """
        project = self.project
        journal = self.journal
        try:
            got = journal_io.recover(rec, project.layer, base_plan=project.plan)
        except EditorError as exc:
            kept = journal.set_aside_previous("refused") if journal is not None else rec.path
            if not self.ask_replay_by_id(kept, exc):
                if _headless():
                    self._status(
                        QCoreApplication.translate(
                            "PlanActions",
                            "The unsaved changes cannot be replayed: {error}. "
                            "The journal was kept as {path}.",
                        ).format(error=message_text(exc), path=kept)
                    )
                return False
            try:
                again = journal_io.read_journal(kept) if kept is not None else rec
                got = journal_io.recover(again, project.layer, base_plan=project.plan, by_id=True)
            except EditorError as exc2:
                QMessageBox.warning(
                    self.window,
                    QCoreApplication.translate("PlanActions", "Recover unsaved changes"),
                    message_text(exc2),
                )
                return False
            if journal is not None:
                journal.checkpoint()  # the kept file stays where the user was told
        else:
            if journal is not None:
                journal.adopt()
        self.recovered_unsaved = True
        self.update_title()
        # the journal's own notes (a damaged line, a change cut off) follow the count
        self._status(
            "; ".join(
                [
                    QCoreApplication.translate("PlanActions", "Recovered {n} edits").format(
                        n=got.edits
                    )
                ]
                + [message_text(w) for w in got.warnings]
            )
        )
        for w in got.warnings:
            log.info("recovery: %s", w)
        return True

    def offer_startup_recovery(self) -> None:
        """At start-up: the current project's journal, else a recent plan's, else an unsaved one's.

        Journals another running instance holds are not offered.
        """
        if self.project is not None and self.journal is not None and self.journal.previous:
            self.offer_recovery()
            return
        for plan_path in recent_plans():
            try:
                rec = journal_io.find_recovery(plan_path=plan_path)
            except (OSError, EditorError):
                continue
            if rec is None or not Path(plan_path).exists() or journal_owner(rec.path):
                continue
            if self.ask_open_for_recovery(Path(plan_path).name):
                self.open_plan(plan_path, recover=True)
            return
        try:
            recs = journal_io.list_recoveries()
        except OSError:
            return
        for rec in recs:
            if rec.source is None or not rec.source.exists() or journal_owner(rec.path):
                continue
            if rec.path != journal_io.journal_path(source_path=rec.source):
                continue  # a copy's journal: its base is in it, offered by name only
            if self.ask_open_for_recovery(rec.source.name):
                self._answer = True
                self._open_layer_then(rec.source, rec.load_options, self.offer_recovery)
            return

    def ask_open_for_recovery(self, name: str) -> bool:
        if _headless():
            return False
        answer = QMessageBox.question(
            self.window,
            QCoreApplication.translate("PlanActions", "Recover unsaved changes"),
            QCoreApplication.translate(
                "PlanActions",
                "The last session of {name} ended without saving. Open it to recover?",
            ).format(name=name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_open_locked(self, path: Path, owner: lock_io.Owner) -> bool:
        """The plan is open in another instance: True to open a copy, False to cancel."""
        if _headless():
            return True  # a copy never harms the other instance's journal
        box = QMessageBox(self.window)
        box.setObjectName("plan_locked_question")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("PlanActions", "Open plan"))
        box.setText(
            QCoreApplication.translate(
                "PlanActions", "{name} is open in another instance of the editor ({owner})."
            ).format(name=path.name, owner=owner.describe())
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "PlanActions",
                "Open a copy? Its edits are kept apart and saved with Save plan as…; "
                "the plan file is not changed.",
            )
        )
        copy_btn = box.addButton(
            QCoreApplication.translate("PlanActions", "Open a copy"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(copy_btn)
        box.exec()
        return box.clickedButton() is copy_btn
