"""A new conversation's title, made on this device from the first prompt.

The title is shown in the sidebar and stored; no model writes it, so nothing in the prompt is
sent anywhere to make one.  A maskable private value (card, IBAN, key…) never appears in it: the
value reads as "…" where it stood, and a prompt that was only private values is named by what it
held ("Visa card number"), never by the masking placeholders ("[CARD_1]") the cloud would see.
"""

from __future__ import annotations

import re

from aideon_desktop.core.privacy import Verdict, redact

TITLE_CHARS = 60
HIDDEN = "…"
# several masked parts of one record ("[CARD_1] exp [CARD_EXPIRY_1]") stay one mark only when
# nothing but spaces or punctuation stands between them
_RUN_OF_HIDDEN = re.compile(rf"{HIDDEN}(?:[\s,;:/.-]*{HIDDEN})+")
_WORD = re.compile(r"[^\W_]", re.UNICODE)
_DETAIL = re.compile(r"\s*\(.*?\)")


def conversation_title(prompt: str, verdict: Verdict) -> str:
    """The prompt on one line, cut to TITLE_CHARS, with every maskable value replaced by "…"."""
    return _cut(readable_title(prompt, verdict))


def readable_title(text: str, verdict: Verdict) -> str:
    """``text`` on one line with each maskable value ``verdict`` found read as "…" (a run of
    them as one); named by the first finding's kind when no word would be left."""
    if verdict.sensitive:
        masked, mapping = redact(text, verdict.findings)
        for placeholder in mapping:
            masked = masked.replace(placeholder, HIDDEN)
        text = masked
    title = " ".join(_RUN_OF_HIDDEN.sub(HIDDEN, text).split())
    if verdict.sensitive and not _WORD.search(title.replace(HIDDEN, "")):
        return _named_by_kind(verdict) or title
    return title


def _named_by_kind(verdict: Verdict) -> str:
    """ "Visa card number" from the first finding's reason (reasons never hold the value)."""
    for finding in verdict.findings:
        reason = _DETAIL.sub("", finding.reason).strip()
        if reason:
            return (reason[0].upper() + reason[1:])[:TITLE_CHARS]
    return ""


def _cut(title: str) -> str:
    """At most TITLE_CHARS, cut at a word's end where one is near, marked by "…"."""
    if len(title) <= TITLE_CHARS:
        return title
    head = title[: TITLE_CHARS - 1]
    space = head.rfind(" ")
    if space >= TITLE_CHARS // 2:
        head = head[:space]
    return head.rstrip(" ,;:.-") + HIDDEN
