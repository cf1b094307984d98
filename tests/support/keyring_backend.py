"""A real keyring backend for tests: passwords kept in a JSON file the test owns.

conftest installs one in-process for every test, so history is encrypted by default as in the
app; child processes keep keyring's "fail" backend (a box with no Secret Service) unless a test
passes ``subprocess_env``, and then the same file serves every process, as a desktop keyring
would.  ``tests/test_keyring.py`` covers the real Secret Service.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

from aideon_desktop.core import secrets

FILE_VARIABLE = "AIDEON_TEST_KEYRING_FILE"
BACKEND_NAME = "tests.support.keyring_backend.FileKeyring"
_LOCK = threading.Lock()


class FileKeyring(KeyringBackend):
    """Stores passwords in the JSON file named by $AIDEON_TEST_KEYRING_FILE."""

    priority = 5  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ[FILE_VARIABLE])

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def _save(self, data: dict[str, str]) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, self.path)

    def get_password(self, service: str, username: str) -> str | None:
        with _LOCK:
            return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        with _LOCK:
            data = self._load()
            data[f"{service}/{username}"] = password
            self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        with _LOCK:
            data = self._load()
            if data.pop(f"{service}/{username}", None) is None:
                raise PasswordDeleteError(username)
            self._save(data)


class LockedKeyring(FileKeyring):
    """A keyring that is there but refuses, as a locked GNOME Keyring collection does."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the collection is locked")


@contextmanager
def use_keyring(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    """``backend`` as this process's keyring until the block ends (the keys the app remembers
    from the previous one are forgotten both ways)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    secrets.forget_keys()
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
        secrets.forget_keys()


def subprocess_env(keyring_file: Path) -> dict[str, str]:
    """Environment entries that make a child process use the same keyring file."""
    return {"PYTHON_KEYRING_BACKEND": BACKEND_NAME, FILE_VARIABLE: str(keyring_file)}


@contextmanager
def use_file_keyring(keyring_file: Path, *, children: bool = False) -> Iterator[FileKeyring]:
    """Install a FileKeyring in this process until the block ends.  Child processes keep the
    suite's "fail" backend unless ``children`` (or a test passes ``subprocess_env`` itself)."""
    saved = {name: os.environ.get(name) for name in ("PYTHON_KEYRING_BACKEND", FILE_VARIABLE)}
    os.environ[FILE_VARIABLE] = str(keyring_file)
    if children:
        os.environ.update(subprocess_env(keyring_file))
    try:
        with use_keyring(FileKeyring()) as backend:
            yield backend  # type: ignore[misc]
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
