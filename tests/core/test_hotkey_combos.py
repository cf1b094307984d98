"""Recorded key sequences become listener combinations and back; combinations that would steal
keys from other applications are refused with the reason (resources/ui/hotkeys.toml)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aideon_desktop.core.hotkey_combos import (
    HotkeyError,
    checked_hotkey,
    from_key_sequence,
    hotkey_problem,
    hotkey_rules,
    to_key_sequence,
)


@pytest.mark.parametrize(
    ("recorded", "combination"),
    [
        ("Ctrl+Shift+K", "<ctrl>+<shift>+k"),
        ("Ctrl+Alt+Space", "<ctrl>+<alt>+<space>"),
        ("Shift+Ctrl+K", "<ctrl>+<shift>+k"),  # modifiers in a fixed order
        ("Meta+F5", "<cmd>+<f5>"),
        ("Ctrl+Alt+PgUp", "<ctrl>+<alt>+<page_up>"),
        ("Alt+Return", "<alt>+<enter>"),
        ("Ctrl++", "<ctrl>++"),
        ("Ctrl+Alt+1", "<ctrl>+<alt>+1"),
    ],
)
def test_recorded_sequences_become_listener_combinations(recorded, combination) -> None:
    assert from_key_sequence(recorded) == combination


@pytest.mark.parametrize(
    ("recorded", "reason"),
    [
        ("", "No hotkey recorded"),
        ("Ctrl+K, Ctrl+L", "not a sequence of several"),
        ("Ctrl+Alt", "plus one key"),
        ("Ctrl+A+B", "plus one key"),
        ("Ctrl+Media Play", "cannot be used"),
    ],
)
def test_what_is_not_one_combination_is_refused(recorded, reason) -> None:
    with pytest.raises(HotkeyError, match=reason):
        from_key_sequence(recorded)


def test_the_listener_names_read_back_as_the_recorder_shows_them() -> None:
    assert to_key_sequence("<ctrl>+<alt>+<space>") == "Ctrl+Alt+Space"
    assert to_key_sequence("<cmd>+<page_down>") == "Meta+PgDown"
    assert to_key_sequence("<ctrl>++") == "Ctrl++"


@given(
    st.sets(st.sampled_from(["Ctrl", "Alt", "Shift", "Meta"]), min_size=1),
    st.sampled_from([*"ABCXYZ019", "Space", "F1", "F12", "PgUp", "Home", "Esc"]),
)
def test_round_trip(modifiers, key) -> None:
    order = ["Ctrl", "Alt", "Shift", "Meta"]
    recorded = "+".join([*sorted(modifiers, key=order.index), key])
    assert to_key_sequence(from_key_sequence(recorded)) == recorded


@pytest.mark.parametrize(
    ("recorded", "reason"),
    [
        ("Ctrl+C", "every application uses it"),
        ("Alt+F4", "the desktop itself uses it"),
        ("Ctrl+K", "Aideon's chat window uses it"),
        ("Shift+A", "it would fire while you type"),
        ("F5", "no Ctrl, Alt or Meta"),
    ],
)
def test_conflicts_are_refused_with_the_reason(recorded, reason) -> None:
    with pytest.raises(HotkeyError, match=reason):
        checked_hotkey(recorded)


def test_good_combinations_pass_and_every_reserved_one_is_refused() -> None:
    assert checked_hotkey("Ctrl+Shift+K") == "<ctrl>+<shift>+k"
    assert hotkey_problem("<ctrl>+<alt>+<space>") is None
    rules = hotkey_rules()
    assert len(rules.reserved) > 20
    for combination in rules.reserved:
        assert "is taken" in (hotkey_problem(combination) or "")
