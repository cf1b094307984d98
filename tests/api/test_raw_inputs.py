"""Issue 16 #7: inputs that dropped the connection with no reply, printed a traceback, or were
accepted wrongly — sent as real bytes over a socket.  Each gets a clean, OpenAI-shaped 4xx, and
the server logs no traceback for any of them."""

from __future__ import annotations

import json
import logging

import pytest

from aideon_desktop.api.server import ApiServer
from tests.fake_cloud import FakeCloud
from tests.support.raw_http import connect, exchange, get, post, read_response

HI = b'{"role": "user", "content": "Name three colours"}'


def chat(*fields: bytes, messages: bytes = HI) -> bytes:
    return b'{"messages": [' + messages + b"]" + b"".join(b", " + f for f in fields) + b"}"


def assert_openai_error(response, status: int, param: str | None = None) -> dict:
    assert response.status == status, response.body
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"} and error["message"]
    if param is not None:
        assert error["param"] == param
    return error


BAD_BODIES = {
    "text part is a number": (
        chat(messages=b'{"role": "user", "content": [{"type": "text", "text": 5}]}'),
        "messages[0].content[0].text",
    ),
    "temperature NaN": (chat(b'"temperature": NaN'), "temperature"),
    "temperature -5": (chat(b'"temperature": -5'), "temperature"),
    "temperature inf": (chat(b'"temperature": 1e999'), "temperature"),
    "max_tokens true": (chat(b'"max_tokens": true'), "max_tokens"),
    "max_tokens 1e30": (chat(b'"max_tokens": 1e30'), "max_tokens"),
    "stream as a string": (chat(b'"stream": "false"'), "stream"),
    "nested 100k deep": (b'{"messages": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", None),
    "lone surrogate in an earlier message": (
        chat(messages=b'{"role": "system", "content": "notes \\udfff"}, ' + HI),
        None,
    ),
    "invalid utf-8": (chat(messages=b'{"role": "user", "content": "caf\xe9"}'), None),
    "not json": (b"model=aideon/auto&messages=hi", None),
    "last message not from the user": (
        chat(messages=HI + b', {"role": "assistant", "content": "Red"}'),
        "messages",
    ),
}


@pytest.mark.parametrize("raw_body, param", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_bad_json_bodies_get_a_clean_400(
    api: ApiServer, fake_cloud: FakeCloud, caplog, raw_body: bytes, param: str | None
) -> None:
    caplog.set_level(logging.DEBUG)
    response = exchange(api.port, post(api.port, raw_body, api.token))
    error = assert_openai_error(response, 400, param)
    assert error["type"] == "invalid_request_error"
    assert not response.closed_after, "a 400 for the body keeps the connection usable"
    assert fake_cloud.requests == [] and "Traceback" not in caplog.text


def test_stream_false_as_a_string_never_turns_streaming_on(api: ApiServer) -> None:
    response = exchange(api.port, post(api.port, chat(b'"stream": "false"'), api.token))
    assert response.status == 400 and "text/event-stream" not in response.headers["content-type"]


def test_content_length_abc_is_a_400_and_closes(api: ApiServer, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    response = exchange(api.port, post(api.port, b"{}", api.token, Content_Length="abc"))
    error = assert_openai_error(response, 400)
    assert "Content-Length" in error["message"] and response.closed_after
    assert "Traceback" not in caplog.text


def test_a_declared_huge_body_is_refused_before_it_is_sent(api: ApiServer) -> None:
    with connect(api.port) as sock:
        sock.sendall(post(api.port, b"", api.token, Content_Length=str(10**9)))
        response = read_response(sock)
    assert_openai_error(response, 413)
    assert response.closed_after, "the rest of the body is never read as a request"


def test_a_body_over_the_limit_is_413_and_its_bytes_are_never_a_request(api: ApiServer) -> None:
    # Before: the unread body of a 413 was parsed as the next request.  Here the body is
    # itself a request; it must never be answered.
    smuggled = get(api.port, api.token)
    filler = b" " * (api.limits.max_body_bytes + 10 - len(smuggled))
    body = filler + smuggled
    with connect(api.port) as sock:
        sock.sendall(post(api.port, body, api.token))
        response = read_response(sock)
    assert_openai_error(response, 413)
    assert response.closed_after


def test_a_client_that_sends_a_huge_body_anyway_still_reads_the_413(api: ApiServer) -> None:
    # Most clients send the whole body before reading.  The server half-closes and discards
    # the rest (bounded) instead of resetting the connection under the client's answer.
    smuggled = get(api.port, api.token)
    body = b" " * (4 * api.limits.max_body_bytes) + smuggled
    with connect(api.port) as sock:
        sock.sendall(post(api.port, body, api.token))
        response = read_response(sock)
    assert_openai_error(response, 413)
    assert response.closed_after


def chunked(*pieces: bytes) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


def chunked_post(port: int, token: str, body: bytes) -> bytes:
    head = post(port, b"", token).replace(b"Content-Length: 0\r\n", b"")
    return head.replace(b"\r\n\r\n", b"\r\nTransfer-Encoding: chunked\r\n\r\n") + body


def test_a_chunked_body_is_one_request_and_the_next_one_is_separate(
    api: ApiServer, fake_cloud: FakeCloud
) -> None:
    request = json.dumps(
        {"messages": [{"role": "user", "content": "Write a haiku about rain."}]}
    ).encode()
    body = chunked(request[:10], request[10:25], request[25:])
    with connect(api.port) as sock:
        sock.sendall(chunked_post(api.port, api.token, body) + get(api.port, api.token))
        first = read_response(sock)
        second = read_response(sock)
    assert first.status == 200 and first.json()["choices"][0]["message"]["content"]
    assert second.status == 200 and second.json()["object"] == "list"
    assert len(fake_cloud.chat_requests()) == 1


def test_a_chunked_body_over_the_limit_is_413(api: ApiServer) -> None:
    piece = b"x" * 32 * 1024
    count = api.limits.max_body_bytes // len(piece) + 2
    with connect(api.port) as sock:
        sock.sendall(chunked_post(api.port, api.token, chunked(*[piece] * count)))
        response = read_response(sock)
    assert_openai_error(response, 413)
    assert response.closed_after


def test_garbage_and_oversized_heads_get_json_errors(api: ApiServer) -> None:
    garbage = exchange(api.port, b"HELLO WORLD\r\n\r\n")
    assert_openai_error(garbage, 400)
    assert garbage.closed_after
    big = exchange(api.port, get(api.port, api.token, X_Padding="a" * 20_000))
    assert_openai_error(big, 431)


def test_unknown_paths_and_methods_are_json_too(api: ApiServer) -> None:
    assert_openai_error(exchange(api.port, get(api.port, api.token, path="/v1/nope")), 404)
    assert_openai_error(
        exchange(api.port, get(api.port, api.token, path="/v1/chat/completions")), 405
    )
