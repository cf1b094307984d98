"""`aideon serve`: an OpenAI-compatible API on 127.0.0.1 for every other tool on the machine.

Every request goes through the same privacy scan, task classifier, budgets, cache, store and
usage accounting as the chat window.  The model ``aideon/auto`` means "route for me"; any other
id is ``provider:model`` from the catalog and pins that model (privacy still wins).  Responses
say where they ran in ``x-aideon-*`` headers.  Loopback only, bearer token, no CORS.
"""

from __future__ import annotations

import json
import logging
import secrets as pysecrets
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from aideon_desktop.core import paths
from aideon_desktop.core.answering import Answer, AskRequest, Assistant
from aideon_desktop.core.chat import GenerationParams, Message, TextDelta
from aideon_desktop.core.errors import AideonError, InputError

log = logging.getLogger(__name__)

AUTO_MODEL = "aideon/auto"
MAX_BODY_BYTES = 8_000_000
LOOPBACK_ORIGINS = ("http://127.0.0.1", "http://localhost", "http://[::1]")


def token_file() -> Path:
    return paths.config_dir() / "api_token"


def load_or_create_token() -> str:
    """The bearer token clients must send; created once, readable by this user only."""
    path = token_file()
    if path.is_file():
        token = path.read_text(encoding="utf-8").strip()
        if token:
            return token
    path.parent.mkdir(parents=True, exist_ok=True)
    token = "aideon-" + pysecrets.token_urlsafe(32)
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(token, encoding="utf-8")
    return token


class _Server(ThreadingHTTPServer):
    # The stdlib default backlog is 5: a burst of clients connecting at once (an editor opening
    # several requests, a batch script) got "connection refused" before a thread could accept.
    request_queue_size = 128
    daemon_threads = True


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        kind: str = "invalid_request_error",
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.kind, self.code = status, message, kind, code


