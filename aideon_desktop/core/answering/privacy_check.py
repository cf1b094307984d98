"""The one place the user's privacy settings (strictness, private terms) meet the scanner.

Verdicts are remembered per text, so a conversation's earlier turns are scanned once, not at
every send, every keystroke of the privacy chip and every provider attempt.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence

from aideon_desktop.core.chat import Message
from aideon_desktop.core.config import PrivacySettings
from aideon_desktop.core.privacy import Verdict, scan

MAX_CACHED_TEXTS = 1024
MAX_CACHED_CHARS = 8_000_000


class PrivacyCheck:
    def __init__(self, settings: PrivacySettings) -> None:
        self._strictness = settings.strictness
        self._terms = tuple(settings.custom_terms)
        self._cache: OrderedDict[str, Verdict] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def scan(self, text: str) -> Verdict:
        with self._lock:
            verdict = self._cache.get(text)
            if verdict is not None:
                self._cache.move_to_end(text)
                return verdict
        verdict = scan(text, strictness=self._strictness, custom_terms=self._terms)
        self._remember(text, verdict)
        return verdict

    def verdicts(self, texts: Sequence[str]) -> Iterator[Verdict]:
        """The verdict of each of ``texts``, in order: the remembered ones are looked up under
        one lock (a conversation's earlier turns, at every send), the others scanned only when
        the caller gets to them (a caller that stops at the first private text scans no more)."""
        cache = self._cache
        with self._lock:
            known = [cache.get(text) for text in texts]
            for text, verdict in zip(texts, known, strict=True):
                if verdict is not None:
                    cache.move_to_end(text)
        for text, verdict in zip(texts, known, strict=True):
            yield verdict if verdict is not None else self.scan(text)

    def any_private(self, messages: Iterable[Message]) -> bool:
        """Does any message, whatever its role, carry private data?"""
        return any(v.sensitive for v in self.verdicts([m.content for m in messages]))

    def _remember(self, text: str, verdict: Verdict) -> None:
        if len(text) > MAX_CACHED_CHARS // 4:
            return
        with self._lock:
            if text in self._cache:
                return
            self._cache[text] = verdict
            self._chars += len(text)
            while len(self._cache) > MAX_CACHED_TEXTS or self._chars > MAX_CACHED_CHARS:
                old, _ = self._cache.popitem(last=False)
                self._chars -= len(old)
