"""Local history, usage, audit log and response cache (SQLite, encrypted with SQLCipher)."""

from aideon_desktop.core.store.answers import AnswerRows, ReplyWriter
from aideon_desktop.core.store.opening import StorageMode
from aideon_desktop.core.store.problems import StoreNotice
from aideon_desktop.core.store.spend import from_micro, to_micro
from aideon_desktop.core.store.store import Store, cache_key

__all__ = [
    "AnswerRows",
    "ReplyWriter",
    "StorageMode",
    "Store",
    "StoreNotice",
    "cache_key",
    "from_micro",
    "to_micro",
]
