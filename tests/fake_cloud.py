"""A real HTTP server on 127.0.0.1 that speaks Together's and Hugging Face's wire formats
(OpenAI-style SSE chat streams, /models listings, HF's legacy text-generation API) and injects
faults on command.  Every request is recorded.

Scripted chat behaviours (``script``): ``ok`` (optionally ``words``, ``usage``, ``delay``,
``linger``: seconds between ``[DONE]`` and the body's end; sent chunked, connection kept alive),
``status`` (``status``, a JSON ``body`` or a plain ``text`` body, ``headers``), ``hang``
(``seconds`` before the headers), ``silent`` (headers, then ``seconds`` of nothing),
``keepalive`` (headers, then SSE comments every ``interval`` for ``seconds``), ``cut``
(``after`` n words), ``malformed``, ``sse_error`` (optional ``message``).  Legacy behaviours
(``script_legacy``): ``ok``, ``loading`` (``estimated_time``), ``status`` (``body``/``text``).
Any ``{key}`` in a scripted body or message is replaced by the bearer token the request
carried: a provider that echoes the key back.  Waits end early when the fake is closed.

The Hugging Face flavour behaves like the Inference Providers router: a model id may end in a
policy (":cheapest" — lowest output price among live providers, ":fastest") or a provider
(":novita"); the provider that served the request comes back in the ``x-inference-provider``
header, and usage arrives in an extra chunk with ``choices: []`` when asked for."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOGETHER_MODELS = [
    {
        "id": "meta-llama/Llama-3.2-3B-Instruct-Turbo",
        "object": "model",
        "type": "chat",
        "pricing": {"input": 0.07, "output": 0.07, "hourly": 0, "base": 0, "finetune": 0},
    },
    {
        "id": "Qwen/Qwen2.5-Coder-32B-Instruct",
        "object": "model",
        "type": "chat",
        "pricing": {"input": 0.8, "output": 0.8, "hourly": 0, "base": 0, "finetune": 0},
    },
    {
        "id": "openai/gpt-oss-120b",
        "object": "model",
        "type": "chat",
        "pricing": {"input": 0.16, "output": 0.62, "hourly": 0, "base": 0, "finetune": 0},
    },
]
HF_MODELS = {
    "object": "list",
    "data": [
        {
            "id": "meta-llama/Llama-3.1-8B-Instruct",
            "object": "model",
            "owned_by": "meta-llama",
            "providers": [
                {
                    "provider": "novita",
                    "status": "live",
                    "pricing": {"input": 0.05, "output": 0.08},
                },
                {
                    "provider": "nebius",
                    "status": "live",
                    "pricing": {"input": 0.02, "output": 0.06},
                },
            ],
        },
        {
            "id": "HuggingFaceH4/zephyr-7b-beta",
            "object": "model",
            "providers": [{"provider": "hf-inference", "status": "live", "is_free": True}],
        },
        {
            "id": "deepseek-ai/DeepSeek-V4-Flash",
            "object": "model",
            "owned_by": "deepseek-ai",
            "providers": [
                {
                    "provider": "novita",
                    "status": "live",
                    "pricing": {"input": 0.15, "output": 0.30},
                    "context_length": 1048576,
                },
                {
                    "provider": "fireworks-ai",
                    "status": "live",
                    "pricing": {"input": 0.13, "output": 0.27},
                    "context_length": 1048576,
                },
                {
                    "provider": "together",
                    "status": "staging",
                    "pricing": {"input": 0.1, "output": 0.1},
                },
            ],
        },
    ],
}


def hf_serving_provider(model: str) -> str:
    """Which provider the HF router would use for ``model`` ("org/model[:policy|:provider]")."""
    base, _, suffix = model.partition(":")
    item = next((m for m in HF_MODELS["data"] if m["id"] == base), None)
    live = [p for p in (item or {}).get("providers", []) if p.get("status", "live") == "live"]
    if suffix and suffix not in ("cheapest", "fastest", "preferred"):
        return suffix  # an explicit provider
    if not live:
        return "hf-inference"
    if suffix == "cheapest":
        live.sort(key=lambda p: (p.get("pricing") or {}).get("output", 0))
    return str(live[0]["provider"])


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # concurrent-client tests connect in bursts
    daemon_threads = True
    block_on_close = False  # a kept-alive connection's thread waits for a request that never comes

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # a client that gave up mid-fault (timeouts are the point) is not news


class FakeCloud:
    """``script(...)`` queues behaviours for the next chat requests; the default streams words."""

    def __init__(self, flavor: str = "together") -> None:
        self.flavor = flavor
        self.requests: list[dict[str, Any]] = []
        self.reply_words = ["Hello", " from", " the", " cloud."]
        self._script: deque[dict[str, Any]] = deque()
        self._legacy_script: deque[dict[str, Any]] = deque()
        self._closing = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # as servers do: small SSE writes go out at once

            def log_message(self, *args: object) -> None:
                return

            def _record(self, body: Any) -> None:
                outer.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": body,
                        "client_port": self.client_address[1],  # one per connection
                    }
                )

            def _echo(self, text: str) -> str:
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                return text.replace("{key}", token)

            def _json(
                self,
                status: int,
                payload: Any,
                headers: dict[str, str] | None = None,
                text: str | None = None,
            ) -> None:
                raw = json.dumps(payload) if text is None else text
                data = self._echo(raw).encode()
                self.send_response(status)
                kind = "application/json" if text is None else "text/plain; charset=utf-8"
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._record(None)
                if not self.headers.get("Authorization", "").startswith("Bearer "):
                    return self._json(
                        401,
                        {
                            "error": {
                                "message": "Invalid API key",
                                "type": "invalid_request_error",
                                "param": None,
                                "code": "invalid_api_key",
                            }
                        },
                    )
                if self.path.endswith("/models"):
                    return self._json(
                        200, TOGETHER_MODELS if outer.flavor == "together" else HF_MODELS
                    )
                return self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = None
                self._record(body)
                if self.path.startswith("/models/"):
                    return self._legacy(body)
                behaviour = outer._script.popleft() if outer._script else {"kind": "ok"}
                kind = behaviour["kind"]
                if kind == "hang":
                    outer._closing.wait(behaviour["seconds"])
                    behaviour = {"kind": "ok"}
                    kind = "ok"
                if kind == "status":
                    return self._json(
                        behaviour["status"],
                        behaviour.get(
                            "body", {"error": {"message": "fault", "type": "server_error"}}
                        ),
                        behaviour.get("headers"),
                        behaviour.get("text"),
                    )
                model = (body or {}).get("model")
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.send_header("cache-control", "no-cache")
                # A whole answer comes chunked on a connection kept alive, as real providers send
                # it; the faults end by closing the connection.
                self._chunked = kind == "ok"
                if self._chunked:
                    self.send_header("transfer-encoding", "chunked")
                else:
                    self.send_header("connection", "close")
                if outer.flavor != "together":
                    served_by = hf_serving_provider(str(model))
                    outer.requests[-1]["served_by"] = served_by
                    self.send_header("x-inference-provider", served_by)
                self.end_headers()
                if kind in ("silent", "keepalive"):
                    self._stall(behaviour)
                words = behaviour.get("words", outer.reply_words)
                for i, word in enumerate(words):
                    if kind == "cut" and i == behaviour["after"]:
                        self.wfile.flush()
                        self.connection.shutdown(2)
                        return
                    chunk = {
                        "id": "c1",
                        "object": "chat.completion.chunk",
                        "created": 1,
                        "model": model,
                        "choices": [
                            {
                                "index": 0,
                                "delta": {"role": "assistant", "content": word},
                                "finish_reason": None,
                            }
                        ],
                    }
                    self._send(f"data: {json.dumps(chunk)}\n\n".encode())
                    if behaviour.get("delay"):
                        time.sleep(behaviour["delay"])
                if kind == "malformed":
                    self.wfile.write(b'data: {"id": "c1", "choices": [\n\n')
                    return
                if kind == "sse_error":
                    message = behaviour.get("message", "upstream overloaded")
                    err = {"error": {"message": self._echo(message), "type": "server_error"}}
                    self.wfile.write(f"event: error\ndata: {json.dumps(err)}\n\n".encode())
                    return
                usage = behaviour.get(
                    "usage",
                    {
                        "prompt_tokens": 11,
                        "completion_tokens": len(words),
                        "total_tokens": 11 + len(words),
                    },
                )
                if outer.flavor == "together":
                    final = {
                        "id": "c1",
                        "object": "chat.completion.chunk",
                        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                        "usage": usage,
                    }
                    self._send(f"data: {json.dumps(final)}\n\n".encode())
                else:
                    final = {
                        "id": "c1",
                        "object": "chat.completion.chunk",
                        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                    }
                    self._send(f"data: {json.dumps(final)}\n\n".encode())
                    if (body or {}).get("stream_options", {}).get(
                        "include_usage"
                    ) and usage is not None:
                        extra = {
                            "id": "c1",
                            "object": "chat.completion.chunk",
                            "choices": [],
                            "usage": usage,
                        }
                        self._send(f"data: {json.dumps(extra)}\n\n".encode())
                self._send(b"data: [DONE]\n\n")
                if behaviour.get("linger"):  # the body's end comes late (or, if long, never)
                    outer._closing.wait(behaviour["linger"])
                if self._chunked:
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()

            def _send(self, data: bytes) -> None:
                if self._chunked:
                    data = b"%x\r\n%s\r\n" % (len(data), data)
                self.wfile.write(data)
                self.wfile.flush()

            def _stall(self, behaviour: dict[str, Any]) -> None:
                """Headers are out; now nothing, or only SSE comments, for a while."""
                ends = time.monotonic() + behaviour["seconds"]
                interval = behaviour.get("interval", behaviour["seconds"])
                while time.monotonic() < ends and not outer._closing.is_set():
                    outer._closing.wait(min(interval, max(0.0, ends - time.monotonic())))
                    if behaviour["kind"] == "keepalive":
                        self.wfile.write(b": keep-alive\n\n")
                        self.wfile.flush()

            def _legacy(self, body: Any) -> None:
                behaviour = (
                    outer._legacy_script.popleft() if outer._legacy_script else {"kind": "ok"}
                )
                if behaviour["kind"] == "loading":
                    model = self.path.removeprefix("/models/")
                    return self._json(
                        503,
                        {
                            "error": f"Model {model} is currently loading",
                            "estimated_time": behaviour["estimated_time"],
                        },
                    )
                if behaviour["kind"] == "status":
                    return self._json(
                        behaviour["status"],
                        behaviour.get("body", {"error": "fault"}),
                        text=behaviour.get("text"),
                    )
                return self._json(200, [{"generated_text": "".join(outer.reply_words)}])

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def script(self, *behaviours: dict[str, Any]) -> None:
        self._script.extend(behaviours)

    def script_legacy(self, *behaviours: dict[str, Any]) -> None:
        self._legacy_script.extend(behaviours)

    def chat_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"].endswith("/chat/completions")]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeCloud:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()
        self.server.shutdown()
        self.server.server_close()
