"""Who may use the local API: this machine's programs holding the token, nobody else.

* **Host** must name this server exactly: ``127.0.0.1``, ``localhost`` or ``[::1]`` with the
  port it listens on.  A web page whose domain an attacker re-points at 127.0.0.1 (DNS
  rebinding) sends its own name and is refused.
* **Origin**, when a browser sends one, must be exactly ``http://`` plus one of those names
  and an optional port: ``http://localhost.evil.com`` is not ``http://localhost``.  No CORS
  headers are ever sent, and preflight requests are refused.
* **Authorization** must carry the bearer token from a file only this user can read.
"""

from __future__ import annotations

import re
import secrets as pysecrets
from pathlib import Path

from aideon_desktop.api.errors import ApiError
from aideon_desktop.core import paths

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
LOOPBACK_ORIGIN = re.compile(r"http://(?:127\.0\.0\.1|localhost|\[::1\])(?::[0-9]{1,5})?")


def token_file() -> Path:
    return paths.config_dir() / "api_token"


def load_or_create_token() -> str:
    """The bearer token clients must send; created once, readable by this user only."""
    path = token_file()
    if path.is_file():
        path.chmod(0o600)
        token = path.read_text(encoding="utf-8").strip()
        if token:
            return token
    path.parent.mkdir(parents=True, exist_ok=True)
    token = "aideon-" + pysecrets.token_urlsafe(32)
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(token, encoding="utf-8")
    return token


class AccessPolicy:
    def __init__(self, token: str, port: int) -> None:
        self._bearer = f"Bearer {token}".encode()
        self._hosts = frozenset(f"{name}:{port}".encode() for name in LOOPBACK_NAMES)

    def check(self, method: str, headers: dict[bytes, bytes]) -> None:
        """Raise ApiError unless this request may be served."""
        host = headers.get(b"host", b"").lower()
        if host not in self._hosts:
            raise ApiError(
                403,
                "This API answers only requests addressed to 127.0.0.1, localhost or [::1] "
                "on its own port.",
                "permission_error",
                "host_not_allowed",
            )
        origin = headers.get(b"origin")
        if origin is not None and not LOOPBACK_ORIGIN.fullmatch(origin.decode("latin-1")):
            raise ApiError(
                403,
                "Requests from other origins are not allowed.",
                "permission_error",
                "origin_not_allowed",
            )
        if method == "OPTIONS":  # a CORS preflight: there is no cross-origin access
            raise ApiError(
                403, "Cross-origin requests are not allowed.", "permission_error", "no_cors"
            )
        given = headers.get(b"authorization", b"")
        if not pysecrets.compare_digest(given, self._bearer):
            raise ApiError(
                401,
                "Missing or wrong API token (Settings → Local API shows it).",
                "authentication_error",
                "invalid_api_key",
            )
