"""API keys: kept in the OS keyring and nowhere else on disk.

A key read from the keyring is remembered in this process for KEY_TTL_S (the log filter holds
every key it has seen for masking anyway), so a request does not pay a Secret Service round
trip; saving or removing a key in the app forgets it at once, and a change made outside the app
is seen within KEY_TTL_S.

Environment variables override the keyring for scripts and CI (``TOGETHER_API_KEY``,
``HF_TOKEN``).  When no keyring backend exists, reading returns nothing and writing raises a
clear KeyringUnavailableError — keys are never written to a plain file instead.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable
from secrets import token_hex

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from aideon_desktop.core.errors import InputError, KeyringUnavailableError
from aideon_desktop.core.logs import register_secret
from aideon_desktop.core.providers import registry

SERVICE_NAME = "aideon-desktop"

log = logging.getLogger(__name__)


def key_env(provider: str) -> str | None:
    """The environment variable that overrides ``provider``'s keyring entry (registry data)."""
    spec = registry.find(provider)
    return spec.key_env if spec is not None else None


class KeyringAccessError(KeyringUnavailableError):
    """A keyring exists but refused or failed the request (locked, dismissed, D-Bus error)."""


KEY_TTL_S = 300.0
_keys: dict[str, tuple[str | None, float]] = {}  # provider → (key or None, when read)


def get_api_key(provider: str) -> str | None:
    """The key for ``provider`` (environment override first), or None."""
    env_name = key_env(provider)
    if env_name and os.environ.get(env_name, "").strip():
        value = os.environ[env_name].strip()
        register_secret(value)
        return value
    known = _keys.get(provider)
    if known is not None and time.monotonic() - known[1] < KEY_TTL_S:
        return known[0]
    try:
        value = keyring.get_password(SERVICE_NAME, provider)
    except NoKeyringError:
        return None
    except KeyringError as exc:
        log.warning("keyring read failed for %s: %s", provider, type(exc).__name__)
        return None  # not remembered: a locked keyring may be unlocked a moment later
    if value:
        register_secret(value)
    _keys[provider] = (value or None, time.monotonic())
    return value or None


def _forget(provider: str) -> None:
    _presence.pop(provider, None)
    _keys.pop(provider, None)


def forget_keys() -> None:
    """Drop every remembered key and presence (another keyring backend was installed)."""
    _presence.clear()
    _keys.clear()


# Whether a key exists, remembered briefly: routing asks on every keystroke of the live privacy
# indicator, and a Secret Service lookup is a D-Bus round trip.
PRESENCE_TTL_S = 30.0
_presence: dict[str, tuple[bool, float]] = {}


def has_api_key(provider: str) -> bool:
    env_name = key_env(provider)
    if env_name and os.environ.get(env_name, "").strip():
        return True
    known = _presence.get(provider)
    if known is not None and time.monotonic() - known[1] < PRESENCE_TTL_S:
        return known[0]
    present = get_api_key(provider) is not None
    _presence[provider] = (present, time.monotonic())
    return present


def keyring_status() -> str | None:
    """None when a usable keyring exists, else a sentence for the user."""
    backend = keyring.get_keyring()
    priority = getattr(backend, "priority", 0)
    if priority is None or float(priority) < 1 or "fail" in type(backend).__module__:
        return (
            "No system keyring is available: API keys cannot be saved. Aideon keeps working with "
            "the local model; install and unlock GNOME Keyring or KWallet, or set TOGETHER_API_KEY / HF_TOKEN."
        )
    return None


def set_api_key(provider: str, key: str) -> None:
    key = key.strip()
    if not key:
        raise InputError("The API key is empty: paste the key, then save it.")
    register_secret(key)
    _forget(provider)
    try:
        keyring.set_password(SERVICE_NAME, provider, key)
    except NoKeyringError as exc:
        raise KeyringUnavailableError(
            "No system keyring is available, so the key was not saved. Install and unlock a "
            "Secret Service (GNOME Keyring, KWallet) or set "
            f"{key_env(provider) or 'the environment variable'} instead."
        ) from exc
    except KeyringError as exc:
        raise KeyringUnavailableError(
            f"The system keyring refused to save the key ({type(exc).__name__})."
        ) from None


def delete_api_key(provider: str) -> None:
    _forget(provider)
    try:
        keyring.delete_password(SERVICE_NAME, provider)
    except PasswordDeleteError:
        return
    except NoKeyringError:
        return


# The history database key: 256 random bits, kept in the keyring beside the API keys as 64 hex
# digits and used as a raw SQLCipher key (no passphrase derivation, so connections open fast).
# Never logged, never put in an exception, a process argument or a file.
DATABASE_KEY_ENTRY = "history-database-key"
_DATABASE_KEY_FORMAT = re.compile(r"[0-9a-f]{64}")


def _keyring_call(action: str, call: Callable[[], str | None]) -> str | None:
    if keyring_status() is not None:
        raise KeyringUnavailableError("No system keyring is available.")
    try:
        return call()
    except NoKeyringError as exc:
        raise KeyringUnavailableError("No system keyring is available.") from exc
    except KeyringError as exc:
        log.warning("keyring %s failed for the history key: %s", action, type(exc).__name__)
        raise KeyringAccessError(
            f"The system keyring refused to {action} the history key ({type(exc).__name__})."
        ) from None


def get_database_key() -> str | None:
    """The history key (64 hex digits), or None when the keyring holds none.

    Raises KeyringUnavailableError without a keyring, KeyringAccessError when it refuses, and
    ValueError when the entry is not a key this app wrote (the value is never echoed).
    """
    value = _keyring_call("read", lambda: keyring.get_password(SERVICE_NAME, DATABASE_KEY_ENTRY))
    if not value:
        return None
    value = value.strip().lower()
    register_secret(value)
    if not _DATABASE_KEY_FORMAT.fullmatch(value):
        raise ValueError("The history key in the keyring is not a 256-bit hex key.")
    return value


def create_database_key() -> str:
    """Make a new random history key and save it; returns it once it reads back from the keyring."""
    value = token_hex(32)
    register_secret(value)
    _keyring_call("save", lambda: keyring.set_password(SERVICE_NAME, DATABASE_KEY_ENTRY, value))
    if get_database_key() != value:
        raise KeyringAccessError("The system keyring did not keep the history key.")
    return value
