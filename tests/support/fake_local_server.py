"""The part Ollama's and LM Studio's fakes share: a real HTTP server on 127.0.0.1 that records
every request and streams OpenAI-style chat completions (Server-Sent Events) the way each server
frames them.  See fake_ollama.py and fake_lmstudio.py for the server-specific wire formats."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Server(ThreadingHTTPServer):
    daemon_threads = True


class FakeLocalServer:
    """Subclasses set ``routes`` (GET path -> JSON body) and ``chunk()``."""

    fingerprint = "fp"

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.reply_words = ["Noted", " on", " this", " device."]
        self.models: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                return

            def do_GET(self) -> None:
                outer.requests.append({"method": "GET", "path": self.path})
                body = outer.get(self.path)
                if body is None:
                    self._json(404, {"error": "not found"})
                else:
                    self._json(200, body)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                outer.requests.append({"method": "POST", "path": self.path, "json": payload})
                if self.path != "/v1/chat/completions":
                    self._json(404, {"error": "not found"})
                elif payload.get("model") not in outer.models:
                    self._json(404, outer.unknown_model(payload.get("model")))
                else:
                    self._stream(payload)

            def _json(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, payload: dict[str, Any]) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for event in outer.events(payload):
                    self._chunk(f"data: {event}\n\n".encode())
                self._chunk(b"data: [DONE]\n\n")
                self._chunk(b"")

            def _chunk(self, data: bytes) -> None:
                self.wfile.write(f"{len(data):X}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeLocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def chats(self) -> list[dict[str, Any]]:
        return [r["json"] for r in self.requests if r["method"] == "POST"]

    # ------------------------------------------------------------ per server
    def get(self, path: str) -> Any:
        raise NotImplementedError

    def unknown_model(self, model: object) -> dict[str, Any]:
        raise NotImplementedError

    def chunk(self, base: dict[str, Any], text: str | None, finish: str | None) -> dict[str, Any]:
        raise NotImplementedError

    def events(self, payload: dict[str, Any]) -> list[str]:
        base = {
            "id": "chatcmpl-417",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": payload["model"],
            "system_fingerprint": self.fingerprint,
        }
        events = [json.dumps(self.chunk(base, word, None)) for word in self.reply_words]
        events.append(json.dumps(self.chunk(base, None, "stop")))
        if (payload.get("stream_options") or {}).get("include_usage"):
            prompt = sum(len(str(m.get("content", "")).split()) for m in payload["messages"])
            usage = {
                "prompt_tokens": prompt,
                "completion_tokens": len(self.reply_words),
                "total_tokens": prompt + len(self.reply_words),
            }
            events.append(json.dumps({**base, "choices": [], "usage": usage}))
        return events
