"""The one place the user's privacy settings (strictness, private terms) meet the scanner.

Verdicts are remembered per text, so a conversation's earlier turns are scanned once, not at
every send, every keystroke of the privacy chip and every provider attempt.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

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

    def any_private(self, messages: Iterable[Message]) -> bool:
        """Does any message, whatever its role, carry private data?"""
        return any(self.scan(m.content).sensitive for m in messages)

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
