"""The registry decides which detectors run and which finding wins an overlap."""

from __future__ import annotations

import pytest

from aideon_desktop.core.privacy import registry, scan
from aideon_desktop.core.privacy.findings import Finding


def test_every_detector_is_a_small_declared_unit() -> None:
    detectors = registry.detectors()
    assert len({d.name for d in detectors}) == len(detectors) >= 20
    for d in detectors:
        assert d.stage in registry.STAGES
        assert d.category
        assert d.patterns or d.labels, f"{d.name} declares neither patterns nor labels"


def test_stages_run_in_order_and_tiers_descend() -> None:
    order = [(registry.STAGES.index(d.stage), -d.precedence) for d in registry.detectors()]
    assert order == sorted(order)


def test_precedence_is_written_down() -> None:
    doc = registry.__doc__ or ""
    for tier in ("KNOWN_SHAPE", "CHECKSUM", "LABELLED", "STRUCTURED", "HEURISTIC"):
        assert tier in doc
        assert str(getattr(registry, tier)) in doc


def test_overlaps_go_to_the_higher_tier_then_the_longer_span() -> None:
    low = Finding("secret", 0, 20, "labelled_value", "x")
    high = Finding("secret", 5, 15, "github_token", "y")
    other = Finding("contact", 30, 40, "email", "z")
    kept = [f for _t, f in registry.resolve([(80, low), (100, high), (70, other)])]
    assert kept == [high, other]
    longer = Finding("national_id", 0, 12, "national_id", "a")
    shorter = Finding("national_id", 2, 8, "national_id", "b")
    assert [f for _t, f in registry.resolve([(90, shorter), (90, longer)])] == [longer]


def test_topics_do_not_compete_with_values() -> None:
    from aideon_desktop.core.privacy import scan

    verdict = scan("I was diagnosed with diabetes; my card 4539 1488 0343 6467 pays for insulin.")
    assert set(verdict.categories) == {"health", "payment_card"}


def test_lower_tiers_see_what_higher_tiers_kept() -> None:
    """A card is kept by the checksum tier before phones run: the phone detector skips the
    digits it would overlap, and the outcome is the same as resolving everything at the end."""
    from aideon_desktop.core.privacy import scan

    found = scan("card 4539 1488 0343 6467 thanks").findings
    assert [f.detector for f in found] == ["payment_card"]


def test_a_second_reader_adds_only_topics_the_rules_missed() -> None:
    """The learned reader and the health rule both see the diagnosis: one finding, the rule's,
    so the UI lists "ID number, health information" in the prompt's order, once each."""
    verdict = scan("My NHS number is 943 476 5919 and I was diagnosed with asthma. What now?")
    health = [f for f in verdict.findings if f.category == "health"]
    assert [f.detector for f in health] == ["topic_health"]
    assert verdict.summary() == "ID number, health information detected"
    assert [d.name for d in registry.detectors() if d.second_reader] == ["topic_learned"]


def test_a_second_reader_names_the_topics_it_can_report() -> None:
    """``labels`` of a second reader are the categories it may add: the registry skips it when
    the rules found all of them, so it must not report anything else."""
    from aideon_desktop.core.privacy.topic_features import TOPICS

    for reader in (d for d in registry.detectors() if d.second_reader):
        assert set(reader.labels) == set(TOPICS)


def test_a_second_reader_is_not_asked_when_the_rules_found_every_topic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (
        "I was diagnosed with diabetes last week. I am going through a divorce and my husband "
        "hid our debts. Confidential: we plan to acquire Acme Corp for 40 million next quarter, "
        "not announced yet."
    )
    asked: list[str] = []
    for reader in (d for d in registry.detectors() if d.second_reader):
        find = reader.find
        monkeypatch.setattr(reader, "find", lambda ctx, find=find: asked.append("x") or find(ctx))
    verdict = scan(text)
    assert set(verdict.categories) == {"health", "personal_situation", "confidential_business"}
    assert asked == []
    scan("Lately I cannot sleep and feel hopeless most days. Is that normal?")
    assert asked == ["x"]  # one topic or none found by the rules: the reader is asked


def test_prepare_builds_every_table_of_no_arguments() -> None:
    """A ``functools.cache`` table of the privacy package built from a data file (a word list,
    a pattern) is built by prepare(), not in a user's first scans; one with arguments is not
    called."""
    from aideon_desktop.core.privacy.detectors import _service_keys, national_ids
    from aideon_desktop.core.privacy.placeholders import _words

    tables = registry._cached_tables()
    assert _words in tables
    assert national_ids._modules_by_context_word in tables
    assert _service_keys._long_credential_words in tables
    assert _service_keys.key_meaning not in tables  # one argument: a key of the text
    for table in tables:
        table.cache_clear()
    registry.prepare()
    assert all(table.cache_info().currsize == 1 for table in tables)


def test_prepare_compiles_every_phone_region_and_iban_country_pattern() -> None:
    """libphonenumber's number patterns of every region and stdnum's IBAN formats of every
    country are compiled by prepare() (each 0.1-0.7 ms in the first scan that met it), and the
    IBAN formats are still in the regular-expression module's cache after the phone patterns
    went through it."""
    import re

    import phonenumbers
    from phonenumbers import re_util
    from phonenumbers.phonemetadata import PhoneMetadata

    registry.prepare()
    german = PhoneMetadata.metadata_for_region("DE").mobile.national_number_pattern
    assert german in re_util._COMPILED_PATTERNS
    assert all(
        PhoneMetadata.metadata_for_region(r).general_desc.national_number_pattern
        in re_util._COMPILED_PATTERNS
        for r in phonenumbers.SUPPORTED_REGIONS
    )
    cached = {key[1] for key in re._cache}  # type: ignore[attr-defined]
    assert "^[0-9]{8}[0-9]{10}$" in cached  # the German BBAN's format, as stdnum writes it


def test_prepare_reads_the_number_databases_of_the_loaded_stdnum_modules() -> None:
    """stdnum reads a module's number database on its first check (the Chinese resident ID's
    birth places: 25-60 ms in the first scan of a text holding such a number): prepare() reads
    those of every stdnum module the detectors loaded."""
    from stdnum import numdb

    numdb._open_databases.pop("cn/loc", None)  # type: ignore[attr-defined]
    registry.prepare()
    assert "cn/loc" in numdb._open_databases  # type: ignore[attr-defined]
