"""Local history, usage, audit log and response cache (SQLite via sqlmodel)."""

from aideon_desktop.core.store.store import (
    AnswerRows,
    ReplyWriter,
    Store,
    cache_key,
    from_micro,
    to_micro,
)

__all__ = ["AnswerRows", "ReplyWriter", "Store", "cache_key", "from_micro", "to_micro"]
