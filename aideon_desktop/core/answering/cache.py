"""Exact-match response cache for cloud answers (never private or masked ones)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aideon_desktop.core.chat import GenerationParams, Message, Usage
from aideon_desktop.core.config import RoutingSettings
from aideon_desktop.core.routing import Route
from aideon_desktop.core.store.keys import cache_key

if TYPE_CHECKING:
    from aideon_desktop.core.store import Store


class ResponseCache:
    def __init__(self, store: Store | None, settings: RoutingSettings) -> None:
        self._store = store
        self._settings = settings
        # The last key made: an answer's lookup and its entry hash the same messages (the
        # plan's tuple, compared by identity), so they are hashed once.
        self._last: tuple[Sequence[Message], Route, GenerationParams, str] | None = None

    @property
    def enabled(self) -> bool:
        return self._store is not None and self._settings.cache_max_entries > 0

    @property
    def max_entries(self) -> int:
        return self._settings.cache_max_entries

    @staticmethod
    def key(
        messages: Sequence[Message], route: Route, params: GenerationParams, private: bool
    ) -> str:
        return cache_key(
            [(m.role, m.content) for m in messages],
            route.provider,
            route.model,
            {"max_tokens": params.max_tokens, "temperature": params.temperature},
            private,
        )

    def _key_of(self, messages: Sequence[Message], route: Route, params: GenerationParams) -> str:
        last = self._last
        if last is not None and last[0] is messages and last[1] == route and last[2] is params:
            return last[3]
        key = self.key(messages, route, params, False)
        self._last = (messages, route, params, key)
        return key

    def lookup(
        self, messages: Sequence[Message], route: Route, params: GenerationParams
    ) -> tuple[str, Usage] | None:
        if not self.enabled or route.own_hardware:
            return None
        entry = self._store.cache_get(  # type: ignore[union-attr]
            self._key_of(messages, route, params), self._settings.cache_ttl_hours
        )
        if entry is None:
            return None
        usage = Usage(
            entry.prompt_tokens,
            entry.completion_tokens,
            finish_reason="cached",
            time_to_first_token_s=0.0,
            total_time_s=0.0,
        )
        return entry.text, usage

    def entry(
        self,
        messages: Sequence[Message],
        route: Route,
        params: GenerationParams,
        text: str,
        usage: Usage,
        conversation_id: int | None,
    ) -> Any:
        """The row to store for a complete cloud answer, or None when it must not be cached."""
        if not self.enabled or route.own_hardware or not text:
            return None
        from aideon_desktop.core.store.models import CacheEntry, plain_row

        return plain_row(
            CacheEntry,
            key=self._key_of(messages, route, params),
            private=False,
            conversation_id=conversation_id,
            provider=route.provider,
            model=route.model,
            text=text,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
        )
