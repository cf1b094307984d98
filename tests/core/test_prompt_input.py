"""What the user typed: clear errors for empty, huge and binary input; nothing lost otherwise."""

from __future__ import annotations

import pytest

from aideon_desktop.core.errors import InputError
from aideon_desktop.core.prompt_input import MAX_PROMPT_CHARS, clean_prompt, decode_stdin_bytes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("  \n\t ", "empty"),
        ("x" * (MAX_PROMPT_CHARS + 1), "limit"),
        ("\x01\x02\x03\x04" * 10, "binary"),
    ],
)
def test_unusable_input_is_named(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        clean_prompt(text)


def test_stray_nuls_and_lone_surrogates_are_removed_not_fatal() -> None:
    assert clean_prompt("Hello\x00 world") == "Hello world"
    cleaned = clean_prompt("caf\udce9 menu")
    assert cleaned.startswith("caf") and cleaned.endswith(" menu")
    cleaned.encode("utf-8")  # always encodable


def test_stdin_must_be_utf8() -> None:
    assert decode_stdin_bytes("héllo".encode()) == "héllo"
    with pytest.raises(InputError, match="offset 2"):
        decode_stdin_bytes(b"ab\xff")
