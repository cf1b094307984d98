"""The conversation as the chat shows it: entries, their route chips and detail lines.
Pure functions and data, no Qt (the widgets in message_block.py draw them).

An assistant entry's ``meta`` is ``core.answering.recorder.reply_meta`` — the same dict for an
answer that just finished and for one read back from the store, so a reopened chat shows the
same chip and line as it did live.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from aideon_desktop.core.answering.title import HIDDEN, readable_title
from aideon_desktop.core.chat import Message, latest_answers
from aideon_desktop.core.privacy import Verdict
from aideon_desktop.core.routing.decision import MASKED_NOTE, MASKED_REASON

CUT_TITLE_CHARS = 60  # titles made from a prompt are cut at this length
_CUT_NUMBER = re.compile(r"\d(?:[ -]?\d){5,}\s*$")
_OLD_PLACEHOLDER = re.compile(r"\[[A-Z]+(?:_[A-Z]+)*_\d+\]")  # "[ACCOUNT_1]", "[CARD_CODE_2]"

ChipKind = Literal["device", "private", "cloud", "cache", "masked", "fallback", "pending"]


@dataclass
class TranscriptEntry:
    role: str  # "user" | "assistant"
    text: str
    created: datetime | None = None
    provider: str = ""  # of the route that answered (assistant)
    model: str = ""
    meta: dict[str, Any] | None = None  # reply_meta once the answer is complete
    note: str = ""  # "stopped", "incomplete — …"
    live_route: str = ""  # the route answering now, while streaming
    live_on_device: bool = False
    live_failed: list[str] = field(default_factory=list)  # routes that failed so far
    superseded: bool = False  # a provider broke off; the answer was redone below
    streaming: bool = False

    @property
    def task(self) -> str:
        return str((self.meta or {}).get("task", ""))


@dataclass(frozen=True)
class Chip:
    kind: ChipKind
    text: str
    description: str  # the whole story, for the tooltip and screen readers


def entry_from_stored(message: Any) -> TranscriptEntry:
    """A ``ChatMessage`` read from the store."""
    note = "partial answer" if message.partial and message.role == "assistant" else ""
    return TranscriptEntry(
        role=message.role,
        text=message.text,
        created=message.created_at,
        provider=message.provider or "",
        model=message.model or "",
        meta=message.meta,
        note=note,
    )


SHOWN_FAILED = 2  # failed routes named under an answer; the rest are counted


def route_chip(entry: TranscriptEntry) -> Chip | None:
    """Where an answer came from, in a word or three; None for the user's own messages."""
    if entry.role != "assistant":
        return None
    meta = entry.meta
    if meta is None:
        return _live_chip(entry)
    route = str(meta.get("route", ""))
    failed = [str(r) for r in meta.get("failed_routes") or []]
    on_device = bool(meta.get("own_hardware"))
    story = details_line(meta, full=True)
    if meta.get("cache_hit"):
        return Chip("cache", "From cache · $0", story)
    if failed and on_device:
        return Chip("fallback", "Cloud failed → answered on this device", story)
    if failed:
        return Chip("fallback", f"{short_route(failed[0])} failed → {short_route(route)}", story)
    if meta.get("masked"):
        return Chip("masked", f"Masked → {short_route(route)}", story)
    if on_device:
        text = "Private · on this device" if meta.get("private") else "On this device"
        return Chip("private" if meta.get("private") else "device", text, story)
    return Chip("cloud", short_route(route), story)


def _live_chip(entry: TranscriptEntry) -> Chip | None:
    if entry.live_route:
        return _answering_chip(entry)
    if entry.provider:  # stored before reply details were kept
        if entry.provider == "local":
            return Chip("device", "On this device", entry.model)
        return Chip("cloud", entry.model.rsplit("/", 1)[-1], f"{entry.provider} · {entry.model}")
    if entry.streaming:
        return Chip("pending", "Starting…", "waiting for the first words")
    return None


def _answering_chip(entry: TranscriptEntry) -> Chip:
    route = short_route(entry.live_route)
    if entry.live_failed:
        failed = short_route(entry.live_failed[-1])
        text = (
            "Cloud failed → answering on this device"
            if entry.live_on_device
            else f"{failed} failed → {route}"
        )
        return Chip("fallback", text, f"{failed} failed; answering with {entry.live_route}")
    if entry.live_on_device:
        return Chip("device", "Answering on this device", entry.live_route)
    return Chip("cloud", route, f"answering with {entry.live_route}")


def short_route(display: str) -> str:
    """A route's display name without the "(on this device)" suffix."""
    return display.replace(" (on this device)", "").strip()


