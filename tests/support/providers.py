"""Shared pieces for provider tests: fake-cloud fixtures, a provider factory, a retry wrapper."""

from __future__ import annotations

import random

from aideon_desktop.core.chat import GenerationParams, Message
from aideon_desktop.core.providers.huggingface import HuggingFaceProvider
from aideon_desktop.core.providers.openai_compatible import HttpProviderConfig
from aideon_desktop.core.providers.resilience import with_retries
from aideon_desktop.core.providers.together import TogetherProvider
from tests.fake_cloud import FakeCloud
from tests.support.streams import collect_events

KEY = "tk-live-7d1f0c9a8b6e5d4c3b2a1f0e9d8c7b6a"
MESSAGES = [Message("user", "Say hello")]


def collect(events):
    deltas, usage, notices = collect_events(events)
    return "".join(deltas), usage, notices


def make(fake: FakeCloud, cls=TogetherProvider, read_timeout: float = 5.0, **kw):
    config = HttpProviderConfig(
        fake.flavor,
        fake.flavor.title(),
        fake.base_url,
        connect_timeout_s=2,
        read_timeout_s=read_timeout,
    )
    if cls is HuggingFaceProvider:
        return cls(config, lambda: KEY, legacy_base_url=fake.root_url, **kw)
    return cls(config, lambda: KEY)


def retrying(provider, sleeps: list[float] | None = None, messages=MESSAGES, model="m"):
    recorder = sleeps if sleeps is not None else []
    return with_retries(
        lambda: provider.stream(messages, model, GenerationParams()),
        sleep=recorder.append,
        rng=random.Random(1),
    )
