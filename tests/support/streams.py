"""Helpers for reading provider event streams in tests."""

from __future__ import annotations

from collections.abc import Iterable

from aideon_desktop.core.chat import Notice, StreamEvent, TextDelta, Usage


def collect_events(events: Iterable[StreamEvent]) -> tuple[list[str], Usage | None, list[Notice]]:
    """The text deltas in order, the final Usage, and every Notice of a stream."""
    deltas: list[str] = []
    usage: Usage | None = None
    notices: list[Notice] = []
    for event in events:
        if isinstance(event, TextDelta):
            deltas.append(event.text)
        elif isinstance(event, Usage):
            usage = event
        elif isinstance(event, Notice):
            notices.append(event)
    return deltas, usage, notices
