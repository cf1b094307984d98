"""The egress guard: nothing private reaches a provider that is not the user's hardware —
checked for every message of every role, before any byte is sent."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aideon_desktop.core.answering import AskRequest, Assistant
from aideon_desktop.core.answering.egress import Egress
from aideon_desktop.core.answering.privacy_check import PrivacyCheck
from aideon_desktop.core.chat import GenerationParams, Message
from aideon_desktop.core.config import PrivacySettings
from aideon_desktop.core.errors import AideonError, PrivateDataBlockedError
from aideon_desktop.core.providers.openai_compatible import (
    HttpProviderConfig,
    OpenAICompatibleProvider,
)
from tests.core.answering.conftest import no_local_model
from tests.fake_cloud import FakeCloud
from tests.support.catalogs import CATALOG

PRIVATE_VALUES = [
    "4539 1488 0343 6467",
    "GB82 WEST 1234 5698 7654 32",
    "jane.doe@fastmail.com",
    "my password is hunter2",
    "I was diagnosed with HIV last month",
    "ghp_4kR9vX2mQ7tY1wZ8pL3nB6cF0dH5jS9aE2uK",
]
PUBLIC_TEXTS = ["Write a haiku about rain.", "Sure, here it is.", "Be concise.", "Thanks!"]


def provider(fake: FakeCloud, *, trusted: bool) -> OpenAICompatibleProvider:
    config = HttpProviderConfig("together", "Together AI", fake.base_url, trusted=trusted)
    return OpenAICompatibleProvider(config, lambda: "tk-test-0123456789abcdef")


@pytest.mark.parametrize("role", ["system", "assistant", "user"])
def test_a_private_message_of_any_role_is_stopped_before_sending(role: str) -> None:
    guard = Egress(PrivacyCheck(PrivacySettings()))
    messages = [Message(role, "Notes: my email is jane.doe@fastmail.com"), Message("user", "Hi")]
    with FakeCloud() as fake:
        with pytest.raises(PrivateDataBlockedError, match=f"message 1 \\({role}\\)"):
            guard.open_stream(provider(fake, trusted=False), messages, "m", GenerationParams())
        assert fake.requests == []
        events = list(
            guard.open_stream(provider(fake, trusted=True), messages, "m", GenerationParams())
        )
        assert events and len(fake.chat_requests()) == 1


def test_the_block_message_never_repeats_the_value() -> None:
    guard = Egress(PrivacyCheck(PrivacySettings()))
    with FakeCloud() as fake, pytest.raises(PrivateDataBlockedError) as info:
        guard.check(
            provider(fake, trusted=False), [Message("user", "IBAN GB82 WEST 1234 5698 7654 32")]
        )
    assert "GB82" not in str(info.value) and "bank details" in str(info.value)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    turns=st.lists(
        st.tuples(st.sampled_from(["system", "user", "assistant"]), st.sampled_from(PUBLIC_TEXTS)),
        min_size=0,
        max_size=4,
    ),
    prompt=st.sampled_from(PUBLIC_TEXTS),
    value=st.sampled_from(PRIVATE_VALUES),
    where=st.integers(min_value=0, max_value=4),
    offset=st.floats(min_value=0, max_value=1),
)
def test_property_a_private_value_anywhere_never_reaches_the_cloud(
    clouds, tmp_path: Path, turns, prompt, value, where, offset
) -> None:
    together, hf = clouds
    texts = [text for _role, text in turns] + [prompt]
    index = min(where, len(texts) - 1)
    cut = int(len(texts[index]) * offset)
    texts[index] = f"{texts[index][:cut]} {value} {texts[index][cut:]}"
    history = tuple(Message(role, text) for (role, _), text in zip(turns, texts, strict=False))
    assistant = Assistant(no_local_model(tmp_path), catalog=CATALOG, use_store=False)
    for mask in (False, True):
        with contextlib.suppress(AideonError):
            assistant.ask(AskRequest(texts[-1], history=history, mask_and_send=mask)).drain()
    assistant.close()
    sent = [str(r["body"]) for r in together.requests + hf.requests]
    for body in sent:
        assert value not in body and value.replace(" ", "") not in body
    assert all("hunter2" not in body and "HIV" not in body for body in sent)
