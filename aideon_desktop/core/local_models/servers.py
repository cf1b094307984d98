"""Models the user already runs on this machine: Ollama and LM Studio.

* Ollama lists its models at ``GET /api/tags`` (default ``http://127.0.0.1:11434``).
* LM Studio lists the models it can serve at ``GET /v1/models`` (default ``http://127.0.0.1:1234``).

Both answer chats on their OpenAI-compatible ``/v1/chat/completions`` (SSE), so
``core.providers.local_server.LocalServerProvider`` talks to them (registry rows ollama, lmstudio).

Detection never blocks start-up: each probe has a sub-second connect timeout, the two run in
parallel, and ``ServerWatcher`` runs them in a background thread and keeps the last result.
Only a server on a loopback address counts as "on this device" (trusted for private prompts).
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlparse

import httpx

log = logging.getLogger(__name__)

ServerKind = Literal["ollama", "lmstudio"]
OLLAMA_URL = "http://127.0.0.1:11434"
LMSTUDIO_URL = "http://127.0.0.1:1234"
DISPLAY: dict[ServerKind, str] = {"ollama": "Ollama", "lmstudio": "LM Studio"}
CONNECT_TIMEOUT_S = 0.3
READ_TIMEOUT_S = 1.5


def is_loopback_url(url: str) -> bool:
    host = (urlparse(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServerModel:
    server: ServerKind
    id: str  # what the server's chat endpoint expects as "model"
    size_bytes: int | None = None
    parameter_size: str = ""
    quantization: str = ""
    family: str = ""

    @property
    def choice(self) -> str:
        """The name ``aideon models use`` takes: ``ollama:llama3.2:latest``."""
        return f"{self.server}:{self.id}"


@dataclass(frozen=True)
class ServerStatus:
    server: ServerKind
    base_url: str
    running: bool
    models: tuple[ServerModel, ...] = ()
    error: str = ""
    on_this_device: bool = True

    @property
    def display(self) -> str:
        return DISPLAY[self.server]

    def describe(self) -> str:
        where = "on this machine" if self.on_this_device else f"at {self.base_url}"
        if not self.running:
            return f"{self.display} is not running {where}"
        count = len(self.models)
        if count == 0:
            return f"{self.display} runs {where} but has no chat model yet"
        return f"{self.display} runs {where} with {count} chat model{'' if count == 1 else 's'}"


def _get_json(client: httpx.Client, url: str) -> Any:
    response = client.get(url)
    response.raise_for_status()
    return response.json()


def _is_embedding_model(details: dict[str, Any]) -> bool:
    """Embedding models (nomic-bert, bert…) are listed by Ollama but cannot chat."""
    families = details.get("families") or [details.get("family") or ""]
    return any("bert" in str(family) for family in families)


def _ollama_models(payload: Any) -> tuple[ServerModel, ...]:
    models = []
    for item in payload.get("models") or []:
        name = item.get("model") or item.get("name")
        details = item.get("details") or {}
        if not isinstance(name, str) or not name or _is_embedding_model(details):
            continue
        size = item.get("size")
        models.append(
            ServerModel(
                server="ollama",
                id=name,
                size_bytes=size if isinstance(size, int) else None,
                parameter_size=str(details.get("parameter_size") or ""),
                quantization=str(details.get("quantization_level") or ""),
                family=str(details.get("family") or ""),
            )
        )
    return tuple(models)


def _lmstudio_models(payload: Any) -> tuple[ServerModel, ...]:
    models = []
    for item in payload.get("data") or []:
        model_id = item.get("id")
        if not isinstance(model_id, str) or not model_id or "embed" in model_id.lower():
            continue  # LM Studio lists its embedding models too
        models.append(ServerModel(server="lmstudio", id=model_id))
    return tuple(models)


_PROBES: dict[ServerKind, tuple[str, Callable[[Any], tuple[ServerModel, ...]]]] = {
    "ollama": ("/api/tags", _ollama_models),
    "lmstudio": ("/v1/models", _lmstudio_models),
}


def detect(
    server: ServerKind, base_url: str, *, transport: httpx.BaseTransport | None = None
) -> ServerStatus:
    """Ask one server for its models.  Never raises; a server that is down is ``running=False``."""
    base = base_url.rstrip("/")
    path, parse = _PROBES[server]
    timeout = httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S)
    local = is_loopback_url(base)
    try:
        with httpx.Client(timeout=timeout, transport=transport, trust_env=False) as client:
            models = parse(_get_json(client, base + path))
    except (httpx.ConnectError, httpx.ConnectTimeout):
        return ServerStatus(server, base, False, on_this_device=local)
    except (httpx.HTTPError, ValueError, AttributeError, TypeError) as exc:
        error = f"{DISPLAY[server]} at {base} gave an unusable model list ({type(exc).__name__})"
        log.info("%s", error)
        return ServerStatus(server, base, False, error=error, on_this_device=local)
    return ServerStatus(server, base, True, models, on_this_device=local)


def detect_servers(
    ollama_url: str = OLLAMA_URL, lmstudio_url: str = LMSTUDIO_URL
) -> list[ServerStatus]:
    """Probe Ollama and LM Studio in parallel (about a second at worst)."""
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="aideon-detect") as pool:
        futures = [
            pool.submit(detect, "ollama", ollama_url),
            pool.submit(detect, "lmstudio", lmstudio_url),
        ]
        return [f.result() for f in futures]


class ServerWatcher:
    """Detects the servers in a background thread; ``snapshot()`` never waits.  ``on_change``
    is called from that thread when the result differs from the previous one."""

    def __init__(
        self,
        ollama_url: str = OLLAMA_URL,
        lmstudio_url: str = LMSTUDIO_URL,
        max_age_s: float = 30.0,
        on_change: Callable[[list[ServerStatus]], None] | None = None,
    ) -> None:
        self.ollama_url = ollama_url
        self.lmstudio_url = lmstudio_url
        self.max_age_s = max_age_s
        self.on_change = on_change
        self._statuses: list[ServerStatus] = []
        self._checked_at = float("-inf")
        self._lock = threading.Lock()
        self._running: threading.Thread | None = None

    def refresh_async(self) -> threading.Thread:
        with self._lock:
            if self._running is not None and self._running.is_alive():
                return self._running
            self._running = threading.Thread(
                target=self._refresh, name="aideon-server-detect", daemon=True
            )
            self._running.start()
            return self._running

    def _refresh(self) -> None:
        statuses = detect_servers(self.ollama_url, self.lmstudio_url)
        with self._lock:
            changed = statuses != self._statuses
            self._statuses, self._checked_at = statuses, time.monotonic()
        if changed and self.on_change is not None:
            self.on_change(statuses)

    def snapshot(self) -> list[ServerStatus]:
        """The last detection result (empty before the first finishes); refreshes in the
        background when it is older than ``max_age_s``."""
        if time.monotonic() - self._checked_at > self.max_age_s:
            self.refresh_async()
        with self._lock:
            return list(self._statuses)
