"""Errors the local API sends, in OpenAI's shape: ``{"error": {message, type, param, code}}``.

Every message passes through the same masking as the log file (and masks anything shaped like
an API key), because provider errors end up in them.
"""

from __future__ import annotations

import json

from aideon_desktop.core.providers.openai_compatible import mask_key


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        kind: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.kind = status, message, kind
        self.code, self.param = code, param

    def body(self) -> dict[str, dict[str, str | None]]:
        return error_body(self.message, self.kind, self.code, self.param)


def error_body(
    message: str, kind: str, code: str | None = None, param: str | None = None
) -> dict[str, dict[str, str | None]]:
    return {"error": {"message": mask_key(message), "type": kind, "param": param, "code": code}}


def raw_error_response(status: int, reason: str, message: str, code: str) -> bytes:
    """A complete HTTP/1.1 error response that closes the connection, for the protocol layer
    (before a request exists, so no ASGI app can answer)."""
    kind = "invalid_request_error" if status < 500 else "server_error"
    body = json.dumps(error_body(message, kind, code)).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body
