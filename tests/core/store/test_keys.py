"""The response cache key: equal for the same request however it is spaced, different for
anything that changes the answer (model, sampling, privacy class, wording)."""

from __future__ import annotations

from aideon_desktop.core.store.keys import cache_key

MESSAGES = [("system", "Be brief."), ("user", "What is  the capital\nof France?")]
PARAMS = {"max_tokens": 64, "temperature": 0.2}


def key(**changes: object) -> str:
    args: dict = {
        "messages": MESSAGES,
        "provider": "together",
        "model": "m",
        "params": PARAMS,
        "private": False,
    }
    args.update(changes)
    return cache_key(**args)


def test_whitespace_does_not_change_the_key() -> None:
    spaced = [("system", "Be   brief."), ("user", "What is the capital of France? ")]
    assert key() == key(messages=spaced) and len(key()) == 64


def test_anything_that_changes_the_answer_changes_the_key() -> None:
    others = {
        key(model="other"),
        key(provider="huggingface"),
        key(params={"max_tokens": 64, "temperature": 0.9}),
        key(private=True),
        key(messages=[("user", "What is the capital of Spain?")]),
        key(messages=[("assistant", "What is the capital of France?")]),
    }
    assert key() not in others and len(others) == 6


def test_parameter_order_does_not_matter() -> None:
    assert key(params={"temperature": 0.2, "max_tokens": 64}) == key()
