"""The conversation on screen: what is shown, where the draft would go, sending, and what each
message's actions do.  A thin layer over ``core.Assistant``; the widgets belong to the window.

- The privacy chip is fed by ``PrivacyPreview`` (off the GUI thread); a message is sent only
  once the chip shows the current draft.
- A failed send that produced no text leaves nothing behind (the store removes the empty
  conversation) and puts the message back in the box.
- The model picker's choice is the conversation's pin (``Store.set_pin``); for a chat not yet
  created it travels in the request and is stored once the answer names the conversation.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPlainTextEdit

from aideon_desktop.core.answering import Answer, AskRequest, Assistant
from aideon_desktop.ui.answer_run import AnswerRun
from aideon_desktop.ui.ask_again import AskAgain, ask_again
from aideon_desktop.ui.composer import Composer
from aideon_desktop.ui.fallback_note import fallback_note
from aideon_desktop.ui.privacy_preview import PrivacyPreview
from aideon_desktop.ui.route_preview import CHECKING, ChipState
from aideon_desktop.ui.status_banner import StatusBanner
from aideon_desktop.ui.transcript import (
    TranscriptEntry,
    entry_from_stored,
    history_before,
    prompt_for,
    route_chip,
)
from aideon_desktop.ui.transcript_view import TranscriptView

EDITING_TEXT = "Editing a message: Send asks it again after the turns before it. Esc cancels."
PROGRESS_KINDS = ("model_loading", "retrying", "failover", "restart")
LIVE_CHIP_KINDS = {"private": "private", "device": "device", "cloud": "cloud", "cache": "cloud"}


class ChatSession(QObject):
    conversations_changed = Signal()  # a chat was created or its title changed
    answered = Signal(object)  # Answer
    feedback = Signal(str, str, str, str)  # provider, model, task, "up" | "down" | "regenerate"

    def __init__(
        self,
        assistant: Assistant,
        transcript: TranscriptView,
        composer: Composer,
        banner: StatusBanner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.assistant, self.transcript, self.composer, self.banner = (
            assistant,
            transcript,
            composer,
            banner,
        )
        self.conversation_id: int | None = None
        self.entries: list[TranscriptEntry] = []
        self.run: AnswerRun | None = None
        self._send_pending = False
        self._editing: int | None = None
        self._draft_before_edit = ""
        self._first_of_send = 0
        self._asked_again = False
        self._checked: tuple | None = None  # what the chip was last asked about
        self.preview = PrivacyPreview(assistant, self)
        self.preview.ready.connect(self._on_preview)
        composer.draft.textChanged.connect(lambda: self.check_draft())
        composer.mask.toggled.connect(lambda: self.check_draft())
        composer.picker.picked.connect(self._on_picked)
        composer.send_requested.connect(self.send)
        composer.stop_requested.connect(self.stop)
        banner.retry_requested.connect(self.send)
        transcript.edit_requested.connect(self.edit)
        transcript.regenerate_requested.connect(self.regenerate)
        transcript.rated.connect(self._rated)

    def busy(self) -> bool:
        return self.run is not None or self._send_pending

    # ------------------------------------------------------------ conversations
    def load(self, conversation_id: int | None) -> bool:
        """Show ``conversation_id`` (None: a new chat).  Refused while an answer is written."""
        if self.busy():
            return False
        store = self.assistant.store
        self.conversation_id = conversation_id
        self._editing = None
        pin = None
        if conversation_id is None or store is None:
            self.entries = []
        else:
            self.entries = [entry_from_stored(m) for m in store.messages(conversation_id)]
            stored = store.conversation(conversation_id)
            if stored is not None and stored.pinned_provider and stored.pinned_model:
                pin = (stored.pinned_provider, stored.pinned_model)
        self.transcript.set_entries(self.entries)
        self.composer.picker.set_pin(pin)
        self.banner.clear("editing", "progress", "problem")
        self.check_draft(again=True)
        return True

    def _on_picked(self, pin: tuple[str, str] | None) -> None:
        store = self.assistant.store
        if self.conversation_id is not None and store is not None:
            provider, model = pin if pin is not None else (None, None)
            store.set_pin(self.conversation_id, provider, model)
        self.check_draft(again=True)

    # ------------------------------------------------------------ privacy chip
    def _request(self, text: str) -> AskRequest:
        return AskRequest(
            text,
            conversation_id=self.conversation_id,
            new_conversation=self.conversation_id is None,
            mask_and_send=self.composer.mask.isChecked(),
            pinned=self.composer.picker.pin(),
        )

    def check_draft(self, *, again: bool = False) -> None:
        """Check the draft as it is now; a highlight change alone (textChanged, same text and
        options) is not checked twice unless ``again`` (the conversation itself changed)."""
        text = self.composer.draft.toPlainText()
        pin = self.composer.picker.pin()
        key = (text, self.composer.mask.isChecked(), pin, self.conversation_id)
        if key == self._checked and not again:
            return
        self._checked = key
        self.preview.request(self._request(text) if text.strip() else None, pin)

    def _on_preview(self, state: ChipState, _plan: object) -> None:
        if self.run is not None and state.kind == "idle":
            state = live_state(self.run.entry)
        self.composer.chip.show_state(state)
        self.composer.draft.highlighter.set_spans(state.spans, self.composer.draft.toPlainText())

    def _on_route_changed(self, entry: TranscriptEntry) -> None:
        if not self.composer.draft.toPlainText().strip():
            self.composer.chip.show_state(live_state(entry))

    # ------------------------------------------------------------------ sending
    def send(self) -> None:
        """Send the draft once the chip shows where it goes."""
        if self.busy() or not self.composer.draft.toPlainText().strip():
            return
        self._send_pending = True
        self.composer.set_busy(True)
        if not self.preview.is_fresh():  # a window's first check can take seconds: say so
            self.composer.chip.show_state(CHECKING)
        self.preview.when_fresh(self._send_checked)

    def _send_checked(self) -> None:
        if not self._send_pending:
            return  # stopped before the check finished
        self._send_pending = False
        text = self.composer.draft.toPlainText()
        if not text.strip():
            self.composer.set_busy(False)
            return
        edited = self._editing
        again = None if edited is None else ask_again(self.entries, edited, edited=True)
        self._editing = None
        self.composer.draft.clear()
        self._start(text, again)

    def _start(
        self, text: str, again: AskAgain | None = None, *, asked_again: bool = False
    ) -> None:
        """Ask ``text`` (``again``: an earlier question, after the turns before it only);
        ``asked_again``: Regenerate of the last answer, whose question is on screen and stored
        already (only a new answer is added)."""
        self.banner.clear("problem", "editing", "progress", "fallback")
        self._first_of_send = len(self.entries)
        self._asked_again = asked_again
        meta = again.meta() if again is not None else None
        if not asked_again:
            user = TranscriptEntry("user", text, created=datetime.now(UTC), meta=meta)
            self.entries.append(user)
            self.transcript.append(user)
        request = replace(self._request(text), prompt_stored=asked_again)
        request = again.request_for(request) if again is not None else request
        run = AnswerRun(self.assistant, request, self.transcript, self.entries)
        run.first_text.connect(lambda: self.banner.clear("progress"))
        run.notice.connect(self._on_notice)
        run.route_changed.connect(self._on_route_changed)
        run.finished.connect(self._on_finished)
        run.failed.connect(self._on_failed)
        self.run = run
        self.transcript.scroll_to_bottom()
        self.transcript.set_actions_enabled(False)
        self.composer.set_busy(True)
        self.composer.chip.show_state(live_state(run.entry))
        self.composer.draft.setFocus()

    def stop(self) -> None:
        if self.run is not None:
            self.run.cancel()
        elif self._send_pending:
            self._send_pending = False
            self.composer.set_busy(False)

    def _on_notice(self, kind: str, message: str) -> None:
        if kind in PROGRESS_KINDS:
            self.banner.show_message("progress", message)
        elif kind == "history_unavailable":
            self.banner.show_message("history", message)
        elif kind in ("history_info", "budget_warning"):
            self.banner.show_message("app", message)

    def _on_finished(self, answer: Answer) -> None:
        created = self.conversation_id is None and answer.conversation_id is not None
        if answer.conversation_id is not None:
            self.conversation_id = answer.conversation_id
        pin = self.composer.picker.pin()
        if created and pin is not None and self.assistant.store is not None:
            self.assistant.store.set_pin(answer.conversation_id, *pin)  # type: ignore[arg-type]
        self.banner.clear("progress", "problem", "fallback")
        note = fallback_note(answer)
        if note is not None:  # the reasons flashed by while it was written; keep them
            self.banner.show_message("fallback", note)
        self._finish_run()
        self.conversations_changed.emit()
        self.answered.emit(answer)

    def _on_failed(self, message: str, answer: Answer | None) -> None:
        kept = answer is not None and (answer.text or any(answer.abandoned_partials))
        if kept and answer is not None:
            self.conversation_id = answer.conversation_id or self.conversation_id
        else:  # nothing arrived: nothing stays, and the message goes back in the box
            text = self.entries[self._first_of_send].text
            del self.entries[self._first_of_send :]
            self.transcript.remove_from(self._first_of_send)
            if not self._asked_again:  # (asked again, the question stays where it was)
                put_back(self.composer.draft, text)
        retry = not (self.run is not None and self.run.worker.input_refused)
        self.banner.show_message("problem", f"Problem: {message}", retry=retry)
        self._finish_run()
        # Always re-list: history may have opened (and listed the chat the answer had begun)
        # while it ran, and a chat begun for nothing has been deleted since.
        self.conversations_changed.emit()

    def _finish_run(self) -> None:
        self.run = None
        self.composer.set_busy(False)
        self.transcript.set_actions_enabled(True)
        self.check_draft(again=True)  # the chat may be private now, or exist

    # ------------------------------------------------------------------ actions
    def edit(self, index: int) -> None:
        """Put a message of yours back in the box; sending asks it after the turns before it."""
        if self.busy():
            return
        if self._editing is None:
            self._draft_before_edit = self.composer.draft.toPlainText()
        self._editing = index
        self.composer.draft.setPlainText(self.entries[index].text)
        self.composer.draft.moveCursor(self.composer.draft.textCursor().MoveOperation.End)
        self.composer.draft.setFocus()
        self.banner.show_message("editing", EDITING_TEXT)

    def cancel_edit(self) -> bool:
        if self._editing is None:
            return False
        self._editing = None
        self.composer.draft.setPlainText(self._draft_before_edit)
        self.banner.clear("editing")
        return True

    def regenerate(self, index: int) -> None:
        """Ask the message this answer replied to again, without this answer in view: after the
        last answer only a new answer follows (its question is stored already); an earlier one
        is asked again at the end, question and all."""
        prompt = prompt_for(self.entries, index)
        if self.busy() or prompt is None:
            return
        old = self.entries[index]
        self.feedback.emit(old.provider, old.model, old.task, "regenerate")
        last = index == len(self.entries) - 1 and self.conversation_id is not None
        again = ask_again(self.entries, prompt, edited=False)
        if last:  # only a new answer follows: nothing to mark
            again = AskAgain(history_before(self.entries, prompt), None)
        self._start(self.entries[prompt].text, again, asked_again=last)

    def _rated(self, index: int, verdict: str) -> None:
        entry = self.entries[index]
        self.feedback.emit(entry.provider, entry.model, entry.task, verdict)


def live_state(entry: TranscriptEntry) -> ChipState:
    """While an answer is written and the box is empty: where it comes from now."""
    chip = route_chip(entry)
    if chip is None or chip.kind == "pending":
        return ChipState("checking", "Starting the answer…")
    return ChipState(LIVE_CHIP_KINDS.get(chip.kind, chip.kind), chip.text, chip.description)  # type: ignore[arg-type]


def put_back(draft: QPlainTextEdit, text: str) -> None:
    """A message that could not be sent goes back in the box, before anything typed since."""
    typed = draft.toPlainText()
    if typed.strip() and typed != text:
        text = f"{text}\n{typed}"
    draft.setPlainText(text)
    draft.moveCursor(draft.textCursor().MoveOperation.End)
