"""Public IP addresses locate a person; private ranges and resolvers do not."""

from __future__ import annotations

from aideon_desktop.core.privacy import scan


def ips(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text).findings if f.detector == "ip_address"]


def test_public_addresses() -> None:
    assert ips("my home IP is 81.2.69.160") == ["81.2.69.160"]
    assert ips("server 2a00:1450:4001:82a::200e is mine")


def test_not_personal() -> None:
    assert not ips("router at 192.168.0.1")
    assert not ips("DNS 8.8.8.8")
    assert not ips("version 10.2.35.2 released")
    assert not ips("::ffff:256.0.0.1")
