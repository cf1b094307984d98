"""The quick-prompt hotkey as text: a recorded key sequence ("Ctrl+Shift+K", Qt's portable text)
turned into the combination the global listener understands ("<ctrl>+<shift>+k"), back again
for display, and checked for combinations that would steal keys from other applications
(``resources/ui/hotkeys.toml``).  No Qt here: the dialog records, this module decides."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass

from aideon_desktop.core.resources import resource_path

# Qt's portable names (QKeySequence.toString) → the listener's names.
_MODIFIERS = {"ctrl": "<ctrl>", "alt": "<alt>", "shift": "<shift>", "meta": "<cmd>"}
_NAMED_KEYS = {
    "space": "<space>",
    "esc": "<esc>",
    "escape": "<esc>",
    "return": "<enter>",
    "enter": "<enter>",
    "tab": "<tab>",
    "backspace": "<backspace>",
    "del": "<delete>",
    "delete": "<delete>",
    "ins": "<insert>",
    "insert": "<insert>",
    "home": "<home>",
    "end": "<end>",
    "pgup": "<page_up>",
    "pgdown": "<page_down>",
    "up": "<up>",
    "down": "<down>",
    "left": "<left>",
    "right": "<right>",
    "print": "<print_screen>",
    "pause": "<pause>",
}
_MODIFIER_ORDER = ["<ctrl>", "<alt>", "<shift>", "<cmd>"]
_SHOWN = {"<cmd>": "Meta", "<esc>": "Esc", "<page_up>": "PgUp", "<page_down>": "PgDown"}


class HotkeyError(ValueError):
    """A combination that cannot be used, with the reason in words."""


@dataclass(frozen=True)
class HotkeyRules:
    required_modifiers: frozenset[str]
    reserved: dict[str, str]  # combination → why it is taken


@functools.cache
def hotkey_rules() -> HotkeyRules:
    with resource_path("ui/hotkeys.toml").open("rb") as fh:
        data = tomllib.load(fh)
    reserved = {combo: group["reason"] for group in data["reserved"] for combo in group["combos"]}
    return HotkeyRules(frozenset(data["required_modifiers"]), reserved)


def _key_name(token: str) -> str:
    lowered = token.lower()
    if lowered in _NAMED_KEYS:
        return _NAMED_KEYS[lowered]
    if lowered.startswith("f") and lowered[1:].isdigit() and 1 <= int(lowered[1:]) <= 24:
        return f"<{lowered}>"
    if len(token) == 1 and token.isprintable() and not token.isspace():
        return lowered
    raise HotkeyError(f"The key “{token}” cannot be used in a global hotkey.")


def from_key_sequence(text: str) -> str:
    """``"Ctrl+Shift+K"`` → ``"<ctrl>+<shift>+k"``; raises HotkeyError for anything else than
    modifiers plus one key (a second chord, no key, two keys)."""
    text = text.strip()
    if not text:
        raise HotkeyError("No hotkey recorded: click the box and press the combination.")
    if ", " in text:
        raise HotkeyError("Press one combination, not a sequence of several.")
    # "Ctrl++" is Ctrl and the plus key: split on "+" but keep a trailing "+" as a key.
    tokens = [*text[:-2].split("+"), "+"] if text.endswith("++") else text.split("+")
    modifiers, keys = [], []
    for token in tokens:
        if token.lower() in _MODIFIERS:
            modifiers.append(_MODIFIERS[token.lower()])
        else:
            keys.append(_key_name(token))
    if len(keys) != 1:
        raise HotkeyError("A hotkey is modifier keys (Ctrl, Alt, Shift, Meta) plus one key.")
    ordered = sorted(set(modifiers), key=_MODIFIER_ORDER.index)
    return "+".join([*ordered, keys[0]])


def to_key_sequence(combination: str) -> str:
    """``"<ctrl>+<alt>+<space>"`` → ``"Ctrl+Alt+Space"`` (what the recorder and menus show)."""
    shown = []
    for part in _split(combination):
        if part in _SHOWN:
            shown.append(_SHOWN[part])
        elif part.startswith("<") and part.endswith(">"):
            shown.append(part[1:-1].replace("_", " ").title().replace(" ", ""))
        else:
            shown.append(part.upper())
    return "+".join(shown)


def _split(combination: str) -> list[str]:
    if combination.endswith("++"):
        return [*combination[:-2].split("+"), "+"]
    return combination.split("+")


def hotkey_problem(combination: str) -> str | None:
    """Why ``combination`` should not be the global hotkey, or None when it is fine."""
    parts = _split(combination)
    rules = hotkey_rules()
    if not rules.required_modifiers & set(parts):
        return (
            f"{to_key_sequence(combination)} has no Ctrl, Alt or Meta: it would fire while you "
            "type. Add one of them."
        )
    reason = rules.reserved.get(combination)
    if reason:
        return f"{to_key_sequence(combination)} is taken: {reason}. Choose another combination."
    return None


def checked_hotkey(recorded: str) -> str:
    """The listener combination for a recorded sequence; raises HotkeyError with the reason."""
    combination = from_key_sequence(recorded)
    problem = hotkey_problem(combination)
    if problem:
        raise HotkeyError(problem)
    return combination
