"""Local history, usage, audit log and response cache (SQLite, encrypted with SQLCipher).

The names below are imported on first use (PEP 562), so importing this package, or
``DeferredStore``, does not import SQLAlchemy: start-up stays small until the store is needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aideon_desktop.core.store.answers import AnswerRows, ReplyWriter
    from aideon_desktop.core.store.deferred import DeferredStore
    from aideon_desktop.core.store.keys import cache_key
    from aideon_desktop.core.store.opening import StorageMode
    from aideon_desktop.core.store.problems import StoreNotice
    from aideon_desktop.core.store.spend import from_micro, to_micro
    from aideon_desktop.core.store.store import Store

_WHERE = {
    "AnswerRows": "answers",
    "ReplyWriter": "answers",
    "DeferredStore": "deferred",
    "cache_key": "keys",
    "StorageMode": "opening",
    "StoreNotice": "problems",
    "from_micro": "spend",
    "to_micro": "spend",
    "Store": "store",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)


__all__ = [
    "AnswerRows",
    "DeferredStore",
    "ReplyWriter",
    "StorageMode",
    "Store",
    "StoreNotice",
    "cache_key",
    "from_micro",
    "to_micro",
]
