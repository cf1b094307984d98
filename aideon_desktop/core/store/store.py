"""History, usage, audit and cache on one SQLite file, encrypted with SQLCipher by default.

Nothing is lost: the user's message is committed before any request goes out, and a reply is
flushed while it streams, marked partial until it completes.  When the file cannot be opened,
read or written — damaged, unreadable, read-only, full, from a newer version, or its key is
missing — the store says so once (``unavailable``) and the app keeps answering without history.

Per answer: ``begin_answer`` (one transaction, before sending), ``reply_writer`` flushes (at most
every 0.5 s), then ``finish_answer`` (one transaction) or ``abandon_answer``.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from aideon_desktop.core.budgets import Spend
from aideon_desktop.core.store import answers, spend
from aideon_desktop.core.store.accounting import Accounting
from aideon_desktop.core.store.answers import AnswerEnd, AnswerRows, ReplyWriter
from aideon_desktop.core.store.connection import StoreConnection
from aideon_desktop.core.store.database import Connection
from aideon_desktop.core.store.history import ConversationHistory
from aideon_desktop.core.store.keys import cache_key  # noqa: F401 - re-exported
from aideon_desktop.core.store.opening import StorageMode
from aideon_desktop.core.store.problems import StoreNotice


class Store(ConversationHistory, Accounting):
    """``storage``: "encrypted" (SQLCipher, key in the OS keyring), "plain", or "off" (nothing
    is kept; spend counts only this session)."""

    def __init__(self, path: Path, *, storage: StorageMode = "encrypted") -> None:
        self.path, self.storage = path, storage
        self._spend = spend.SpendTotals()
        self._db = StoreConnection(path, storage)

    @property
    def unavailable(self) -> str | None:
        """Why history is not being kept, in a sentence for the user; None when it is."""
        problem = self._db.problem
        return problem.message if problem is not None else None

    @property
    def problem(self) -> StoreNotice | None:
        """The same, with a kind to match on (see problems.py)."""
        return self._db.problem

    @property
    def encrypted(self) -> bool:
        return self._db.encrypted

    @property
    def _engine(self) -> Engine | None:
        return self._db.engine

    def take_notices(self) -> list[StoreNotice]:
        """One-time information (history was just encrypted, where the backup is), once."""
        notices, self._db.notices = self._db.notices, []
        return notices

    def close(self) -> None:
        self._db.close()

    def integrity_ok(self) -> bool:
        return self._db.integrity_ok()

    # ------------------------------------------------------------------ answers
    def begin_answer(
        self,
        conversation_id: int | None,
        *,
        new_conversation: bool,
        user_text: str,
        private: bool,
        title: str | None = None,
        write_prompt: bool = True,
        prompt_meta: dict[str, Any] | None = None,
    ) -> AnswerRows | None:
        """One committed transaction before anything is sent: the conversation (when
        ``new_conversation``, or when ``conversation_id`` was deleted meanwhile), the user
        message (unless ``write_prompt`` is False: Regenerate, whose prompt is stored already,
        in a conversation that still exists, with ``prompt_meta`` as its meta) and an empty
        partial reply.  ``title`` defaults to the start of the text.
        None when history is unavailable, or with no conversation and ``new_conversation``
        False."""
        return self._db.sql(
            lambda c: answers.begin(
                c,
                conversation_id,
                new_conversation=new_conversation,
                user_text=user_text,
                private=private,
                title=title,
                write_prompt=write_prompt,
                prompt_meta=prompt_meta,
            ),
            None,
        )

    def reply_writer(self, message_id: int | None) -> ReplyWriter:
        return ReplyWriter(self._write_reply, message_id)

    def _write_reply(
        self, message_id: int, text: str, partial: bool, provider: str | None, model: str | None
    ) -> bool:
        def action(c: Connection) -> bool:
            answers.write_reply(
                c, message_id, text, partial=partial, provider=provider, model=model
            )
            return True

        return self._db.sql(action, False)

    def finish_answer(
        self, rows: AnswerRows | None, end: AnswerEnd, *, cache_max_entries: int = 0
    ) -> bool:
        """One transaction: the final reply (``end``'s text, partial flag, route and meta), its
        usage row, audit row and cache entry (kept only when ``cache_max_entries`` > 0).
        ``rows`` None records only usage, audit and cache (private history off).  False, with
        ``unavailable`` saying why, when it could not be written; the text is the caller's.
        True with storage "off" (nothing is kept; the cost still counts in ``spend``)."""

        def action(c: Connection) -> bool:
            answers.finish(c, rows, end, cache_max_entries)
            return True

        if self.storage == "off":  # nothing is meant to be kept: nothing failed
            self._count_spend(end.usage, saved=False)
            return True
        saved = self._db.sql(action, False)
        self._count_spend(end.usage, saved=saved)
        return saved

    def abandon_answer(self, rows: AnswerRows) -> None:
        """The send failed before any text arrived: remove the empty reply, and the
        conversation when this answer made it and nothing else is in it."""
        self._db.sql(lambda c: answers.abandon(c, rows), None)

    # -------------------------------------------------------------------- spend
    def spend(self, now: datetime | None = None) -> Spend:
        """Today's and this month's spend (local calendar), for the budgets.

        Without ``now``: totals kept in memory, recomputed when the day or month turns or
        another process has written (microseconds).  With ``now``: computed up to it."""
        moment = now or spend.local_now()
        window = spend.Window.containing(moment)

        def action(c: Connection) -> Spend:
            if now is not None:
                return spend.SpendTotals().load(window, None, *spend.query_spend(c, window, now))
            version = c.execute("PRAGMA data_version").fetchone()[0]
            cached = self._spend.cached(window, version)
            if cached is not None:
                return cached
            return self._spend.load(window, version, *spend.query_spend(c, window, moment))

        return self._db.read_sql(action, None) or self._spend.session_only(window)
