"""Issue 16 #9: the server's timeouts and limits, and quiet logs when clients misbehave.

Before: no socket timeouts (1,000 half-sent requests held 1,001 threads) and a traceback for
every aborted connection.  The limits here are the short ones from conftest.FAST; each test
compares what happens against them with generous margins, never against a fixed time."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time

import pytest

from aideon_desktop.api.server import ApiServer
from tests.support.raw_http import RawConnection, connect, exchange, get, post

MARGIN_S = 10.0  # a busy CI machine is slow; a missing timeout would take forever, not 10 s


def half_request(port: int) -> bytes:
    return (
        f"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: a"
    ).encode()


def wait_for_close(conn: RawConnection, within_s: float) -> bytes:
    """Everything the server sends until it closes; fails if it is still open after ``within_s``."""
    conn.sock.settimeout(within_s)
    received = conn.buffer
    try:
        while piece := conn.sock.recv(65536):
            received += piece
    except ConnectionResetError:
        pass
    return received


def status_of(raw: bytes) -> int | None:
    return int(raw.split(b" ", 2)[1]) if raw.startswith(b"HTTP/1.1 ") else None


def test_a_slowloris_is_bounded(api: ApiServer) -> None:
    """300 connections that never finish their headers: at most max_connections are held, the
    rest are refused at once (503), the held ones are cut at the header timeout (408), no
    thread is created for any of them, and the server answers normally afterwards."""
    limits = api.limits
    threads_before = threading.active_count()
    conns: list[RawConnection] = []
    most_open = 0
    for _ in range(300):
        conn = connect(api.port)
        conn.sendall(half_request(api.port))
        conns.append(conn)
        most_open = max(most_open, api.open_connections)
    threads_during = threading.active_count()
    started = time.monotonic()
    statuses = [status_of(wait_for_close(c, limits.header_timeout_s + MARGIN_S)) for c in conns]
    all_closed_after = time.monotonic() - started
    for conn in conns:
        conn.sock.close()
    assert most_open <= limits.max_connections
    assert threads_during <= threads_before + 1  # the event loop holds sockets, not threads
    assert set(statuses) <= {408, 503} and statuses.count(408) <= limits.max_connections
    assert statuses.count(503) >= 300 - limits.max_connections
    assert all_closed_after < limits.header_timeout_s + MARGIN_S
    assert exchange(api.port, get(api.port, api.token)).status == 200


def test_trickling_the_headers_does_not_extend_the_header_timeout(api: ApiServer) -> None:
    head = get(api.port, api.token)
    started = time.monotonic()
    with connect(api.port) as conn:
        sent = 0
        try:
            for byte in head[:-2]:  # never quite finishes
                conn.sendall(bytes([byte]))
                sent += 1
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            pass
        received = wait_for_close(conn, MARGIN_S)
    assert status_of(received) == 408 and sent < len(head) - 2
    assert time.monotonic() - started < api.limits.header_timeout_s + MARGIN_S


def test_a_body_that_never_arrives_gets_a_408(api: ApiServer) -> None:
    with connect(api.port) as conn:
        conn.sendall(post(api.port, b'{"messages": [', api.token, Content_Length="200"))
        started = time.monotonic()
        response = conn.read_response()
        waited = time.monotonic() - started
    assert response.status == 408 and response.json()["error"]["code"] == "timeout"
    assert response.closed_after and waited < api.limits.body_timeout_s + MARGIN_S


def test_an_idle_keep_alive_connection_is_closed(api: ApiServer) -> None:
    with connect(api.port) as conn:
        conn.sendall(get(api.port, api.token))
        assert conn.read_response().status == 200
        started = time.monotonic()
        assert wait_for_close(conn, api.limits.idle_timeout_s + MARGIN_S) == b""
    assert time.monotonic() - started < api.limits.idle_timeout_s + MARGIN_S


def test_a_connection_that_sends_nothing_is_closed(api: ApiServer) -> None:
    with connect(api.port) as conn:
        received = wait_for_close(conn, api.limits.header_timeout_s + MARGIN_S)
    assert status_of(received) == 408


def abort(sock: socket.socket) -> None:
    """Close with a reset, as a killed client does."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    sock.close()


PRIVATE_STREAM = json.dumps(
    {
        "messages": [{"role": "user", "content": "My card is 4539 1488 0343 6467. Count to 50."}],
        "stream": True,
        "max_tokens": 64,
    }
).encode()


@pytest.mark.parametrize("when", ["mid-headers", "mid-body", "while answering", "mid-stream"])
def test_client_aborts_leave_no_traceback(
    api: ApiServer, local_provider, caplog, capfd, when: str
) -> None:
    caplog.set_level(logging.DEBUG)
    request = post(api.port, PRIVATE_STREAM, api.token)
    if when == "while answering":
        request = request.replace(b'"stream": true', b'"stream": false')
    conn = connect(api.port)
    cut = {"mid-headers": 40, "mid-body": len(request) - 20}.get(when, len(request))
    conn.sendall(request[:cut])
    if when == "mid-stream":
        received = b""
        while b"data: " not in received:  # the answer is streaming
            received += conn.sock.recv(65536)
    elif when == "while answering":
        time.sleep(0.3)
    abort(conn.sock)
    # The server notices, cancels the answer (the local model is free again) and logs nothing.
    assert local_provider._generation_lock.acquire(timeout=MARGIN_S)
    local_provider._generation_lock.release()
    assert exchange(api.port, get(api.port, api.token)).status == 200
    logged = caplog.text + capfd.readouterr().err
    assert "Traceback" not in logged and not any(r.exc_info for r in caplog.records)
    assert not any(r.levelno >= logging.ERROR for r in caplog.records), logged


def test_stopping_with_an_unfinished_answer_ends_it_cleanly(
    api: ApiServer, fake_cloud, caplog, capfd
) -> None:
    caplog.set_level(logging.DEBUG)
    fake_cloud.script({"kind": "silent", "seconds": 60})  # the cloud never starts answering
    body = json.dumps(
        {"messages": [{"role": "user", "content": "Write a haiku about rain."}], "stream": True}
    ).encode()
    with connect(api.port) as conn:
        conn.sendall(post(api.port, body, api.token))
        received = b""
        while b"data: " not in received:  # headers and the first (empty) chunk are out
            received += conn.sock.recv(65536)
        api.stop()
        received += wait_for_close(conn, MARGIN_S)
    assert b"shutting down" in received and received.endswith(b"0\r\n\r\n")
    logged = caplog.text + capfd.readouterr().err
    assert "Traceback" not in logged and not any(r.exc_info for r in caplog.records)
