"""What the privacy chip says about a draft before it is sent.  Pure functions, no Qt.

``preview(plan, …)`` turns the planner's Plan (the same one ``ask`` would follow) into the chip's
words: "Stays on this device — card number", "Goes to Llama 3.3 70B · ≈ $0.0001", and the
spans of the draft to highlight (in UTF-16 units, as Qt counts).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from aideon_desktop.core.answering.planner import Plan
from aideon_desktop.core.catalog import Catalog, price
from aideon_desktop.core.privacy import CATEGORY_LABELS, Finding
from aideon_desktop.core.routing import LOCAL, Route

# An answer's length is unknown before it is written; the estimate assumes a typical reply.
ESTIMATED_REPLY_TOKENS = 250
CHARS_PER_TOKEN = 4

ChipKind = Literal["idle", "checking", "private", "device", "cloud", "masked", "fallback", "error"]


@dataclass(frozen=True)
class ChipState:
    kind: ChipKind
    text: str
    description: str = ""  # the reasons, for the tooltip and screen readers
    spans: tuple[tuple[int, int], ...] = ()  # draft ranges to highlight, UTF-16 offsets


IDLE = ChipState(
    "idle",
    "Private data stays on this device",
    "Aideon checks every message on this device before anything is sent.",
)
CHECKING = ChipState("checking", "Checking for private data…", "The check runs on this device.")


def error_state(message: str) -> ChipState:
    return ChipState("error", message, message)


def preview(
    plan: Plan, draft: str, catalog: Catalog, pick: tuple[str, str] | None = None
) -> ChipState:
    """The chip for ``draft`` (the text that was planned) with the model picker at ``pick``."""
    decision = plan.decision
    description = "\n".join(decision.reasons)
    spans = utf16_spans(draft, plan.verdict.findings) if plan.prompt == draft else ()
    if decision.refused:
        return ChipState("error", decision.refused, description, spans)
    labels = ", ".join(CATEGORY_LABELS.get(c, c) for c in plan.verdict.categories)
    if decision.masked:
        cost = format_cost(estimate_cost(plan, decision.route, catalog))
        text = f"Masked, then to {decision.route.display} · {cost} — {labels} hidden"
        return ChipState("masked", text, description, spans)
    if decision.private:
        why = labels or "this chat had private data earlier"
        text = f"Stays on this device — {why}"
        if pick is not None and pick[0] != LOCAL:
            text += f" · not sent to {_pick_name(pick, catalog)}"
        return ChipState("private", text, description, spans)
    if decision.route.own_hardware:
        return ChipState("device", _on_device_text(decision.reasons, pick), description, spans)
    cost = format_cost(estimate_cost(plan, decision.route, catalog))
    text = f"Goes to {decision.route.display} · {cost}"
    if pick is not None and pick != (decision.route.provider, decision.route.model):
        text += f" ({_pick_name(pick, catalog)} is unavailable)"
    return ChipState("cloud", text, description, spans)


def _on_device_text(reasons: tuple[str, ...], pick: tuple[str, str] | None) -> str:
    why = reasons[0] if reasons else ""
    if pick is not None and pick[0] == LOCAL:
        return "Stays on this device — you picked On this device"
    if why.startswith("offline mode"):
        return "Stays on this device — offline mode"
    if "no cloud API key" in why:
        return "Answered on this device — no cloud API key is set up"
    if "no cloud model is usable" in why:
        return "Answered on this device — no cloud model is usable right now"
    return f"Answered on this device — {why}" if why else "Answered on this device"


def _pick_name(pick: tuple[str, str], catalog: Catalog) -> str:
    entry = catalog.find(*pick)
    return entry.name if entry is not None else pick[1]


def estimate_cost(plan: Plan, route: Route, catalog: Catalog) -> Decimal | None:
    """The catalogue price of sending what ``route`` would get plus a typical reply."""
    entry = catalog.find(route.provider, route.model)
    if entry is None:
        return None
    chars = sum(len(m.content) for m in plan.messages_for(route))
    prompt_tokens = chars // CHARS_PER_TOKEN + 1
    return price(
        prompt_tokens, ESTIMATED_REPLY_TOKENS, entry.input_per_million, entry.output_per_million
    )


def format_cost(cost: Decimal | None) -> str:
    if cost is None:
        return "price unknown"
    if cost == 0:
        return "free"
    if cost < Decimal("0.0001"):
        return "< $0.0001"
    if cost < Decimal("0.01"):
        return f"≈ ${cost:.4f}"
    return f"≈ ${cost:.2f}"


def utf16_spans(text: str, findings: tuple[Finding, ...]) -> tuple[tuple[int, int], ...]:
    """Finding spans (Python characters) as Qt's positions (UTF-16 code units)."""
    if text.isascii():
        return tuple((f.start, f.end) for f in findings)
    return tuple((_utf16_index(text, f.start), _utf16_index(text, f.end)) for f in findings)


def _utf16_index(text: str, index: int) -> int:
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def shift_spans(
    spans: tuple[tuple[int, int], ...], old: str, new: str
) -> tuple[tuple[int, int], ...]:
    """Keep highlighted spans on the same characters while the draft is edited: spans before
    the edit stay, spans after it move with it, spans it touched are dropped (until the next
    check).  Offsets are UTF-16, as ``utf16_spans`` returns them."""
    if not spans or old == new:
        return spans
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    start = _utf16_index(old, prefix)
    old_end = _utf16_index(old, len(old) - suffix)
    delta = _utf16_index(new, len(new) - suffix) - old_end
    kept = []
    for begin, end in spans:
        if end <= start:
            kept.append((begin, end))
        elif begin >= old_end:
            kept.append((begin + delta, end + delta))
    return tuple(kept)
