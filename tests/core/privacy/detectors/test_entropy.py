"""Random-looking strings and wallet recovery phrases."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aideon_desktop.core.privacy import scan
from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors.entropy import (
    _BARE,
    _PREFIXED,
    _QUOTED,
    HighEntropyDetector,
    quoted_runs,
    random_looking,
)


def detectors(text: str) -> list[str]:
    return [f.detector for f in scan(text).findings]


def test_random_looking() -> None:
    assert random_looking("Zq81LmN4pR7sT2vXk9Wb3Yc6", quoted=True)
    assert random_looking("6d2FabeB6ADd229Bc199FabA28fD3efb57dF0bD3", quoted=False)
    assert not random_looking("helloworld380_testin_pretty_long_token", quoted=False)
    assert not random_looking("AbstractSingletonProxyFactoryBean", quoted=True)


def test_quoted_and_keyed_random_strings() -> None:
    assert "high_entropy_string" in detectors("client = Client('Zq81LmN4pR7sT2vXk9Wb3Yc6Ad')")
    # (keyed by a word that names no service: "sourcegraph: …" is service_credential's)
    assert "high_entropy_string" in detectors("upstream: 6d2FabeB6ADd229Bc199FabA28fD3efb57dF0bD3")
    assert "service_credential" in detectors(
        "sourcegraph: 6d2FabeB6ADd229Bc199FabA28fD3efb57dF0bD3"
    )
    assert not detectors('commit sha "8f14e45fceea167a5a36dedd4bea2543"')
    assert not detectors("id = '123e4567-e89b-12d3-a456-426614174000'")


def test_seed_phrase() -> None:
    phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
    assert "seed_phrase" in detectors(f"my recovery phrase: {phrase}")
    assert "seed_phrase" not in detectors("the cat sat on the mat and then it went to sleep again")


def test_vendor_prefixed_random_tokens() -> None:
    assert "high_entropy_string" in detectors(
        "rotate acme_live_Zq81LmN4pR7sT2vXk9Wb3Yc6Ad5Ef8Gh now"
    )
    assert not detectors("payment pi_3MtwBwLkdIwHu7ix28a3tqPa succeeded")  # an object id
    assert not detectors("see my_long_function_name_for_parsing_values_in_config")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["'", '"', "a", "Z", "9", "+", "_", " ", "-", "\n", "é"]), max_size=120
    )
)
def test_quoted_runs_are_the_one_pattern_matches(chars: list[str]) -> None:
    """One pass per quote character finds what the two-quote pattern finds, in order."""
    text = "".join(chars).replace("a", "a" * 7)  # long enough runs to reach 20 characters
    spans = [(m.span(), m.span(2)) for m in quoted_runs(text)]
    assert spans == [(m.span(), m.span(2)) for m in _QUOTED.finditer(text)]


def test_quoted_runs_next_to_each_other() -> None:
    run = "Zq81LmN4pR7sT2vXk9Wb3Yc6"
    for text in (f"'{run}'{run}'", f'\'{run}"{run}"', f"\"{run}'{run}'\"", f"''{run}''"):
        assert [m.span(2) for m in quoted_runs(text)] == [m.span(2) for m in _QUOTED.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Zq81LmN4pR7sT2vX", "k9W", ":", "=", " ", "/", "\n", "é"]), max_size=40
    )
)
def test_bare_tokens_are_looked_for_only_where_they_can_be(parts: list[str]) -> None:
    """The detector skips the long tokens with no ":" or "=" near them; it finds what the pattern
    run over every long token finds."""
    ctx = ScanContext("".join(parts))
    found = [m.span() for quoted, m in HighEntropyDetector().candidates(ctx) if not quoted]
    expected = [
        m.span()
        for start, end in ctx.long_tokens
        for m in _BARE.finditer(ctx.text, max(0, start - 2), end)
    ]
    expected += [m.span() for s, e in ctx.long_tokens if (m := _PREFIXED.match(ctx.text, s, e))]
    assert sorted(found) == sorted(expected)
