"""Save lays the dialog's edits over the current settings: changes made elsewhere while the
dialog was open survive, the user's edits win where they touch the same value."""

from __future__ import annotations

from aideon_desktop.core.config import Settings
from aideon_desktop.core.settings_edits import apply_edits


def test_changes_made_elsewhere_survive_and_edits_win() -> None:
    opened = Settings().model_dump()
    edited = Settings().model_dump()
    edited["budgets"]["daily_usd"] = 2.5
    edited["privacy"]["custom_terms"] = ["Bluefin"]
    current = Settings().model_dump()
    current["offline"] = True  # the tray's switch, while the dialog was open
    current["local"]["model_path"] = "/models/qwen.gguf"  # the Models page's "Use"
    current["budgets"]["monthly_usd"] = 9.0
    merged = apply_edits(opened, edited, current)
    assert merged["offline"] is True and merged["local"]["model_path"] == "/models/qwen.gguf"
    assert merged["budgets"] == {**current["budgets"], "daily_usd": 2.5}
    assert merged["privacy"]["custom_terms"] == ["Bluefin"]
    assert Settings.model_validate(merged).budgets.monthly_usd == 9.0


def test_the_same_value_edited_in_both_places_takes_the_dialogs() -> None:
    opened = Settings().model_dump()
    edited = Settings().model_dump()
    edited["offline"] = False
    opened["offline"] = True
    current = {**Settings().model_dump(), "offline": True}
    assert apply_edits(opened, edited, current)["offline"] is False


def test_inputs_are_left_alone() -> None:
    opened, edited, current = {"a": {"b": 1}}, {"a": {"b": 2}}, {"a": {"b": 1, "c": 3}}
    assert apply_edits(opened, edited, current) == {"a": {"b": 2, "c": 3}}
    assert current == {"a": {"b": 1, "c": 3}} and edited == {"a": {"b": 2}}
