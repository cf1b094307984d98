"""HTTP over a raw socket: send exactly the bytes a test names, read back what the server says."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes
    closed_after: bool = False  # the server closed the connection after this response
    raw: bytes = field(default=b"", repr=False)

    def json(self) -> Any:
        return json.loads(self.body)


class RawConnection:
    """A socket with a read buffer, so pipelined responses are read one by one."""

    def __init__(self, port: int, timeout: float = 15.0) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buffer = b""

    def __enter__(self) -> RawConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()

    def sendall(self, data: bytes) -> None:
        self.sock.sendall(data)

    def _fill(self) -> bool:
        piece = self.sock.recv(65536)
        self.buffer += piece
        return bool(piece)

    def _take(self, count: int) -> bytes:
        while len(self.buffer) < count:
            if not self._fill():
                break
        taken, self.buffer = self.buffer[:count], self.buffer[count:]
        return taken

    def _line(self) -> bytes:
        while b"\r\n" not in self.buffer:
            if not self._fill():
                raise ConnectionError(f"closed mid-line: {self.buffer!r}")
        line, _, self.buffer = self.buffer.partition(b"\r\n")
        return line

    def read_response(self) -> RawResponse:
        """One response (Content-Length or chunked body), then whether the server closed."""
        while b"\r\n\r\n" not in self.buffer:
            if not self._fill():
                raise ConnectionError(f"closed before a response: {self.buffer!r}")
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {
            k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])
        }
        if headers.get("transfer-encoding") == "chunked":
            body = b""
            while size := int(self._line().split(b";")[0], 16):
                body += self._take(size)
                self._take(2)
            self._take(2)
        else:
            body = self._take(int(headers.get("content-length", "0")))
        response = RawResponse(int(lines[0].split()[1]), headers, body, raw=head)
        response.closed_after = self._closed()
        return response

    def _closed(self) -> bool:
        """True when the server sends nothing more and closes."""
        if self.buffer:
            return False
        previous = self.sock.gettimeout()
        self.sock.settimeout(0.2)
        try:
            return not self._fill()
        except TimeoutError:
            return False
        except ConnectionResetError:
            return True
        finally:
            self.sock.settimeout(previous)


def connect(port: int, timeout: float = 15.0) -> RawConnection:
    return RawConnection(port, timeout)


def read_response(conn: RawConnection) -> RawResponse:
    return conn.read_response()


def exchange(port: int, data: bytes) -> RawResponse:
    with connect(port) as sock:
        sock.sendall(data)
        return read_response(sock)


def post(
    port: int, body: bytes, token: str, path: str = "/v1/chat/completions", **headers: str
) -> bytes:
    """The bytes of a POST with a Content-Length body (extra headers override the defaults)."""
    fields = {
        "Host": f"127.0.0.1:{port}",
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Content-Length": str(len(body)),
        **{k.replace("_", "-"): v for k, v in headers.items()},
    }
    head = f"POST {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items())
    return head.encode("latin-1") + b"\r\n" + body


def get(port: int, token: str, path: str = "/v1/models", **headers: str) -> bytes:
    fields = {
        "Host": f"127.0.0.1:{port}",
        "Authorization": f"Bearer {token}",
        **{k.replace("_", "-"): v for k, v in headers.items()},
    }
    head = f"GET {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items())
    return head.encode("latin-1") + b"\r\n"
