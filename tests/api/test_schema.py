"""The request model on its own: every field validated, errors name the field, never the value."""

from __future__ import annotations

import json

import pytest

from aideon_desktop.api.errors import ApiError
from aideon_desktop.api.schema import AUTO_MODEL, parse_chat_request

USER = {"role": "user", "content": "Name three colours"}


def body(**fields) -> bytes:
    return json.dumps({"messages": [USER], **fields}).encode()


def rejected(raw: bytes) -> ApiError:
    with pytest.raises(ApiError) as info:
        parse_chat_request(raw)
    assert info.value.status == 400
    return info.value


def test_a_valid_request_becomes_a_call() -> None:
    call = parse_chat_request(
        json.dumps(
            {
                "model": "together:t-small",
                "messages": [
                    {"role": "developer", "content": "Be brief."},
                    {"role": "assistant", "content": None},
                    {
                        "role": "user",
                        "content": [
                            {"type": "text", "text": "Hi "},
                            {"type": "text", "text": "there"},
                        ],
                    },
                ],
                "stream": True,
                "max_completion_tokens": 32,
                "temperature": 1,
                "top_p": 0.5,
                "n": 1,
                "stop": ["\n"],
                "unknown_field": {"ignored": True},
            }
        ).encode()
    )
    assert call.prompt == "Hi there" and call.stream is True and call.model == "together:t-small"
    assert [(m.role, m.content) for m in call.history] == [
        ("system", "Be brief."),
        ("assistant", ""),
    ]
    assert call.params.max_tokens == 32 and call.params.temperature == 1.0
    assert parse_chat_request(body()).model == AUTO_MODEL


@pytest.mark.parametrize(
    ("fields", "param"),
    [
        ({"max_tokens": True}, "max_tokens"),
        ({"max_tokens": 1e30}, "max_tokens"),
        ({"max_tokens": 5.0}, "max_tokens"),
        ({"max_tokens": -1}, "max_tokens"),
        ({"max_tokens": "16"}, "max_tokens"),
        ({"temperature": -5}, "temperature"),
        ({"temperature": 1e30}, "temperature"),
        ({"temperature": "0.5"}, "temperature"),
        ({"top_p": 2}, "top_p"),
        ({"n": 2}, "n"),
        ({"stream": "false"}, "stream"),
        ({"stream": 0}, "stream"),
        ({"model": 5}, "model"),
        ({"stream_options": {"include_usage": "yes"}}, "stream_options.include_usage"),
        ({"messages": []}, "messages"),
        ({"messages": "hi"}, "messages"),
        ({"messages": [{"role": "tool", "content": "x"}]}, "messages[0].role"),
        ({"messages": [{"role": "user", "content": 5}]}, "messages[0].content"),
        (
            {"messages": [{"role": "user", "content": [{"type": "text", "text": 5}]}]},
            "messages[0].content[0].text",
        ),
        (
            {"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {}}]}]},
            "messages[0].content[0].type",
        ),
        ({"messages": [{"role": "user"}]}, "messages[0].content"),
        ({"messages": [USER, {"role": "assistant", "content": "Red"}]}, "messages"),
    ],
)
def test_every_field_is_checked(fields: dict, param: str) -> None:
    error = rejected(body(**fields))
    assert error.param == param
    assert f"'{param}'" in error.message or error.code == "invalid_messages"


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity"])
def test_non_finite_numbers_are_refused(literal: bytes) -> None:
    raw = b'{"messages": [{"role": "user", "content": "hi"}], "temperature": ' + literal + b"}"
    assert rejected(raw).param == "temperature"


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"[" * 100_000,
        b'{"messages": [{"role": "user", "content": "\\ud800"}, '
        + b'{"role": "user", "content": "hi"}]}',
        b'{"messages": [{"role": "system", "content": "a\\udc00b"}, {"role": "user", "content": "hi"}]}',
        b'{"messages": [{"role": "user", "content": "\xed\xa0\x80"}]}',  # a surrogate in UTF-8
        b'{"messages": [{"role": "user", "content": "\xff"}]}',
        b"",
    ],
    ids=[
        "malformed",
        "nested 100k deep",
        "lone high surrogate",
        "lone low surrogate",
        "utf-8 surrogate",
        "invalid utf-8",
        "empty",
    ],
)
def test_unparsable_bodies_are_a_clean_400(raw: bytes) -> None:
    error = rejected(raw)
    assert error.code == "invalid_json" and "not valid JSON" in error.message


def test_a_json_array_is_not_a_request() -> None:
    assert rejected(b"[1, 2]").message == "The request body must be a JSON object."


def test_errors_never_echo_the_value() -> None:
    error = rejected(
        body(messages=[{"role": "user", "content": [{"type": "text", "text": 4539148803436467}]}])
    )
    assert "4539148803436467" not in error.message
