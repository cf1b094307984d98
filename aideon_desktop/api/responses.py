"""OpenAI-shaped bodies for answers: a completion, stream chunks, the model list, and the
``x-aideon-*`` headers that say where an answer ran."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from aideon_desktop.api.errors import error_body
from aideon_desktop.api.schema import AUTO_MODEL
from aideon_desktop.core.answering import Answer
from aideon_desktop.core.catalog import Catalog


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


def model_list(catalog: Catalog) -> dict[str, Any]:
    data = [{"id": AUTO_MODEL, "object": "model", "created": 0, "owned_by": "aideon"}]
    for entry in catalog.model:
        data.append(
            {
                "id": f"{entry.provider}:{entry.id}",
                "object": "model",
                "created": 0,
                "owned_by": entry.provider,
            }
        )
    return {"object": "list", "data": data}


def usage(answer: Answer) -> dict[str, int]:
    used = answer.usage
    prompt, completion = (used.prompt_tokens, used.completion_tokens) if used else (0, 0)
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def _model(answer: Answer) -> str:
    route = answer.current_route
    return f"{route.provider}:{route.model}"


def _finish(answer: Answer) -> str:
    return "length" if answer.usage and answer.usage.finish_reason == "length" else "stop"


def completion(answer: Answer, completion_id: str, created: int) -> dict[str, Any]:
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": _model(answer),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer.text},
                "finish_reason": _finish(answer),
            }
        ],
        "usage": usage(answer),
    }


class ChunkWriter:
    """The Server-Sent Events of one streamed completion."""

    def __init__(self, answer: Answer, completion_id: str, created: int) -> None:
        self.answer, self.completion_id, self.created = answer, completion_id, created

    def _event(self, delta: dict[str, Any], finish: str | None = None, **extra: Any) -> bytes:
        payload = {
            "id": self.completion_id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": _model(self.answer),
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **extra,
        }
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode()

    def start(self) -> bytes:
        return self._event({"role": "assistant", "content": ""})

    def text(self, text: str) -> bytes:
        return self._event({"content": text})

    def end(self) -> bytes:
        return self._event({}, _finish(self.answer), usage=usage(self.answer)) + b"data: [DONE]\n\n"

    @staticmethod
    def error(message: str) -> bytes:
        body = error_body(message, "server_error", "no_provider")
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n".encode()
