"""Turning a conversation into Markdown for the transcript view.  Pure functions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TranscriptEntry:
    role: str  # "user" | "assistant"
    text: str
    badge: str = ""
    note: str = ""  # e.g. "stopped", "provider switched"


def _fence_safe(text: str) -> str:
    # An unterminated code fence mid-stream would swallow everything after it.
    return text + "\n```" if text.count("```") % 2 else text


def entry_markdown(entry: TranscriptEntry) -> str:
    who = "**You**" if entry.role == "user" else "**Aideon**"
    parts = [who, "", _fence_safe(entry.text) if entry.text else "…"]
    if entry.note:
        parts += ["", f"*{entry.note}*"]
    if entry.badge:
        parts += ["", f"<small>{entry.badge}</small>"]
    return "\n".join(parts)


def transcript_markdown(entries: list[TranscriptEntry]) -> str:
    return "\n\n---\n\n".join(entry_markdown(e) for e in entries)


def route_badge(
    route_display: str,
    on_device: bool,
    private: bool,
    task: str,
    prompt_tokens: int | None,
    completion_tokens: int | None,
    cost: str,
    saved: str,
    reasons: list[str],
    partial: bool,
    cache_hit: bool,
) -> str:
    """One line under an answer: where it ran, why, tokens, cost and money saved."""
    bits = [
        ("On device: " if on_device else "Cloud: ") + route_display,
        "private" if private else task,
    ]
    if prompt_tokens is not None:
        bits.append(f"{prompt_tokens}+{completion_tokens} tokens")
    bits.append("cached, $0" if cache_hit else f"${cost}")
    bits.append(f"saved ${saved}")
    if partial:
        bits.append("partial")
    why = reasons[0] if reasons else ""
    return " · ".join(bits) + (f" — {why}" if why else "")