def parse_request(body: bytes) -> tuple[list[Message], str, bool, GenerationParams]:
    """Validate an OpenAI chat request; raises ApiError(400) saying what is wrong."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(
            400, f"The request body is not valid JSON ({exc.__class__.__name__})."
        ) from None
    if not isinstance(data, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    raw_messages = data.get("messages")
    if not isinstance(raw_messages, list) or not raw_messages:
        raise ApiError(400, "'messages' must be a non-empty array.", code="invalid_messages")
    messages = []
    for i, item in enumerate(raw_messages):
        if not isinstance(item, dict) or item.get("role") not in ("system", "user", "assistant"):
            raise ApiError(
                400,
                f"messages[{i}] needs a role of system, user or assistant.",
                code="invalid_messages",
            )
        content = item.get("content")
        if isinstance(content, list):  # the content-parts form: keep the text parts
            content = "".join(
                p.get("text", "")
                for p in content
                if isinstance(p, dict) and p.get("type") == "text"
            )
        if not isinstance(content, str):
            raise ApiError(400, f"messages[{i}].content must be text.", code="invalid_messages")
        messages.append(Message(item["role"], content))
    if messages[-1].role != "user":
        raise ApiError(400, "The last message must come from the user.", code="invalid_messages")
    model = data.get("model") or AUTO_MODEL
    if not isinstance(model, str):
        raise ApiError(400, "'model' must be a string.")
    max_tokens = data.get("max_tokens") or data.get("max_completion_tokens")
    temperature = data.get("temperature")
    if max_tokens is not None and (not isinstance(max_tokens, int) or max_tokens < 1):
        raise ApiError(400, "'max_tokens' must be a positive integer.")
    if temperature is not None and not isinstance(temperature, int | float):
        raise ApiError(400, "'temperature' must be a number.")
    return (
        messages,
        model,
        bool(data.get("stream")),
        GenerationParams(max_tokens=max_tokens, temperature=temperature),
    )


def aideon_headers(answer: Answer) -> dict[str, str]:
    route = answer.current_route
    return {
        "x-aideon-route": route.provider,
        "x-aideon-model": quote(route.model, safe="/:.-_"),
        "x-aideon-private": str(answer.decision.private).lower(),
        "x-aideon-task": answer.decision.task,
        "x-aideon-reasons": quote(
            json.dumps(list(answer.decision.reasons), ensure_ascii=True), safe=""
        ),
    }


class ApiServer:
    def __init__(
        self,
        assistant: Assistant,
        *,
        host: str = "127.0.0.1",
        port: int = 8765,
        token: str | None = None,
    ) -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise InputError("aideon serve only listens on this machine (127.0.0.1).")
        self.assistant = assistant
        self.token = token or load_or_create_token()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "aideon"

            def log_message(self, fmt: str, *args: object) -> None:
                log.info("api %s %s", self.command, self.path.split("?")[0])

            def do_GET(self) -> None:
                server._handle(self, "GET")

            def do_POST(self) -> None:
                server._handle(self, "POST")

            def do_OPTIONS(
                self,
            ) -> None:  # CORS preflight: refused, there is no cross-origin access
                server._send_error(
                    self,
                    ApiError(403, "Cross-origin requests are not allowed.", "permission_error"),
                )

        self.httpd = _Server((host, port), Handler)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, name="aideon-api", daemon=True
        )
        self._thread.start()

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # ------------------------------------------------------------------ plumbing
    @staticmethod
    def _send_json(
        handler: BaseHTTPRequestHandler,
        status: int,
        payload: Any,
        headers: dict[str, str] | None = None,
    ) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        handler.send_response(status)
        handler.send_header("content-type", "application/json")
        handler.send_header("content-length", str(len(data)))
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        handler.wfile.write(data)

    def _send_error(self, handler: BaseHTTPRequestHandler, error: ApiError) -> None:
        self._send_json(
            handler,
            error.status,
            {
                "error": {
                    "message": error.message,
                    "type": error.kind,
                    "param": None,
                    "code": error.code,
                }
            },
        )

    def _check_access(self, handler: BaseHTTPRequestHandler) -> None:
        origin = handler.headers.get("Origin")
        if origin and origin != "null" and not origin.startswith(LOOPBACK_ORIGINS):
            raise ApiError(
                403,
                f"Requests from {urlsplit(origin).netloc or origin} are not allowed.",
                "permission_error",
            )
        given = handler.headers.get("Authorization", "")
        if not pysecrets.compare_digest(given.encode(), f"Bearer {self.token}".encode()):
            raise ApiError(
                401,
                "Missing or wrong API token (Settings → Local API shows it).",
                "authentication_error",
                "invalid_api_key",
            )

    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        path = handler.path.split("?")[0].rstrip("/")
        try:
            self._check_access(handler)
            if method == "GET" and path == "/v1/models":
                return self._send_json(handler, 200, self._models())
            if method == "POST" and path == "/v1/chat/completions":
                length = int(handler.headers.get("content-length") or 0)
                if length > MAX_BODY_BYTES:
                    raise ApiError(413, "The request body is too large.")
                return self._chat(handler, handler.rfile.read(length))
            raise ApiError(404, f"No route for {method} {path}.", code="not_found")
        except ApiError as exc:
            self._send_error(handler, exc)
        except (BrokenPipeError, ConnectionResetError):
            log.info("api client went away")

    def _models(self) -> dict[str, Any]:
        data = [{"id": AUTO_MODEL, "object": "model", "created": 0, "owned_by": "aideon"}]
        for entry in self.assistant.catalog.model:
            data.append(
                {
                    "id": f"{entry.provider}:{entry.id}",
                    "object": "model",
                    "created": 0,
                    "owned_by": entry.provider,
                }
            )
        return {"object": "list", "data": data}

    def _pin(self, model: str) -> tuple[str, str] | None:
        if model in (AUTO_MODEL, "auto", ""):
            return None
        provider, _, model_id = model.partition(":")
        if not model_id or self.assistant.catalog.find(provider, model_id) is None:
            raise ApiError(
                404,
                f"The model '{model}' does not exist. Use aideon/auto or an id from /v1/models.",
                code="model_not_found",
            )
        return provider, model_id

    def _chat(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        messages, model, stream, params = parse_request(body)
        pinned = self._pin(model)
        history, prompt = messages[:-1], messages[-1].content
        try:
            stream_ = self.assistant.ask(
                AskRequest(prompt, history=tuple(history), params=params, pinned=pinned)
            )
            answer, events = stream_.answer, iter(stream_)
        except AideonError as exc:
            raise ApiError(
                400 if isinstance(exc, InputError) else 503, str(exc), "invalid_request_error"
            ) from None
        completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
        created = int(time.time())
        if stream:
            return self._stream(handler, answer, events, completion_id, created)
        try:
            for _ in events:
                pass
        except AideonError as exc:
            raise ApiError(503, str(exc), "server_error", "no_provider") from None
        self._send_json(
            handler, 200, self._completion(answer, completion_id, created), aideon_headers(answer)
        )

    @staticmethod
    def _usage(answer: Answer) -> dict[str, int]:
        usage = answer.usage
        prompt, completion = (usage.prompt_tokens, usage.completion_tokens) if usage else (0, 0)
        return {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        }

    def _completion(self, answer: Answer, completion_id: str, created: int) -> dict[str, Any]:
        route = answer.current_route
        return {
            "id": completion_id,
            "object": "chat.completion",
            "created": created,
            "model": f"{route.provider}:{route.model}",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": answer.text},
                    "finish_reason": "length"
                    if answer.usage and answer.usage.finish_reason == "length"
                    else "stop",
                }
            ],
            "usage": self._usage(answer),
        }

    def _stream(
        self,
        handler: BaseHTTPRequestHandler,
        answer: Answer,
        events: Any,
        completion_id: str,
        created: int,
    ) -> None:
        # Headers go out first, so they can only carry the decision's route (a failover shows in the model field).
        handler.send_response(200)
        handler.send_header("content-type", "text/event-stream")
        handler.send_header("cache-control", "no-cache")
        handler.send_header("connection", "close")
        for key, value in aideon_headers(answer).items():
            handler.send_header(key, value)
        handler.end_headers()

        def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> bytes:
            route = answer.current_route
            payload = {
                "id": completion_id,
                "object": "chat.completion.chunk",
                "created": created,
                "model": f"{route.provider}:{route.model}",
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                **extra,
            }
            return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode()

        handler.wfile.write(chunk({"role": "assistant", "content": ""}))
        try:
            for event in events:
                if isinstance(event, TextDelta):
                    handler.wfile.write(chunk({"content": event.text}))
                    handler.wfile.flush()
        except AideonError as exc:
            error = {
                "error": {
                    "message": str(exc),
                    "type": "server_error",
                    "param": None,
                    "code": "no_provider",
                }
            }
            handler.wfile.write(f"data: {json.dumps(error)}\n\n".encode())
            handler.close_connection = True
            return
        handler.wfile.write(chunk({}, "stop", usage=self._usage(answer)))
        handler.wfile.write(b"data: [DONE]\n\n")
        handler.wfile.flush()
        handler.close_connection = True
