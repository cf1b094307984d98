"""Why history cannot be kept, told once in words a user can act on.

Every failure to open, migrate, read or write the database becomes one ``StoreNotice``: a kind
the UI and pipeline can match on, and a sentence for the user.  Messages name the file and what
to do; they never contain the database key or any stored text.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
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
        "→ Privacy & history, set History storage to Plain (kept unencrypted, readable by anyone "
        'who can read your files) or Off (nothing kept); in settings.toml, storage = "plain" '
        'or "off" under [history]',
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


def damaged(path: Path) -> StoreNotice:
    return not_saved(
        CORRUPT,
        f"{path} is damaged (it is not a database this version can read); it was left "
        "untouched — move it away to start a new history",
    )


def _disk_full(_path: Path) -> StoreNotice:
    return not_saved(DISK_FULL, "the disk is full")


def _read_only(path: Path) -> StoreNotice:
    return not_saved(READ_ONLY, f"{path.parent} is read-only")


def _not_a_folder(path: Path) -> StoreNotice:
    return not_saved(READ_ONLY, f"{path.parent} is not a folder that can hold it")


def _input_output(path: Path) -> StoreNotice:
    return not_saved(UNREADABLE, f"{path} cannot be read (input/output error)")


def _locked(_path: Path) -> StoreNotice:
    return not_saved(LOCKED, "another program is holding the history file locked")


def _permission_denied(path: Path) -> StoreNotice:
    if path.exists() and not os.access(path, os.R_OK):
        return not_saved(UNREADABLE, f"{path} cannot be read (permission denied)")
    return not_saved(READ_ONLY, f"{path.parent} is read-only (permission denied)")


def _cannot_open(path: Path) -> StoreNotice:
    if _read_only_folder(path.parent):
        return _read_only(path)
    return not_saved(UNREADABLE, f"{path} cannot be opened")


_BY_ERRNO: dict[int, Callable[[Path], StoreNotice]] = {
    errno.ENOSPC: _disk_full,
    errno.EROFS: _read_only,
    errno.ENOTDIR: _not_a_folder,
    errno.EEXIST: _not_a_folder,
    errno.EACCES: _permission_denied,
    errno.EPERM: _permission_denied,
    errno.EIO: _input_output,
}

# SQLite reports errors as text; the first rule whose words appear decides.
_BY_MESSAGE: tuple[tuple[tuple[str, ...], Callable[[Path], StoreNotice]], ...] = (
    (("disk is full",), _disk_full),
    (("readonly", "read-only"), _read_only),
    (("locked", "busy"), _locked),
    (("not a database", "malformed", "corrupt"), damaged),
    (("unable to open",), _cannot_open),
    (("i/o error",), _input_output),
)


def diagnose(exc: BaseException, path: Path, action: str = "written") -> StoreNotice:
    """The notice for an exception raised while using the database at ``path``; ``action``
    ("written" or "read") words the notice for an error no rule explains."""
    code = exc.errno if isinstance(exc, OSError) else None
    if code in _BY_ERRNO:
        return _BY_ERRNO[code](path)
    text = _message_of(exc)
    for words, notice in _BY_MESSAGE:
        if any(word in text for word in words):
            return notice(path)
    summary = text.splitlines()[0][:120] if text else type(exc).__name__
    return not_saved(FAILED, f"the database could not be {action} ({summary})")


DB_ERRORS: tuple[type[BaseException], ...] = (sqlcipher.Error, SQLAlchemyError, OSError)
