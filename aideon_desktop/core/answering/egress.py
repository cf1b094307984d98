"""What leaves the device.  The executor reaches every provider through ``open_stream``; a
provider that is not the user's own hardware gets a request only after every message in it —
system, assistant, user, whatever its origin — has been scanned clean.  Fail closed: a private
message stops the request before any byte is sent."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from aideon_desktop.core.answering.privacy_check import PrivacyCheck
from aideon_desktop.core.chat import GenerationParams, Message, StreamEvent
from aideon_desktop.core.errors import PrivateDataBlockedError
from aideon_desktop.core.providers.base import ChatProvider


class Egress:
    def __init__(self, privacy: PrivacyCheck) -> None:
        self._privacy = privacy

    def check(self, provider: ChatProvider, messages: Sequence[Message]) -> None:
        """Raise PrivateDataBlockedError unless ``messages`` may go to ``provider``."""
        if provider.trusted:
            return
        verdicts = self._privacy.verdicts([m.content for m in messages])
        for index, (message, verdict) in enumerate(zip(messages, verdicts, strict=True)):
            if verdict.sensitive:
                raise PrivateDataBlockedError(
                    f"Not sent: message {index + 1} ({message.role}) contains "
                    f"{verdict.summary().removesuffix(' detected')}, and "
                    f"{provider.name} is not your own hardware."
                )

    def open_stream(
        self,
        provider: ChatProvider,
        messages: Sequence[Message],
        model: str,
        params: GenerationParams,
    ) -> Iterator[StreamEvent]:
        self.check(provider, messages)
        return provider.stream(list(messages), model, params)
