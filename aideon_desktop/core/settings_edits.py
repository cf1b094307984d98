"""Saving what the settings dialog changed, and only that: the dialog holds the settings as they
were when it opened, the user edits some values, and meanwhile other parts of the app may have
changed others (the tray's offline switch, the Models page's "Use").  Only the values the user
edited are laid over the current settings, so Save never undoes a change made elsewhere."""

from __future__ import annotations

import copy
from typing import Any


def apply_edits(opened: dict[str, Any], edited: dict[str, Any], current: dict[str, Any]) -> dict:
    """``current`` with every value that differs between ``opened`` and ``edited`` replaced by
    the edited one (nested tables compared key by key).  The inputs are not modified."""
    merged = copy.deepcopy(current)
    _lay_over(opened, edited, merged)
    return merged


def _lay_over(opened: dict[str, Any], edited: dict[str, Any], target: dict[str, Any]) -> None:
    for key, value in edited.items():
        before = opened.get(key)
        if value == before:
            continue
        if (
            isinstance(value, dict)
            and isinstance(before, dict)
            and isinstance(target.get(key), dict)
        ):
            _lay_over(before, value, target[key])
        else:
            target[key] = copy.deepcopy(value)
