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


def _b64(n: int) -> str:
    return rand(n, string.ascii_letters + string.digits + "+/")


@pytest.mark.parametrize(
    "text",
    [
        # an OpenSSH key's middle pasted without its header ("openssh-key-v1" encoded)
        "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n" + _b64(60),
        "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC" + _b64(80),  # PKCS#8 RSA
        "key body: MIIEpAIBAAKCAQEA" + _b64(80),  # PKCS#1 RSA
        "MHcCAQEEI" + _b64(60),  # SEC1 EC (P-256)
        "MC4CAQAwBQYDK2VwBCIEI" + _b64(43),  # PKCS#8 Ed25519
        # a PEM private key base64-encoded again (kubeconfig client-key-data)
        "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVB" + _b64(40),
        "LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0K" + _b64(40),
    ],
)
def test_a_private_key_body_without_its_header(text: str) -> None:
    assert "private_key_body" in detectors(text)


@pytest.mark.parametrize(
    "text",
    [
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + _b64(300) + "IDAQAB",  # SPKI public
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + _b64(43) + " me@laptop",
        "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQG",
        "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t" + _b64(60),  # a certificate, encoded again
    ],
)
def test_public_keys_and_certificates_are_not_private_key_bodies(text: str) -> None:
    assert detectors(text) == []


@pytest.mark.parametrize(
    "header",
    [
        "-----BEGIN RSA PRIVATE KEY----",  # a dash lost in the paste
        "---- BEGIN OPENSSH PRIVATE KEY ----",
        "BEGIN EC PRIVATE KEY\n" + _b64(64),  # the dashes gone, the key's first line below
    ],
)
def test_a_private_key_header_with_its_dashes_mangled(header: str) -> None:
    assert "private_key" in detectors(header)


def test_a_question_about_the_header_is_no_key() -> None:
    assert detectors("What does BEGIN OPENSSH PRIVATE KEY mean at the top of the file?") == []


def test_telegram_token_inside_the_bot_api_url() -> None:
    url = f"https://api.telegram.org/bot7123456789:AA{rand(33)}/sendMessage"
    assert "telegram_token" in detectors(url)


def test_teams_webhook_url() -> None:
    guid = "3f9a8b7c-6d5e-4f3a-2b1c-0d9e8f7a6b5c"
    url = (
        f"https://acme.webhook.office.com/webhookb2/{guid}@{guid}/IncomingWebhook/{rand(32)}/{guid}"
    )
    assert "teams_webhook" in detectors(url)


@pytest.mark.parametrize(
    ("text", "password"),
    [
        ("WIFI:T:WPA;S:FRITZ!Box 7590 KL;P:sazrM9225ACe0;;", "sazrM9225ACe0"),
        ("WIFI:P:hunter22;S:Cafe;;", "hunter22"),  # the fields in any order
        (r"WIFI:S:My\;Net;T:WPA2;P:Tr0ub\;4dor;H:true;;", r"Tr0ub\;4dor"),  # escaped ";"
    ],
)
def test_wifi_qr_payload_password(text: str, password: str) -> None:
    found = [f for f in scan(text).findings if f.detector == "wifi_qr_password"]
    assert [text[f.start : f.end] for f in found] == [password]


@pytest.mark.parametrize(
    "text",
    [
        "What does WIFI:T:WPA;S:<ssid>;P:<password>;; mean in a QR code?",
        "WIFI:S:Cafe;T:WPA;P:password;;",
        "WIFI:T:nopass;S:Guest;;",  # an open network has no password
    ],
)
def test_wifi_qr_templates_are_not_passwords(text: str) -> None:
    assert "wifi_qr_password" not in detectors(text)


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.zapier.com/hooks/catch/4820193/3bq9xkf/",
        f"https://maker.ifttt.com/trigger/door_open/with/key/{rand(22)}",
        f"https://hook.eu1.make.com/{rand(32, string.ascii_lowercase + string.digits)}",
    ],
)
def test_automation_webhooks(url: str) -> None:
    assert "automation_webhook" in detectors(f"post it to {url} please")


def test_recovery_code_lists() -> None:
    github = "GitHub recovery codes, keep safe:\n834b3-8a7e5\n0cd9f-cfb45\n7cde8-77f13\n68d62-701c6"
    google = "Backup codes for my Google account: 8812 4471, 9930 1284, 5521 0098, 1843 6672"
    assert "recovery_code_list" in detectors(github)
    assert "recovery_code_list" in detectors(google)
    for text in (
        "recovery codes:\n1. xxxxx-xxxxx\n2. xxxxx-xxxxx\n3. xxxxx-xxxxx",
        "What are GitHub recovery codes and where do I find them?",
        "Backup codes: see page 2, 3, 4",
    ):
        assert "recovery_code_list" not in detectors(text)
