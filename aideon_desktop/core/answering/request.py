"""What a caller (chat window, quick prompt, CLI, local API) asks the assistant to do."""

from __future__ import annotations

from dataclasses import dataclass, field

from aideon_desktop.core.chat import GenerationParams, Message


@dataclass(frozen=True)
class AskRequest:
    prompt: str
    # Earlier turns given by the caller (the local API, or "edit & resend" in the chat, which
    # keeps only the turns before the edited message); None means the stored conversation's.
    # Every message, whatever its role, is scanned before it may leave.
    history: tuple[Message, ...] | None = None
    conversation_id: int | None = None
    new_conversation: bool = False  # start a stored conversation when none is given
    force_local: bool = False  # "keep on device"
    force_cloud: bool = False  # never overrides privacy
    mask_and_send: bool | None = None  # None: the user's setting
    pinned: tuple[str, str] | None = None  # (provider, model), else the conversation's pin
    # Regenerate: the prompt is already the conversation's last message, so only the new reply
    # is written (a second copy of the question appeared in the chat and in the history).
    prompt_stored: bool = False
    # Edit & resend, or Regenerate of an earlier answer: which of the user's questions in the
    # conversation (0 = the first) this prompt asks again, stored with the prompt so a reopened
    # chat still marks the new question; ``edited``: the user changed it (Edit & resend).
    asks_again: int | None = None
    edited: bool = False
    params: GenerationParams = field(default_factory=GenerationParams)
