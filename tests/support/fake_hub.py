"""A loopback Hugging Face Hub for download tests: point ``HF_ENDPOINT`` at ``hub.endpoint``.

It speaks the part of the Hub's protocol that huggingface_hub's downloader relies on:

* ``HEAD``/``GET {endpoint}/{repo}/resolve/{revision}/{file}`` answers ``302 Found`` with a
  ``Location`` on another origin (the "CDN", a second loopback server on its own port) and the
  headers ``X-Repo-Commit`` (the commit the revision resolves to), ``X-Linked-Etag`` (the LFS
  file's sha256, quoted) and ``X-Linked-Size``.  The redirect's own ``ETag`` is unrelated, as on
  the Hub, so a client must read ``X-Linked-Etag``.  Like the Hub for Xet-backed files it also
  sends ``X-Xet-Hash`` and a ``Link`` to a Xet token route; that route is not implemented (404,
  recorded), so a client that tried the Xet protocol instead of plain HTTPS would show up in
  ``requests``.  Errors carry the Hub's ``X-Error-Code`` (``RepoNotFound`` 401,
  ``RevisionNotFound`` 404, ``EntryNotFound`` 404).
* The CDN serves the bytes with ``Accept-Ranges: bytes``; ``Range: bytes=N-`` gets ``206`` with
  ``Content-Range``, a range past the end ``416``.

Faults, each for the next CDN download only: ``cut_at(offset)`` closes the connection once the
file offset reaches ``offset``; ``pause_at(offset)`` stops sending there until ``release()``;
``corrupt_next()`` flips one byte of what is sent (the advertised sha256 stays right).
Every request is recorded in ``requests``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SEND_PIECE = 64 * 1024


@dataclass
class HubFile:
    data: bytes
    sha256: str = ""

    def __post_init__(self) -> None:
        self.sha256 = hashlib.sha256(self.data).hexdigest()


@dataclass
class HubRepo:
    commits: dict[str, dict[str, HubFile]] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)  # "main" -> commit


@dataclass
class RecordedRequest:
    server: str  # "hub" or "cdn"
    method: str
    path: str
    range: str | None
    user_agent: str | None = None
    authorization: str | None = None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


class FakeHub:
    def __init__(self) -> None:
        self.repos: dict[str, HubRepo] = {}
        self.requests: list[RecordedRequest] = []
        self._faults: deque[dict[str, Any]] = deque()
        self._gate = threading.Event()
        self._stopping = False
        self._hub = _Server(("127.0.0.1", 0), self._handler("hub"))
        self._cdn = _Server(("127.0.0.1", 0), self._handler("cdn"))
        self._threads = [
            threading.Thread(target=s.serve_forever, daemon=True) for s in (self._hub, self._cdn)
        ]

    # ------------------------------------------------------------------ setup
    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self._hub.server_address[1]}"

    @property
    def cdn_origin(self) -> str:
        return f"http://127.0.0.1:{self._cdn.server_address[1]}"

    def add_file(self, repo: str, file: str, data: bytes, commit: str | None = None) -> str:
        """Publish ``data`` as ``repo/file`` at a new commit that ``main`` points to."""
        commit = commit or secrets.token_hex(20)
        entry = self.repos.setdefault(repo, HubRepo())
        previous = entry.commits.get(entry.refs.get("main", ""), {})
        entry.commits[commit] = {**previous, file: HubFile(data)}
        entry.refs["main"] = commit
        return commit

    def start(self) -> FakeHub:
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        self._stopping = True
        self._gate.set()
        for server in (self._hub, self._cdn):
            server.shutdown()
            server.server_close()

    # ------------------------------------------------------------------ faults
    def cut_at(self, offset: int) -> None:
        self._faults.append({"cut_at": offset})

    def pause_at(self, offset: int) -> None:
        self._gate.clear()
        self._faults.append({"pause_at": offset})

    def release(self) -> None:
        self._gate.set()

    def corrupt_next(self) -> None:
        self._faults.append({"corrupt": True})

    def cdn_gets(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.server == "cdn" and r.method == "GET"]

    # ------------------------------------------------------------------ lookups
    def _blob(self, sha: str) -> HubFile | None:
        for repo in self.repos.values():
            for files in repo.commits.values():
                for hub_file in files.values():
                    if hub_file.sha256 == sha:
                        return hub_file
        return None

    def _resolve(self, path: str) -> tuple[int, dict[str, str]]:
        match = re.fullmatch(r"/(?P<repo>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<file>.+)", path)
        if not match:
            return 404, {}
        repo = self.repos.get(match["repo"])
        if repo is None:
            return 401, {"X-Error-Code": "RepoNotFound", "X-Error-Message": "Repository not found"}
        commit = repo.refs.get(match["rev"], match["rev"])
        files = repo.commits.get(commit)
        if files is None:
            return 404, {"X-Error-Code": "RevisionNotFound", "X-Error-Message": "Invalid rev id"}
        hub_file = files.get(match["file"])
        if hub_file is None:
            return 404, {
                "X-Error-Code": "EntryNotFound",
                "X-Error-Message": "Entry not found",
                "X-Repo-Commit": commit,
            }
        location = (
            f"{self.cdn_origin}/xet-bridge-us/{hub_file.sha256}"
            f"?X-Amz-Expires=3600&X-Amz-Signature={secrets.token_hex(16)}"
        )
        xet_token = f"{self.endpoint}/api/models/{match['repo']}/xet-read-token/{commit}"
        return 302, {
            "Location": location,
            "X-Repo-Commit": commit,
            "X-Xet-Hash": hashlib.sha256(hub_file.sha256.encode()).hexdigest(),
            "Link": f'<{xet_token}>; rel="xet-auth", <{self.cdn_origin}/v1/reconstructions/'
            f'{hub_file.sha256}>; rel="xet-reconstruction-info"',
            "X-Linked-Etag": f'"{hub_file.sha256}"',
            "X-Linked-Size": str(len(hub_file.data)),
            "ETag": f'W/"{secrets.token_hex(8)}"',
            "Accept-Ranges": "bytes",
        }

    # ------------------------------------------------------------------ HTTP
    def _handler(self, server_name: str) -> type[BaseHTTPRequestHandler]:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                return

            def _record(self) -> None:
                hub.requests.append(
                    RecordedRequest(
                        server_name,
                        self.command,
                        self.path,
                        self.headers.get("Range"),
                        self.headers.get("User-Agent"),
                        self.headers.get("Authorization"),
                    )
                )

            def do_HEAD(self) -> None:
                self._record()
                self._answer(send_body=False)

            def do_GET(self) -> None:
                self._record()
                self._answer(send_body=True)

            def _answer(self, send_body: bool) -> None:
                path = self.path.split("?", 1)[0]
                if server_name == "hub":
                    self._hub(path, send_body)
                else:
                    self._cdn(path, send_body)

            def _hub(self, path: str, send_body: bool) -> None:
                status, headers = hub._resolve(path)
                body = (
                    f"Found. Redirecting to {headers['Location']}"
                    if status == 302
                    else headers.get("X-Error-Message", "Not Found")
                ).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if send_body:
                    self.wfile.write(body)

            def _cdn(self, path: str, send_body: bool) -> None:
                blob = hub._blob(path.rsplit("/", 1)[-1])
                if blob is None:
                    self.send_error(404)
                    return
                size = len(blob.data)
                start = 0
                match = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range") or "")
                if match:
                    start = int(match[1])
                    if start >= size:
                        self.send_response(416)
                        self.send_header("Content-Range", f"bytes */{size}")
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                self.send_response(206 if match else 200)
                if match:
                    self.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
                self.send_header("Content-Length", str(size - start))
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Accept-Ranges", "bytes")
                self.send_header("ETag", f'"{blob.sha256}"')
                self.end_headers()
                if send_body:
                    fault = hub._faults.popleft() if hub._faults else {}
                    self._send(blob.data, start, fault)

            def _send(self, data: bytes, start: int, fault: dict[str, Any]) -> None:
                if fault.get("corrupt"):
                    flipped = bytearray(data)
                    flipped[len(data) // 2] ^= 0xFF
                    data = bytes(flipped)
                offset = start
                try:
                    while offset < len(data):
                        if offset >= fault.get("cut_at", len(data) + 1):
                            self.close_connection = True
                            self.connection.shutdown(2)
                            return
                        if offset >= fault.get("pause_at", len(data) + 1):
                            hub._gate.wait()
                            fault.pop("pause_at")
                            if hub._stopping:
                                return
                        end = min(len(data), offset + SEND_PIECE)
                        for limit in (fault.get("cut_at"), fault.get("pause_at")):
                            if limit is not None and offset < limit < end:
                                end = limit
                        self.wfile.write(data[offset:end])
                        offset = end
                except (BrokenPipeError, ConnectionResetError, OSError):
                    return

        return Handler
