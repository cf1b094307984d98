"""The ASGI application behind ``aideon serve`` (Starlette).

Every request passes the access policy first (Host, Origin, token), then its route:
``GET /v1/models`` and ``POST /v1/chat/completions``.  A body is read with a size limit (413)
and a time limit (408); the request is validated by ``schema``; the answer runs on a worker
thread (``answers``).  Nothing raised here reaches uvicorn: an unexpected error is logged in
one masked line and answered with a 500, and a client that leaves is not an error at all.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aideon_desktop.api.access import AccessPolicy
from aideon_desktop.api.answers import AnswerRunner, ClientGoneError
from aideon_desktop.api.errors import ApiError
from aideon_desktop.api.limits import ServerLimits
from aideon_desktop.api.responses import ChunkWriter, aideon_headers, completion, model_list
from aideon_desktop.api.schema import AUTO_MODEL, ChatCall, parse_chat_request
from aideon_desktop.core.answering import AnswerStream, AskRequest, Assistant
from aideon_desktop.core.catalog import Catalog
from aideon_desktop.core.chat import TextDelta
from aideon_desktop.core.errors import AideonError, InputError
from aideon_desktop.core.providers.openai_compatible import mask_key

log = logging.getLogger(__name__)
Endpoint = Callable[[Request], Awaitable[Response]]


def error_response(error: ApiError) -> JSONResponse:
    headers = {"connection": "close"} if error.status in (408, 413, 431) else None
    return JSONResponse(error.body(), status_code=error.status, headers=headers)


def guarded(endpoint: Endpoint) -> Endpoint:
    """ApiError → its JSON response; a departed client → nothing; anything else → a 500 and
    one log line (no traceback: the message is masked and the type is enough to look into)."""

    async def run(request: Request) -> Response:
        try:
            return await endpoint(request)
        except ApiError as exc:
            return error_response(exc)
        except (ClientDisconnect, ClientGoneError):
            return Response(status_code=499)  # never reaches the client: it is gone
        except AideonError as exc:  # the server is stopping
            return error_response(ApiError(503, str(exc), "server_error", "unavailable"))
        except Exception as exc:  # noqa: BLE001 - the API must answer, never crash a connection
            log.error("api: unexpected %s: %s", type(exc).__name__, mask_key(str(exc))[:300])
            return error_response(
                ApiError(500, "The local API failed unexpectedly.", "server_error")
            )

    return run


class AccessGuard:
    """ASGI middleware: header size and the access policy before any route (a 404 is also
    only for the token holder).  h11 bounds a head that arrives in pieces; this bounds one
    that arrives whole."""

    def __init__(self, app: ASGIApp, policy: AccessPolicy, max_header_bytes: int) -> None:
        self.app, self.policy, self.max_header_bytes = app, policy, max_header_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            self._check(scope)
        except ApiError as exc:
            await error_response(exc)(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except asyncio.CancelledError:
            # The server is stopping and gave up waiting for this answer: end the response
            # cleanly rather than let the cancellation surface as a traceback.
            with contextlib.suppress(Exception):
                await _end_at_shutdown(scope, receive, send, started)

    def _check(self, scope: Scope) -> None:
        size = len(scope["raw_path"]) + sum(len(k) + len(v) + 4 for k, v in scope["headers"])
        if size > self.max_header_bytes:
            raise ApiError(
                431,
                f"The request headers are larger than {self.max_header_bytes} bytes.",
                code="headers_too_large",
            )
        self.policy.check(scope["method"], dict(scope["headers"]))


async def _end_at_shutdown(scope: Scope, receive: Receive, send: Send, started: bool) -> None:
    message = "The local API is shutting down; the answer was not finished."
    if started:
        body = ChunkWriter.error(message)
        await send({"type": "http.response.body", "body": body, "more_body": False})
    else:
        await error_response(ApiError(503, message, "server_error", "shutting_down"))(
            scope, receive, send
        )


async def read_body(request: Request, max_bytes: int, timeout_s: float) -> bytes:
    """The request body, at most ``max_bytes`` (413), within ``timeout_s`` (408)."""
    declared = request.headers.get("content-length")
    if declared is not None and int(declared) > max_bytes:  # h11 has checked it is a number
        raise _too_large(max_bytes)
    pieces: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(timeout_s):
            async for piece in request.stream():
                size += len(piece)
                if size > max_bytes:
                    raise _too_large(max_bytes)
                pieces.append(piece)
    except TimeoutError:
        raise ApiError(
            408, f"The request body did not arrive within {timeout_s:.0f} s.", code="timeout"
        ) from None
    return b"".join(pieces)


def _too_large(max_bytes: int) -> ApiError:
    return ApiError(
        413, f"The request body is larger than {max_bytes} bytes.", code="body_too_large"
    )


def resolve_pin(catalog: Catalog, model: str) -> tuple[str, str] | None:
    """``aideon/auto`` routes freely; ``provider:model`` from the catalog pins that model."""
    if model in (AUTO_MODEL, "auto", ""):
        return None
    provider, _, model_id = model.partition(":")
    if not model_id or catalog.find(provider, model_id) is None:
        raise ApiError(
            404,
            f"The model '{model[:100]}' does not exist. Use aideon/auto or an id from /v1/models.",
            code="model_not_found",
            param="model",
        )
    return provider, model_id


async def _disconnected(receive: Receive) -> None:
    """Returns when the client has gone (the body is already read)."""
    while (await receive())["type"] != "http.disconnect":
        pass


class ChatEndpoints:
    def __init__(self, assistant: Assistant, runner: AnswerRunner, limits: ServerLimits) -> None:
        self.assistant, self.runner, self.limits = assistant, runner, limits

    async def models(self, request: Request) -> Response:
        return JSONResponse(model_list(self.assistant.catalog))

    async def chat(self, request: Request) -> Response:
        body = await read_body(request, self.limits.max_body_bytes, self.limits.body_timeout_s)
        call = await self.runner.call(parse_chat_request, body)
        pinned = resolve_pin(self.assistant.catalog, call.model)
        cancel = threading.Event()
        stream = await self.runner.call(self._ask, call, pinned, cancel)
        completion_id, created = f"chatcmpl-{uuid.uuid4().hex[:24]}", int(time.time())
        if call.stream:
            writer = ChunkWriter(stream.answer, completion_id, created)
            return StreamingResponse(
                self._sse(stream, writer, cancel),
                media_type="text/event-stream",
                headers={"cache-control": "no-cache", **aideon_headers(stream.answer)},
            )
        try:
            answer = await self.runner.drain(stream, cancel, _disconnected(request.receive))
        except AideonError as exc:
            raise ApiError(503, str(exc), "server_error", "no_provider") from None
        return JSONResponse(
            completion(answer, completion_id, created), headers=aideon_headers(answer)
        )

    def _ask(
        self, call: ChatCall, pinned: tuple[str, str] | None, cancel: threading.Event
    ) -> AnswerStream:
        request = AskRequest(
            call.prompt,
            history=call.history,
            params=replace(call.params, cancel=cancel),
            pinned=pinned,
        )
        try:
            return self.assistant.ask(request)
        except InputError as exc:
            raise ApiError(400, str(exc)) from None
        except AideonError as exc:
            raise ApiError(503, str(exc), "server_error", "no_provider") from None

    async def _sse(
        self, stream: AnswerStream, writer: ChunkWriter, cancel: threading.Event
    ) -> AsyncIterator[bytes]:
        # Headers are already out: they carry the planned route; a failover shows in "model".
        yield writer.start()
        try:
            async for event in self.runner.events(stream, cancel):
                if isinstance(event, TextDelta):
                    yield writer.text(event.text)
        except AideonError as exc:
            yield writer.error(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - the headers are out: end the stream cleanly
            log.error("api: unexpected %s: %s", type(exc).__name__, mask_key(str(exc))[:300])
            yield writer.error("The local API failed unexpectedly.")
            return
        yield writer.end()


def create_app(
    assistant: Assistant, policy: AccessPolicy, runner: AnswerRunner, limits: ServerLimits
) -> ASGIApp:
    endpoints = ChatEndpoints(assistant, runner, limits)

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        return error_response(
            ApiError(
                status, f"No route for {request.method} {request.url.path[:200]}.", code="not_found"
            )
        )

    app = Starlette(
        routes=[
            Route("/v1/models", guarded(endpoints.models), methods=["GET"]),
            Route("/v1/chat/completions", guarded(endpoints.chat), methods=["POST"]),
        ],
        exception_handlers={404: not_found, 405: not_found},
    )
    return AccessGuard(app, policy, limits.max_header_bytes)
