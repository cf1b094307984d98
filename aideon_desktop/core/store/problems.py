"""Why history cannot be kept, told once in words a user can act on.

Every failure to open, migrate, read or write the database becomes one ``StoreNotice``: a kind
the UI and pipeline can match on, and a sentence for the user.  Messages name the file and what
to do; they never contain the database key or any stored text.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlcipher3 import dbapi2 as sqlcipher

ANSWERS_STILL_WORK = "Answers still work."

# Kinds a notice can have.
CORRUPT = "corrupt"
UNREADABLE = "unreadable"
READ_ONLY = "read_only"
DISK_FULL = "disk_full"
NEWER_SCHEMA = "newer_schema"
WRONG_KEY = "wrong_key"
MISSING_KEY = "missing_key"
NO_KEYRING = "no_keyring"
KEYRING_ERROR = "keyring_error"
LOCKED = "locked"
NOT_PLAIN = "not_plain"
FAILED = "failed"
ENCRYPTED = "history_encrypted"  # one-time information, not a problem

# Problems that can pass (space freed, lock released): a later successful write clears them.
TRANSIENT = frozenset({DISK_FULL, LOCKED, FAILED})


@dataclass(frozen=True)
class StoreNotice:
    kind: str
    message: str

    @property
    def transient(self) -> bool:
        return self.kind in TRANSIENT


class StoreUnavailableError(Exception):
    """Raised while opening; carries the notice.  Never shown raw: ``notice.message`` is."""

    def __init__(self, notice: StoreNotice) -> None:
        super().__init__(notice.message)
        self.notice = notice


def not_saved(kind: str, reason: str) -> StoreNotice:
    return StoreNotice(kind, f"History is not being saved: {reason}. {ANSWERS_STILL_WORK}")


def newer_schema(version: int, supported: int) -> StoreNotice:
    return StoreNotice(
        NEWER_SCHEMA,
        f"History was written by a newer Aideon (schema {version}); this version will not change "
        f"it (it understands schema {supported}). Past conversations can still be read; new ones "
        f"are not saved. {ANSWERS_STILL_WORK}",
    )


def no_keyring() -> StoreNotice:
    return not_saved(
        NO_KEYRING,
        "history is encrypted, and no system keyring is available to hold its key. In Settings "
        "→ History, set Storage to 'plain' (kept unencrypted, readable by anyone who can read "
        "your files) or 'off' (nothing kept); in settings.toml that is storage = \"plain\" or "
        '"off" under [history]',
    )


def _read_only_folder(folder: Path) -> bool:
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        return False
    return not os.access(folder, os.W_OK)


def _message_of(exc: BaseException) -> str:
    inner = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    return str(inner).lower()


def diagnose(exc: BaseException, path: Path, action: str = "written") -> StoreNotice:
    """The notice for an exception raised while using the database at ``path``; ``action``
    ("written" or "read") words the notice for an error no other case explains."""
    folder = path.parent
    code = exc.errno if isinstance(exc, OSError) else None
    text = _message_of(exc)
    if code == errno.ENOSPC or "disk is full" in text or "database or disk is full" in text:
        return not_saved(DISK_FULL, "the disk is full")
    if code == errno.EROFS or "readonly" in text or "read-only" in text:
        return not_saved(READ_ONLY, f"{folder} is read-only")
    if code in (errno.ENOTDIR, errno.EEXIST):
        return not_saved(READ_ONLY, f"{folder} is not a folder that can hold it")
    if isinstance(exc, PermissionError):
        if path.exists() and not os.access(path, os.R_OK):
            return not_saved(UNREADABLE, f"{path} cannot be read (permission denied)")
        return not_saved(READ_ONLY, f"{folder} is read-only (permission denied)")
    if "locked" in text or "busy" in text:
        return not_saved(LOCKED, "another program is holding the history file locked")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return damaged(path)
    if "unable to open" in text or code in (errno.EACCES, errno.EPERM):
        if _read_only_folder(folder):
            return not_saved(READ_ONLY, f"{folder} is read-only")
        return not_saved(UNREADABLE, f"{path} cannot be opened")
    if "i/o error" in text or code == errno.EIO:
        return not_saved(UNREADABLE, f"{path} cannot be read (input/output error)")
    summary = text.splitlines()[0][:120] if text else type(exc).__name__
    return not_saved(FAILED, f"the database could not be {action} ({summary})")


def damaged(path: Path) -> StoreNotice:
    return not_saved(
        CORRUPT,
        f"{path} is damaged (it is not a database this version can read); it was left "
        "untouched — move it away to start a new history",
    )


DB_ERRORS: tuple[type[BaseException], ...] = (sqlcipher.Error, SQLAlchemyError, OSError)
