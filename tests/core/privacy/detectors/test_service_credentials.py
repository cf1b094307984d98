"""Credentials keyed by their service or a credential word, with a generated-looking value
(service_credentials.py, _service_keys.py), and the own cases of tests/data/privacy_secrets4."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aideon_desktop.core.privacy import scan
from aideon_desktop.core.privacy.detectors._service_keys import (
    generated_value,
    key_meaning,
    vocabulary,
)
from aideon_desktop.core.privacy.detectors.service_credentials import (
    _KEY_AT_END,
    key_search_start,
)

CASES = Path(__file__).resolve().parents[3] / "data" / "privacy_secrets4.jsonl"


def found(text: str) -> list[tuple[str, str, str]]:
    return [
        (f.detector, text[f.start : f.end], f.reason)
        for f in scan(text).findings
        if f.category == "secret"
    ]


@pytest.mark.parametrize(
    ("text", "value", "reason"),
    [
        (
            "railway = 'a52a85d1-33c4-4808-8fa0-c375f3c6013a'",
            "a52a85d1-33c4-4808-8fa0-c375f3c6013a",
            "Railway API token",
        ),
        ('export SUMOLOGIC_ACCESSID="suDbJw97o9WVo0"', "suDbJw97o9WVo0", "Sumo Logic access ID"),
        ("SUMO_ACCESS_ID=suQw8Er5Ty2Ui", "suQw8Er5Ty2Ui", "Sumo Logic access ID"),
        (
            '{"railway": "7c1e4a9f-2b3d-4e5f-8a6b-9c0d1e2f3a4b"}',
            "7c1e4a9f-2b3d-4e5f-8a6b-9c0d1e2f3a4b",
            "Railway API token",
        ),
        (
            '  - name: RAILWAY_TOKEN\n    value: "c2f8e4a6-1b3d-4f5e-9a7c-8d6e0f2a4b1c"',
            "c2f8e4a6-1b3d-4f5e-9a7c-8d6e0f2a4b1c",
            "Railway token",
        ),
        (
            "Unser Railway-Token lautet 7c1e4a9f-2b3d-4e5f-8a6b-9c0d1e2f3a4b, bitte.",
            "7c1e4a9f-2b3d-4e5f-8a6b-9c0d1e2f3a4b",
            "Railway token",
        ),
        (
            "A chave do Vercel é Vk8Hq2Zr7Xw4Nt1Lp9Bm3Cj6",
            "Vk8Hq2Zr7Xw4Nt1Lp9Bm3Cj6",
            "Vercel API token",
        ),
    ],
)
def test_keyed_by_service(text: str, value: str, reason: str) -> None:
    """Found, and named after its service (in prose a label detector of the same tier may
    claim the same span first: then its finding stands)."""
    hits = found(text)
    assert ("service_credential", value, reason) in hits or [v for _d, v, _r in hits] == [value]


@pytest.mark.parametrize(
    "text",
    [
        'accessibilityYesOptionId = "0736f5ef-7e88-499a-80cc-90c85d2a5180"',
        "vault role_id = '12345678-1234-1234-1234-123456789abc'",
        'railway_project_id = "3f9c2e71-8b4d-4a6e-9d0f-12ab34cd56ef"',
        "webex = 'asdf1234qwer5678zxcv9012lkjh_asdf_qwer3456-qwer-vbnm-asdf-zxcvbnmasdfgh'",
        'this.ultraPictureBox1.Name = "ultraPictureBox1";',
        "SUMOLOGIC_ACCESSID=${SUMO_ACCESS_ID}",
        "RAILWAY_TOKEN=<your-railway-token>",
        "[DEBUG] braintrust_key=sk-1234",
        "Mein Railway-Projekt heißt 7c1e4a9f-2b3d-4e5f-8a6b-9c0d1e2f3a4b",
        "stripe: cus_NffrFeUfNV2Hib",
        "Stripe payment intent: pi_3MtwBwLkdIwHu7ix28a3tqPa",
        'cache_key = "user:42:profile"',
        "Figma file key: FqT7aB3xK9mQ2wZ8",
        "Key: Q4-2024-REV-FINAL",
        ": export OP_SERVICE_ACCOUNT_TOKEN=ops_eyJzaWduSW5BZGRyZXNzIjoiaHR0cHM6...",
    ],
)
def test_not_a_credential(text: str) -> None:
    assert found(text) == []


def test_key_meaning() -> None:
    assert key_meaning("SumoLogicAccessID") is not None
    assert key_meaning("bot_token2").noun == "token"  # type: ignore[union-attr]
    assert key_meaning("youtubeapikey").service == "YouTube"  # type: ignore[union-attr]
    assert key_meaning("railway_environment") is None
    assert key_meaning("sentry_org_id") is None
    assert key_meaning("primary_key") is None


def test_generated_value() -> None:
    assert generated_value("suDbJw97o9WVo0")
    assert generated_value("wdvnousa87acfxp9ioasrea4tbeasrfa")
    assert generated_value("7KQ2M-XR9PD-4HTWB-GV83C-JN6YF")
    for made_by_hand in (
        "ORD-2024-118734",
        "4.12.0-rc.3+build.20241103",
        "release20241103",
        "getPagesInConfluenceSpace",
        "a1b2c3d4e5f6g7h8i9j0",
        "products_2024_v3_en",
        "20241103123045",
    ):
        assert not generated_value(made_by_hand), made_by_hand
    assert not generated_value("a52a85d1-33c4-4808-8fa0-c375f3c6013a", strict=True)


def test_service_list_is_broad() -> None:
    assert len(vocabulary().services) >= 800


@pytest.mark.parametrize(
    ("key", "service"),
    [
        # round ten: names from gitleaks' keyword rules and trufflehog's detector list, and
        # the short forms keys use
        ("WANDB_API_KEY", "Weights & Biases"),
        ("travis_token", "Travis CI"),
        ("TOGETHER_API_KEY", "Together AI"),
        ("octopus_api_key", "Octopus Deploy"),
        ("BITTREX_SECRET", "Bittrex"),
        ("finicity_app_key", "Finicity"),
        ("TAILSCALE_AUTHKEY", "Tailscale"),
    ],
)
def test_catalogue_services_name_their_keys(key: str, service: str) -> None:
    meaning = key_meaning(key)
    assert meaning is not None and meaning.service == service, meaning


def test_own_cases() -> None:
    """tests/data/privacy_secrets4.jsonl: keyed secrets in eight languages and formats, and
    hard negatives (ids, hashes, order and tracking numbers, versions, placeholders)."""
    rows = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines()]
    wrong = [r["prompt"] for r in rows if scan(r["prompt"]).sensitive != r["sensitive"]]
    assert not wrong


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["api", "_", "key", " ", "\t", '"', "'", "]", "9", ".", "-", "é", "(", "/"]
        ),
        max_size=50,
    ),
    st.integers(0, 10),
)
def test_the_key_search_skips_only_positions_no_key_starts_at(parts: list[str], lo: int) -> None:
    text = "".join(parts)
    lo = min(lo, len(text))
    whole = _KEY_AT_END.search(text, lo, len(text))
    skipped = _KEY_AT_END.search(text, key_search_start(text, lo, len(text)), len(text))
    assert (whole and whole.span(1)) == (skipped and skipped.span(1))


def test_the_key_search_starts_at_the_last_four_words() -> None:
    text = "so the railway api key  = "
    end = text.index("=")
    assert text[key_search_start(text, 0, end) :].startswith("the railway")
