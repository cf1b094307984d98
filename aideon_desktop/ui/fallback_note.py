"""Why an answer came from somewhere else than planned, said once it is done: the failover
notices name each failure ("Together AI rejected the API key (401). Check it in Settings → API
keys."), but they only flash by while the answer is written, and the answer's chip then says
just "Cloud failed → answered on this device".  The note keeps the reasons (the answer's
``failure_reasons``) on screen."""

from __future__ import annotations

from aideon_desktop.core.answering import Answer
from aideon_desktop.ui.transcript import short_route

MAX_REASONS = 2


def fallback_note(answer: Answer) -> str | None:
    """One sentence naming who answered and why the routes before it failed, or None when the
    first route answered (or nothing says why)."""
    if not answer.failed_routes:
        return None
    facts: list[str] = []  # "Together AI rejected the API key (401)."
    advice: list[str] = []  # "Check it in Settings → API keys.", said once for all
    for reason in answer.failure_reasons:
        fact, _, then = reason.partition(". ")
        fact = fact if fact.endswith(".") else f"{fact}."
        for part, kept in ((fact, facts), (then, advice)):
            if part and part not in kept:
                kept.append(part)
    if not facts:
        return None
    route = answer.current_route
    where = "this device" if route.own_hardware else short_route(route.display)
    more = len(facts) - MAX_REASONS
    told = " ".join(facts[:MAX_REASONS]) + (f" (and {more} more)" if more > 0 else "")
    return " ".join([f"Answered by {where} because the cloud did not: {told}", *advice])
