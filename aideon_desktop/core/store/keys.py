"""The response cache's key: exact match on normalised messages, model, sampling and privacy."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any


def cache_key(
    messages: Sequence[tuple[str, str]],
    provider: str,
    model: str,
    params: dict[str, Any],
    private: bool,
) -> str:
    """Exact-match key: normalised messages + model + sampling params + privacy class."""
    normalised = [(role, " ".join(text.split())) for role, text in messages]
    blob = json.dumps(
        [normalised, provider, model, sorted(params.items()), private], ensure_ascii=False
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
