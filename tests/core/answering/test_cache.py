"""The response cache: exact keys, cloud answers only."""

from __future__ import annotations

from pathlib import Path

import pytest

from aideon_desktop.core.answering import cache as cache_module
from aideon_desktop.core.answering.cache import ResponseCache
from aideon_desktop.core.chat import GenerationParams, Message, Usage
from aideon_desktop.core.config import RoutingSettings
from aideon_desktop.core.routing import Route
from aideon_desktop.core.store import Store
from tests.support.store_rows import finish_rows

CLOUD = Route("together", "t-small", "together:t-small")
LOCAL = Route("local", "smollm2", "SmolLM2", own_hardware=True)
MESSAGES = [Message("user", "Write a haiku")]


def test_keys_change_with_model_params_and_text() -> None:
    base = ResponseCache.key(MESSAGES, CLOUD, GenerationParams(), False)
    assert base == ResponseCache.key(
        [Message("user", " Write   a haiku ")], CLOUD, GenerationParams(), False
    )
    assert base != ResponseCache.key(
        MESSAGES, Route("together", "other", "x"), GenerationParams(), False
    )
    assert base != ResponseCache.key(MESSAGES, CLOUD, GenerationParams(temperature=0.2), False)
    assert base != ResponseCache.key(
        [Message("user", "Write a poem")], CLOUD, GenerationParams(), False
    )


def test_only_complete_cloud_answers_are_cached(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    cache = ResponseCache(store, RoutingSettings())
    usage = Usage(5, 3)
    assert cache.entry(MESSAGES, LOCAL, GenerationParams(), "hi", usage, None) is None
    assert cache.entry(MESSAGES, CLOUD, GenerationParams(), "", usage, None) is None
    entry = cache.entry(MESSAGES, CLOUD, GenerationParams(), "Rain on the roof", usage, None)
    finish_rows(store, cache=entry, cache_max_entries=10)
    text, cached = cache.lookup(MESSAGES, CLOUD, GenerationParams())
    assert text == "Rain on the roof" and cached.finish_reason == "cached"
    assert cache.lookup(MESSAGES, LOCAL, GenerationParams()) is None
    assert (
        ResponseCache(store, RoutingSettings(cache_max_entries=0)).lookup(
            MESSAGES, CLOUD, GenerationParams()
        )
        is None
    )
    store.close()


def test_an_answers_lookup_and_entry_hash_its_messages_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed = []
    real = cache_module.cache_key
    monkeypatch.setattr(cache_module, "cache_key", lambda *a: hashed.append(a) or real(*a))
    store = Store(tmp_path / "db.sqlite3")
    cache = ResponseCache(store, RoutingSettings())
    params, messages = GenerationParams(), tuple(MESSAGES)
    assert cache.lookup(messages, CLOUD, params) is None
    entry = cache.entry(messages, CLOUD, params, "Rain", Usage(5, 3), None)
    assert len(hashed) == 1
    other = cache.entry(tuple(MESSAGES), CLOUD, params, "Rain", Usage(5, 3), None)
    assert len(hashed) == 2, "another answer's messages: hashed anew"
    assert other.key == entry.key == ResponseCache.key(messages, CLOUD, params, False)
    store.close()
