"""Credentials keyed by the service that issued them or by a credential word, whatever their
shape: ``railway = 'a52a85d1-…'``, ``export SUMOLOGIC_ACCESSID="suDbJw97o9WVo0"``,
``"X-Railway-Key": "…"``, ``mattermost 'e2rgfqdg7xpzbq0nmj8l68gmuz'``.

The rule the large secret scanners share (a service keyword next to a value of a random shape),
made general: the key is an assignment's, a config line's, a header's or a JSON field's name;
its last word must name a credential (token, key, secret, access ID…) or a service of
resources/privacy/services.toml, and the value must look generated: long enough, mixed
characters, high entropy, not a placeholder, reference, identifier, word or number."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aideon_desktop.core.privacy.context import ScanContext
from aideon_desktop.core.privacy.detectors._service_keys import (
    generated_value,
    key_meaning,
    vocabulary,
)
from aideon_desktop.core.privacy.detectors.credentials import documented_secret
from aideon_desktop.core.privacy.findings import Finding
from aideon_desktop.core.privacy.registry import LABELLED, Detector, register

# The key right before an operator: up to four words on the same line, then closing quotes.
_KEY_AT_END = re.compile(
    r"([^\W\d_][\w.\-]{0,60}(?:[ \t]+[^\W\d_][\w.\-]{0,60}){0,3})"
    r"[\"'`\]]{0,2}[ \t]*$"
)
# The value after an operator: quoted, or bare up to a space or a closer.
_VALUE_AFTER = re.compile(
    r"[ \t]{0,4}(?:(?P<q>['\"`])(?P<quoted>[^'\"`\s]{12,300})(?P=q)"
    r"|(?P<bare>[A-Za-z0-9_\-.+/=~]{12,300})(?=[\s,;)\]}'\"`<]|$))"
)
_LAST_NOT_IN_KEY = re.compile(r".*[^\w.\- \t\"'`\]]", re.DOTALL)
_PAIR_NAME = re.compile(
    r"(?:name|key)[\"']?[ \t]*[:=][ \t]*[\"']?([^\W\d][\w.\-]{1,80})[\"']?[\s,]*"
    r"value[\"']?[ \t]*$",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")


def _key_before(text: str, end: int) -> str:
    """The key ending at ``end`` (the operator), on the same line; for a "value" the name of
    its pair ("- name: RAILWAY_TOKEN / value: …", '<add key="NewRelicKey" value="…"/>')."""
    start = max(text.rfind("\n", 0, end) + 1, end - 100)
    m = _KEY_AT_END.search(text, key_search_start(text, start, end), end)
    key = m.group(1) if m else ""
    if key.lower() == "value":
        pair = _PAIR_NAME.search(text, max(0, end - 180), end)
        return pair.group(1) if pair else key
    return key


def key_search_start(text: str, start: int, end: int) -> int:
    """Where ``_KEY_AT_END`` can first match in ``text[start:end]``: a key and what closes it
    hold only word characters, ".", "-", spaces, tabs and quotes, and at most four words apart
    from spaces or tabs.  So no key starts before the last other character, nor before the
    fourth token (split at spaces and tabs) from the end; the search would try every position
    there, each at length."""
    other = _LAST_NOT_IN_KEY.match(text, start, end)
    lo = other.end() if other else start
    at = end
    for _token in range(4):  # back over the last four tokens
        while at > lo and text[at - 1] in " \t":
            at -= 1  # the spaces after the token
        gap = max(text.rfind(" ", lo, at), text.rfind("\t", lo, at))
        if gap == -1:
            return lo  # four tokens or fewer: the key may start anywhere
        at = gap + 1  # where the token starts
    return at


def _operators(text: str) -> Iterator[tuple[int, int]]:
    """(where the key ends, where its value may start) for each "=", "=>", ":=", ":" and
    " - " (not "==", "!=", "<=", "://", "::")."""
    for op in ("=", ":", " - "):
        at = text.find(op)
        while at != -1:
            after = at + len(op)
            prev, nxt = text[at - 1 : at], text[after : after + 1]
            if op == "=" and not (prev and prev in "=!<>") and nxt != "=":
                yield (at - 1 if prev == ":" else at), after + (nxt == ">")
            elif op == " - " or (op == ":" and nxt not in ("/", ":", "=")):
                yield at, after
            at = text.find(op, after)


@register
class ServiceCredentialDetector(Detector):
    """``<service or credential word> = <generated value>`` in code, config, headers, JSON."""

    name = "service_credential"
    category = "secret"
    precedence = LABELLED
    patterns = ("resources/privacy/services.toml", _VALUE_AFTER, _KEY_AT_END)

    def prepare(self) -> None:
        vocabulary()

    def candidates(self, ctx: ScanContext) -> Iterator[tuple[str, int, int, bool]]:
        """(key, value start, value end, spaced): after an operator, or a long token after its
        key with only spaces, quotes or a linking word between (``spaced``)."""
        text = ctx.text
        for key_end, value_at in _operators(text):
            m = _VALUE_AFTER.match(text, value_at)
            if m:
                group = "quoted" if m.group("quoted") else "bare"
                yield _key_before(text, key_end), m.start(group), m.end(group), False
        for start, end in ctx.long_tokens:
            yield from self._spaced(text, start, end)

    @staticmethod
    def _spaced(text: str, start: int, end: int) -> Iterator[tuple[str, int, int, bool]]:
        """``mattermost 'e2rg…'``, ``jira Z7Vo…``, ``Railway token is …``: a key and a long
        value with only spaces, quotes or a linking word between."""
        token = text[start:end].strip("'\"`")
        if "=" in token[:-2] or ":" in token or start < 2 or not _DIGIT.search(token):
            return  # an assignment (seen at its operator), a URL, or no digit: not generated
        value_start = start + (1 if text[start] in "'\"`" else 0)
        before = text[max(text.rfind("\n", 0, start) + 1, start - 100) : start].rstrip(" \t'\"`")
        words = before.split()
        while words and words[-1].lower() in vocabulary().linking:
            words.pop()
        if words and before[-1:].isalnum():
            yield " ".join(words[-4:]), value_start, value_start + len(token), True

    def validate(self, ctx: ScanContext, candidate: tuple[str, int, int, bool]) -> Finding | None:
        key, start, end, spaced = candidate
        meaning = key_meaning(key)
        if meaning is None or ctx.claimed(start, end):
            return None
        value = ctx.text[start:end]
        if value.endswith(".") and not value.endswith(".."):  # a sentence's full stop
            value = value[:-1]
        strict = meaning.weak or (spaced and not meaning.explicit)
        if not generated_value(value, strict=strict) or documented_secret(ctx, value, start):
            return None
        reason = (
            f"{meaning.service} {meaning.noun}"
            if meaning.service
            else f"credential in an assignment ({meaning.noun})"
        )
        return self.finding(start, start + len(value), reason)