def details_line(meta: dict[str, Any], full: bool = False) -> str:
    """The line under an answer: where it ran, tokens, cost, savings (none when the cloud failed
    and this device answered), fallbacks, masking.  Past SHOWN_FAILED failed routes it says how many more, unless ``full`` (its tooltip)."""
    on_device = bool(meta.get("own_hardware"))
    bits = [
        ("On device: " if on_device else "Cloud: ") + short_route(str(meta.get("route", ""))),
        "private" if meta.get("private") else str(meta.get("task", "")),
    ]
    if meta.get("prompt_tokens") is not None:
        bits.append(f"{meta['prompt_tokens']}+{meta.get('completion_tokens', 0)} tokens")
    bits.append("cached, $0" if meta.get("cache_hit") else dollars(meta.get("cost_usd")))
    failed = [short_route(str(r)) for r in meta.get("failed_routes") or []]
    # "saved" is against the cloud baseline: not a saving when the cloud was tried and failed
    if meta.get("saved_usd") is not None and not (failed and on_device):
        bits.append(f"saved {dollars(meta.get('saved_usd'))}")
    if meta.get("partial"):
        bits.append("partial")
    line = " · ".join(b for b in bits if b)
    if failed:
        where = "this device" if on_device else short_route(str(meta.get("route", "")))
        line += f" · {_fallbacks(meta, failed, full)} → answered on {where}"
    reasons = [str(r) for r in meta.get("reasons") or []]
    if meta.get("masked"):  # the masked values, once (the first reason said the same again)
        line += " · masked: " + ", ".join(str(m) for m in meta["masked"])
        reasons = [MASKED_NOTE] + [r for r in reasons if not r.startswith(MASKED_REASON)]
    return line + (f" — {reasons[0]}" if reasons else "")


def _fallbacks(meta: dict[str, Any], failed: list[str], full: bool) -> str:
    """ "A, B and 3 more failed, 4 not tried": the routes tried and failed named (past
    SHOWN_FAILED counted, unless ``full``), then how many were skipped untried (a refused key,
    a spent budget; older answers did not record which)."""
    tried = list(failed)
    for skipped in meta.get("skipped_routes") or []:
        if short_route(str(skipped)) in tried:
            tried.remove(short_route(str(skipped)))
    untried = len(failed) - len(tried)
    more = 0 if full else len(tried) - SHOWN_FAILED
    named = ", ".join(tried[: SHOWN_FAILED if more > 0 else None])
    said = f"{named}{f' and {more} more' if more > 0 else ''} failed" if tried else ""
    if untried:
        said += f"{', ' if said else ''}{untried} not tried"
    return said


def dollars(amount: object) -> str:
    """ "$0" for nothing, else the exact stored amount ("$0.000186")."""
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return "$?"
    return "$0" if value == 0 else f"${value}"


def format_time(moment: datetime | None, now: datetime | None = None) -> str:
    """ "14:05" today, "3 Mar 14:05" on another day (local time)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    today = (now or datetime.now().astimezone()).date()
    if local.date() == today:
        return local.strftime("%H:%M")
    return f"{local.day} {local.strftime('%b %H:%M')}"


def history_before(entries: list[TranscriptEntry], index: int) -> tuple[Message, ...]:
    """The turns a model should see when the message at ``index`` is asked again (edit &
    resend, regenerate): every complete turn before it, without superseded attempts or an
    answer regenerated since (``latest_answers``, as the stored history reads)."""
    turns = [
        (entry.role, entry.text)
        for entry in entries[:index]
        if not entry.superseded and entry.text and entry.role in ("user", "assistant")
    ]
    return tuple(Message(role, text) for role, text in latest_answers(turns))  # type: ignore[arg-type]


def prompt_for(entries: list[TranscriptEntry], index: int) -> int | None:
    """The index of the user message that ``entries[index]`` (an answer) replied to."""
    for i in range(index, -1, -1):
        if entries[i].role == "user":
            return i
    return None


def display_title(title: str, scan: Callable[[str], Verdict]) -> str:
    """A conversation title safe to show: values the privacy scanner finds are masked, as for
    new titles (chats saved before titles were masked may hold a card number).  A title cut at
    the length limit may end in a partial number the scanner cannot validate: masked too."""
    text = " ".join(title.split())
    if not text:
        return "New chat"
    text = _OLD_PLACEHOLDER.sub(HIDDEN, text)  # titles stored before they read "…"
    text = readable_title(text, scan(text))
    if len(title) >= CUT_TITLE_CHARS:
        text = _CUT_NUMBER.sub(HIDDEN, text)
    return text
