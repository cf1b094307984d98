"""Issue 16 #9: Host and Origin are matched exactly against loopback names (DNS rebinding,
``http://localhost.evil.com``), the token is required, and there is no CORS."""

from __future__ import annotations

import stat

import pytest

from aideon_desktop.api.access import token_file
from aideon_desktop.api.server import ApiServer
from tests.support.raw_http import exchange, get


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}", "[::1]:{port}"],
)
def test_loopback_hosts_with_our_port_are_served(api: ApiServer, host: str) -> None:
    response = exchange(api.port, get(api.port, api.token, Host=host.format(port=api.port)))
    assert response.status == 200


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:{port}",  # DNS rebinding: the attacker's name now points at 127.0.0.1
        "localhost.evil.com:{port}",
        "127.0.0.1.nip.io:{port}",
        "127.0.0.1",  # no port
        "127.0.0.1:{other}",
        "0.0.0.0:{port}",
        "",
    ],
)
def test_other_hosts_are_refused(api: ApiServer, host: str) -> None:
    value = host.format(port=api.port, other=api.port + 1)
    response = exchange(api.port, get(api.port, api.token, Host=value))
    assert response.status in (400, 403), response.body  # h11 itself rejects an empty Host
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("http://localhost", True),
        ("http://localhost:3000", True),
        ("http://127.0.0.1:8080", True),
        ("http://[::1]:5173", True),
        ("http://localhost.evil.com", False),
        ("http://localhost:3000.evil.com", False),
        ("http://127.0.0.1.evil.com", False),
        ("https://localhost", False),
        ("http://evil.com", False),
        ("null", False),
        ("http://localhost:3000/path", False),
    ],
)
def test_origin_is_an_exact_loopback_match(api: ApiServer, origin: str, allowed: bool) -> None:
    response = exchange(api.port, get(api.port, api.token, Origin=origin))
    assert response.status == (200 if allowed else 403), (origin, response.body)
    assert "access-control-allow-origin" not in response.headers


def test_preflight_is_refused_and_the_token_is_required(api: ApiServer) -> None:
    preflight = get(api.port, api.token, Origin="http://localhost:3000").replace(
        b"GET ", b"OPTIONS ", 1
    )
    response = exchange(api.port, preflight)
    assert response.status == 403 and response.json()["error"]["code"] == "no_cors"
    assert exchange(api.port, get(api.port, "wrong")).status == 401
    no_token = get(api.port, api.token).replace(f"Bearer {api.token}".encode(), b"")
    assert exchange(api.port, no_token).status == 401


def test_the_token_file_is_readable_by_this_user_only(api: ApiServer) -> None:
    assert stat.S_IMODE(token_file().stat().st_mode) == 0o600
    token_file().chmod(0o644)  # loosened by hand: tightened again when read
    from aideon_desktop.api.access import load_or_create_token

    assert load_or_create_token() == api.token
    assert stat.S_IMODE(token_file().stat().st_mode) == 0o600
