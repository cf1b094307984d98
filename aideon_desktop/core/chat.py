"""What flows through providers: chat messages in, stream events out."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, Protocol

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    role: Role
    content: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


@dataclass(frozen=True)
class TextDelta:
    """A piece of the answer, in order."""

    text: str


@dataclass(frozen=True)
class Notice:
    """Something the user should see while waiting (model loading, provider switched…)."""

    kind: str
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


class ChatProvider(Protocol):
    """One protocol for every provider: stream text deltas, then exactly one Usage."""

    name: str

    def stream(
        self, messages: list[Message], model: str, params: GenerationParams
    ) -> Iterator[StreamEvent]: ...
