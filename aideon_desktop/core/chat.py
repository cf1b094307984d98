"""What flows through providers: chat messages in, stream events out."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from aideon_desktop.core.providers.deadline import Deadline

Role = Literal["system", "user", "assistant"]

# What a notice is about; the UI and CLI act on the kind, never on the English text.
NoticeKind = Literal[
    "answering",  # a route starts answering (message: its display name)
    "model_loading",  # a model is loading (on this device or at Hugging Face)
    "retrying",  # a provider failed; the same provider is tried again after a delay
    "failover",  # a provider failed before any text; the next route is tried
    "restart",  # a provider broke off mid-answer; the answer is redone on the next route
    "cache_hit",  # answered from the local response cache
    "budget_warning",  # a spending cap is near or reached
    "history_unavailable",  # the store cannot save history; answers still work
    "history_info",  # one-time news about history (e.g. it was encrypted, where the backup is)
]


@dataclass(frozen=True)
class Message:
    role: Role
    content: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


def latest_answers(turns: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """(role, text) turns as a model is shown them: an answer followed by another answer was
    regenerated, and only the newer one stays (the stored history and the chat's "ask again"
    both read a conversation so)."""
    kept = []
    for i, (role, text) in enumerate(turns):
        regenerated = role == "assistant" and i + 1 < len(turns) and turns[i + 1][0] == role
        if not regenerated:
            kept.append((role, text))
    return tuple(kept)


@dataclass(frozen=True)
class TextDelta:
    """A piece of the answer, in order."""

    text: str


@dataclass(frozen=True)
class Notice:
    """Something the user should see while waiting (model loading, provider switched…)."""

    kind: NoticeKind
    message: str


@dataclass(frozen=True)
class Usage:
    """Always the last event of a completed stream."""

    prompt_tokens: int
    completion_tokens: int
    estimated: bool = False
    finish_reason: str = "stop"
    time_to_first_token_s: float | None = None
    total_time_s: float | None = None

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


StreamEvent = TextDelta | Notice | Usage


@dataclass
class GenerationParams:
    max_tokens: int | None = None
    temperature: float | None = None
    cancel: threading.Event = field(default_factory=threading.Event)
    # When the answer's time budget ends: a provider waits for a first token no longer than
    # this (set per route by the executor; None: only the provider's own timeouts apply).
    deadline: Deadline | None = None
