"""The store's one connection, its lock, and what happens when the database fails.

Every read and write goes through ``read``, ``write`` (ORM session) or ``sql`` (plain SQL on the
hot path).  Each turns any database or file error into the store's one notice (``problem``) and
returns a default, so a failing disk never reaches the caller as an exception.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlcipher3 import dbapi2 as sqlcipher
from sqlmodel import Session

from aideon_desktop.core.store import problems
from aideon_desktop.core.store.database import Connection
from aideon_desktop.core.store.opening import StorageMode, open_database
from aideon_desktop.core.store.problems import StoreNotice, StoreUnavailableError

log = logging.getLogger(__name__)
T = TypeVar("T")


class StoreConnection:
    def __init__(self, path: Path, storage: StorageMode) -> None:
        self.path = path
        self.problem: StoreNotice | None = None
        self.encrypted = False
        self.lock = threading.Lock()
        self.conn: Connection | None = None
        self.engine: Engine | None = None
        self.read_only: StoreNotice | None = None
        self.notices: list[StoreNotice] = []
        if storage == "off":
            return
        try:
            opened = open_database(path, storage)
        except StoreUnavailableError as exc:
            self._set_problem(exc.notice)
            return
        self.conn, self.engine, self.encrypted = opened.conn, opened.engine, opened.encrypted
        self.notices, self.read_only = opened.notices, opened.read_only
        if opened.read_only is not None:
            self._set_problem(opened.read_only)
        for notice in opened.notices:
            log.info("history: %s", notice.message)

    @property
    def writable(self) -> bool:
        return self.conn is not None and self.read_only is None

    def _set_problem(self, notice: StoreNotice) -> None:
        if self.problem != notice:
            log.error("history unavailable (%s): %s", notice.kind, notice.message)
        self.problem = notice

    def fail(self, exc: BaseException, action: str = "written") -> None:
        if isinstance(exc, IntegrityError | sqlcipher.IntegrityError):
            log.warning("history write refused by a constraint: %s", type(exc).__name__)
            return
        if self.read_only is not None:  # a newer schema: its notice says it all
            log.warning("history read failed on a newer schema: %s", type(exc).__name__)
            return
        self._set_problem(problems.diagnose(exc, self.path, action))

    def _succeeded(self) -> None:
        if self.problem is not None and self.problem.transient:
            log.info("history is being saved again")
            self.problem = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.lock, Session(self.engine, expire_on_commit=False) as session:
            yield session

    def write(self, action: Callable[[Session], T], default: T) -> T:
        """One ORM transaction."""
        if not self.writable:
            return default
        try:
            with self.session() as session:
                result = action(session)
                session.commit()
        except problems.DB_ERRORS as exc:
            self.fail(exc)
            return default
        self._succeeded()
        return result

    def sql(self, action: Callable[[Connection], T], default: T) -> T:
        """One transaction of plain SQL on the persistent connection (the hot path)."""
        conn = self.conn
        if conn is None or self.read_only is not None:
            return default
        try:
            with self.lock:
                try:
                    result = action(conn)
                    conn.commit()
                except BaseException:
                    conn.rollback()
                    raise
        except problems.DB_ERRORS as exc:
            self.fail(exc)
            return default
        self._succeeded()
        return result

    def read(self, action: Callable[[Session], T], default: T) -> T:
        if self.conn is None:
            return default
        try:
            with self.session() as session:
                return action(session)
        except problems.DB_ERRORS as exc:
            self.fail(exc, "read")
            return default

    def read_sql(self, action: Callable[[Connection], T], default: T) -> T:
        conn = self.conn
        if conn is None:
            return default
        try:
            with self.lock:
                return action(conn)
        except problems.DB_ERRORS as exc:
            self.fail(exc, "read")
            return default

    def integrity_ok(self) -> bool:
        def check(conn: Connection) -> bool:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                return False
            return (
                not self.encrypted or not conn.execute("PRAGMA cipher_integrity_check").fetchall()
            )

        return self.read_sql(check, False)

    def close(self) -> None:
        with self.lock:
            if self.engine is not None:
                self.engine.dispose()  # closes the one connection
            elif self.conn is not None:
                self.conn.close()
            self.engine, self.conn = None, None
