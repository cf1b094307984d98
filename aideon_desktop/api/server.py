"""`aideon serve`: an OpenAI-compatible API on 127.0.0.1 for every other tool on the machine.

Every request goes through the same privacy scan, task classifier, budgets, cache, store and
usage accounting as the chat window.  The model ``aideon/auto`` means "route for me"; any other
id is ``provider:model`` from the catalog and pins that model (privacy still wins).  Responses
say where they ran in ``x-aideon-*`` headers.  Loopback only, exact Host and Origin checks,
bearer token, no CORS (``access``).

Served by uvicorn (h11) with Starlette, on its own event-loop thread inside the app or in the
foreground for the CLI.  The limits (``ServerLimits``) bound what any client can hold: open
connections, time to send headers and body, idle keep-alive, body size and concurrent answers.
"""

from __future__ import annotations

import logging
import socket
import threading
import time

import uvicorn

from aideon_desktop.api.access import AccessPolicy, load_or_create_token, token_file
from aideon_desktop.api.answers import AnswerRunner
from aideon_desktop.api.app import create_app
from aideon_desktop.api.limits import ServerLimits
from aideon_desktop.api.protocol import guarded_protocol
from aideon_desktop.api.schema import AUTO_MODEL
from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.errors import InputError

__all__ = ["AUTO_MODEL", "ApiServer", "ServerLimits", "token_file"]
log = logging.getLogger(__name__)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class ApiServer:
    """Binds at construction (an OSError if the port is taken), serves after ``start()``
    (a background thread) or ``serve_forever()`` (this thread, until Ctrl+C)."""

    def __init__(
        self,
        assistant: Assistant,
        *,
        host: str = "127.0.0.1",
        port: int = 8765,
        token: str | None = None,
        limits: ServerLimits | None = None,
    ) -> None:
        if host not in LOOPBACK_HOSTS:
            raise InputError("aideon serve only listens on this machine (127.0.0.1).")
        self.assistant = assistant
        self.token = token or load_or_create_token()
        self.limits = limits or ServerLimits()
        self._socket = _bind(host, port)
        self.port = self._socket.getsockname()[1]
        self._runner = AnswerRunner(self.limits.max_connections)
        app = create_app(assistant, AccessPolicy(self.token, self.port), self._runner, self.limits)
        self._server = uvicorn.Server(_config(app, self.limits))
        self._thread: threading.Thread | None = None
        self._host = host

    @property
    def url(self) -> str:
        host = "[::1]" if self._host == "::1" else self._host
        return f"http://{host}:{self.port}/v1"

    def start(self, wait_s: float = 10.0) -> None:
        """Serve on a background thread; returns once it accepts connections."""
        self._thread = threading.Thread(target=self._serve, name="aideon-api", daemon=True)
        self._thread.start()
        until = time.monotonic() + wait_s
        while not self._server.started and self._thread.is_alive() and time.monotonic() < until:
            time.sleep(0.01)

    def serve_forever(self) -> None:
        """Serve on this thread until interrupted (Ctrl+C raises KeyboardInterrupt after a
        graceful stop)."""
        self._serve()

    def _serve(self) -> None:
        try:
            self._server.run(sockets=[self._socket])
        finally:
            self._socket.close()

    def stop(self, *, wait: bool = True) -> None:
        """Stop serving: running answers are cancelled, and answers still streaming after
        ``shutdown_grace_s`` are ended.  ``wait=False`` returns at once (the GUI thread)."""
        self._runner.close()  # cancel running answers first, so their responses end promptly
        self._server.should_exit = True
        if self._thread is None:
            self._socket.close()  # never started, or served in the foreground (closed there)
        elif wait and self._thread is not threading.current_thread():
            self._thread.join(timeout=self.limits.shutdown_grace_s + 5)

    @property
    def open_connections(self) -> int:
        """Connections open right now (for tests and the status display)."""
        return len(self._server.server_state.connections)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(256)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def _config(app: object, limits: ServerLimits) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        http=guarded_protocol(
            limits.max_connections, limits.header_timeout_s, limits.body_timeout_s
        ),
        loop="asyncio",
        ws="none",
        lifespan="off",
        interface="asgi3",
        log_config=None,  # the app's own logging (masked, to the log file)
        access_log=False,  # paths and client ports are not worth a line per request
        server_header=False,
        timeout_keep_alive=limits.idle_timeout_s,
        timeout_graceful_shutdown=limits.shutdown_grace_s,
        h11_max_incomplete_event_size=limits.max_header_bytes,
    )
