"""What any one client can hold of ``aideon serve``: connections, time and bytes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServerLimits:
    # Open at once; the next one gets a 503 and is closed.  Each connection carries one request
    # at a time, and each request has a worker thread (made on demand) for its answer, so no
    # request ever waits for another's answer — a slow local one least of all.
    max_connections: int = 64
    header_timeout_s: float = 10.0  # request line + headers, from the connection's first byte
    body_timeout_s: float = 30.0  # the whole body, once the headers are in (408)
    idle_timeout_s: int = 5  # keep-alive between requests
    max_body_bytes: int = 8_000_000  # 413 above this
    max_header_bytes: int = 64 * 1024  # request line + headers (431 above this)
    shutdown_grace_s: int = 2  # stop(): answers still streaming after this are cut
