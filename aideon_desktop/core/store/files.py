"""The database file on disk: what kind it is, and who may read it (0600 files, 0700 folder)."""

from __future__ import annotations

import logging
import os
import stat
import time
from enum import Enum
from pathlib import Path

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_MULTIPLE = 512  # every SQLite/SQLCipher page size is a multiple of this
FILE_MODE = 0o600
FOLDER_MODE = 0o700
COMPANIONS = ("-wal", "-shm", "-journal")


class FileKind(Enum):
    NEW = "new"  # missing or empty: SQLite makes a new database
    PLAIN = "plain"  # an unencrypted SQLite database
    OPAQUE = "opaque"  # no SQLite header: encrypted, or damaged
    DAMAGED = "damaged"  # cannot be a database of any kind (size is not whole pages)


def file_kind(path: Path) -> FileKind:
    """Reads 16 bytes.  Raises OSError when the file exists but cannot be read."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return FileKind.NEW
    if size == 0:
        return FileKind.NEW
    with open(path, "rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header == SQLITE_HEADER:
        return FileKind.PLAIN
    if size % PAGE_MULTIPLE:
        return FileKind.DAMAGED
    return FileKind.OPAQUE


def companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in COMPANIONS]


def prepare_folder(folder: Path) -> None:
    """Create the folder 0700, or tighten it to 0700 when it is ours and open to others.

    Never touches a shared sticky folder such as /tmp, nor one owned by someone else.
    """
    if not folder.exists():
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        return
    info = folder.stat()
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(20, "Not a directory", str(folder))
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077 and not mode & stat.S_ISVTX and info.st_uid == os.getuid():
        try:
            folder.chmod(mode & ~0o077)
        except OSError as exc:
            log.warning("could not tighten %s: %s", folder, type(exc).__name__)


def secure_files(path: Path) -> None:
    """Make the database (creating it empty if missing) and its companions 0600.

    SQLite gives the -wal and -shm files the mode of the database file, so creating the database
    0600 before SQLite opens it keeps every file private without touching the process umask.
    """
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE))
    for candidate in (path, *companions(path)):
        try:
            if stat.S_IMODE(candidate.stat().st_mode) != FILE_MODE:
                candidate.chmod(FILE_MODE)
        except FileNotFoundError:
            continue


def backup_name(path: Path, label: str) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{label}-{stamp}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.name}.{label}-{stamp}-{counter}")
    return candidate


def remove_quietly(path: Path) -> None:
    for candidate in (path, *companions(path)):
        try:
            candidate.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("could not remove %s: %s", candidate, type(exc).__name__)
