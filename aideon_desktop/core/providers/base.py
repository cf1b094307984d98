"""The one protocol every provider speaks, and the optional capabilities a provider declares.

A provider streams ``TextDelta`` events (and ``Notice``s while it waits), then exactly one
``Usage``.  Whether it may see private prompts is ``trusted``: only providers running on the
user's own hardware are.  Optional capabilities are declared in the provider's registry row
(``resources/providers.toml``), never probed with ``hasattr``; a provider that declares one
implements the matching protocol below.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal, Protocol

from aideon_desktop.core.chat import GenerationParams, Message, StreamEvent

Capability = Literal["models", "prices"]


class ChatProvider(Protocol):
    name: str  # registry key: "local", "together", "huggingface", …
    trusted: bool  # runs on the user's own hardware: may receive private prompts

    def stream(
        self, messages: list[Message], model: str, params: GenerationParams
    ) -> Iterator[StreamEvent]: ...

    def close(self) -> None: ...


class ListsModels(Protocol):
    """Capability "models": ``GET /models``, also the cheap health probe."""

    def list_models(self) -> Any: ...


class ReportsPrices(Protocol):
    """Capability "prices": model id → (input, output) USD per 1M tokens, from the provider."""

    def prices(self) -> dict[str, tuple[Decimal, Decimal]]: ...
