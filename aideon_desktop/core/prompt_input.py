"""Checks on what the user typed, before anything else looks at it."""

from __future__ import annotations

from aideon_desktop.core.errors import InputError

# A generous ceiling: far above any context window we route to, low enough to stay responsive.
MAX_PROMPT_CHARS = 2_000_000


def clean_prompt(text: str) -> str:
    """Return the prompt ready to route, or raise InputError saying exactly what is wrong.

    NUL bytes and lone surrogates (from broken pastes or decoders) are removed rather than
    rejected when they are a small part of real text; mostly-binary input is rejected.
    """
    if not isinstance(text, str):
        raise InputError("The prompt must be text.")
    if not text.strip():
        raise InputError("The prompt is empty: type a question or instruction first.")
    if len(text) > MAX_PROMPT_CHARS:
        raise InputError(
            f"The prompt is {len(text):,} characters; the limit is {MAX_PROMPT_CHARS:,}. "
            "Split it into smaller parts."
        )
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r")
    if controls > max(8, len(text) // 10):
        raise InputError(
            "The prompt looks like binary data (it is full of control characters). "
            "Paste text, not the contents of a binary file."
        )
    cleaned = text.replace("\x00", "")
    cleaned = cleaned.encode("utf-8", errors="replace").decode("utf-8")
    if not cleaned.strip():
        raise InputError("The prompt is empty: type a question or instruction first.")
    return cleaned


def decode_stdin_bytes(data: bytes) -> str:
    """Decode piped input; invalid UTF-8 is a clear error, not a crash."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"Standard input is not valid UTF-8 text (bad byte at offset {exc.start})."
        ) from exc
