"""The history database key: made once, kept in the keyring, never echoed."""

from __future__ import annotations

import pytest

from aideon_desktop.core import secrets
from aideon_desktop.core.logs import mask_secrets
from tests.support.keyring_backend import FileKeyring, LockedKeyring, use_keyring


def test_database_key_is_created_once_and_kept(working_keyring: FileKeyring) -> None:
    assert secrets.get_database_key() is None
    key = secrets.create_database_key()
    assert len(key) == 64 and int(key, 16) >= 0
    assert working_keyring.get_password("aideon-desktop", "history-database-key") == key
    assert secrets.get_database_key() == key
    assert secrets.create_database_key() != key  # each call is a new random key
    assert mask_secrets(f"x {key} y") != f"x {key} y", "registered for log masking"


def test_a_malformed_key_is_refused_without_echoing_it(working_keyring: FileKeyring) -> None:
    working_keyring.set_password("aideon-desktop", "history-database-key", "not-a-key-123")
    with pytest.raises(ValueError) as info:
        secrets.get_database_key()
    assert "not-a-key" not in str(info.value)


def test_no_keyring_raises_the_keyring_error(no_keyring: None) -> None:
    with pytest.raises(secrets.KeyringUnavailableError):
        secrets.get_database_key()
    with pytest.raises(secrets.KeyringUnavailableError):
        secrets.create_database_key()


def test_a_refusing_keyring_is_told_apart() -> None:
    with use_keyring(LockedKeyring()), pytest.raises(secrets.KeyringAccessError) as info:
        secrets.get_database_key()
    assert "refused to read the history key (KeyringLocked)" in str(info.value)
    with use_keyring(LockedKeyring()), pytest.raises(secrets.KeyringAccessError):
        secrets.create_database_key()


class CountingKeyring(FileKeyring):
    """The file keyring, counting reads (a Secret Service read is a D-Bus round trip)."""

    reads = 0

    def get_password(self, service: str, username: str) -> str | None:
        CountingKeyring.reads += 1
        return super().get_password(service, username)


def test_an_api_key_is_read_from_the_keyring_once_then_remembered(
    working_keyring: FileKeyring,
) -> None:
    backend = CountingKeyring()
    with use_keyring(backend):
        secrets.set_api_key("together", "tgp_v1_remembered_remembered_1")
        CountingKeyring.reads = 0
        for _ in range(5):  # five requests
            assert secrets.get_api_key("together") == "tgp_v1_remembered_remembered_1"
        assert CountingKeyring.reads == 1
        secrets.set_api_key("together", "tgp_v1_replaced_replaced_222")  # Settings → Save
        assert secrets.get_api_key("together") == "tgp_v1_replaced_replaced_222"
        secrets.delete_api_key("together")  # Settings → Remove
        assert secrets.get_api_key("together") is None


def test_a_key_the_keyring_refused_to_give_is_asked_for_again(working_keyring: FileKeyring) -> None:
    working_keyring.set_password(secrets.SERVICE_NAME, "together", "tgp_v1_unlocked_unlocked_33")
    unlocked = FileKeyring.get_password
    locked = LockedKeyring.get_password
    working_keyring.get_password = lambda *a: locked(working_keyring, *a)  # the collection locks
    assert secrets.get_api_key("together") is None
    working_keyring.get_password = lambda *a: unlocked(working_keyring, *a)  # the user unlocks it
    assert secrets.get_api_key("together") == "tgp_v1_unlocked_unlocked_33"  # not a remembered None
