"""Published credential formats, and JWTs."""

from __future__ import annotations

import random
import string

import pytest

from aideon_desktop.core.privacy import scan
from aideon_desktop.core.privacy.detectors.secret_shapes import secret_patterns

RNG = random.Random(11)


def rand(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(RNG.choice(alphabet) for _ in range(n))


def detectors(text: str) -> list[str]:
    return [f.detector for f in scan(text).findings if f.category == "secret"]


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("ghp_" + rand(36), "github_token"),
        ("AKIA" + rand(16, string.ascii_uppercase + string.digits), "aws_access_key"),
        ("sk-proj-" + rand(120), "openai_key"),
        (
            "xoxb-263594206564-2343594206574-" + rand(24, string.ascii_lowercase + string.digits),
            "slack_token",
        ),
        ("glpat-" + rand(20), "gitlab_token"),
        ("hvs." + rand(90), "vault_token"),
        ("ntn_" + rand(11, string.digits) + rand(35), "notion_token"),
        ("sk_live_" + rand(40), "stripe_secret_key"),
        ("rk_prod_" + rand(30), "stripe_restricted_key"),
        ("1234567890:" + rand(35), "telegram_token"),
    ],
)
def test_known_shapes(value: str, name: str) -> None:
    assert name in detectors(f"please rotate {value} today"), value


def test_placeholder_bodies_are_not_secrets() -> None:
    assert not detectors("STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx")
    assert not detectors("AKIAXXXXXXXXXXXXXXXX")


def test_private_key_block() -> None:
    assert "private_key" in detectors("-----BEGIN RSA PRIVATE KEY-----\nMIIEow...")


def test_jwt_and_the_jwt_io_sample() -> None:
    token = (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQ4MiIsImV4cCI6MTg5MzQ1NjAwMH0."
        "c2lnbmF0dXJlLWJ5dGVz"
    )
    assert "jwt" in detectors(f"my session {token}")


def test_every_pattern_declares_an_anchor() -> None:
    for pattern in secret_patterns():
        assert pattern.anchors, pattern.name


@pytest.mark.parametrize(
    "value",
    [
        "GOCSPX-" + "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9v",
        "dO29Q~F5-VwnW.lZdd11xFF_t5NAXCaGwDl9NbT1",
        "https://discord.com/api/webhooks/123456789012345678/" + "aB1_" * 17,
        "HRKU-" + "a1B2c3D4e5" * 6,
        "v1.0-" + "0a" * 12 + "-" + "f1" * 73,
    ],
)
def test_round3_shapes_in_any_frame(value: str) -> None:
    for frame in (
        "{v}",
        "export TOKEN={v}",
        '{{"apiKey": "{v}"}}',
        "mein Schlüssel {v} geht nicht",
    ):
        assert scan(frame.format(v=value)).sensitive, frame


def test_onepassword_secret_key() -> None:
    for key in (
        "A3-ASWWYB-798JRY-LJVD4-23DC2-86TVM-H43EB",
        "A3-K7QW2P-4XR9MZ8LT3V-Q6N2B-J5H8D-W1C4F",
    ):
        assert [f.detector for f in scan(f"my secret key {key}").findings] == [
            "onepassword_secret_key"
        ]
    assert not scan("A3-XXXXXX-XXXXXXXXXXX-XXXXX-XXXXX-XXXXX").findings
