"""A loopback LM Studio: ``GET /v1/models`` (OpenAI list with ``owned_by:
"organization_owner"``, embedding models included, as LM Studio lists them) and streamed
``POST /v1/chat/completions`` framed like LM Studio's llama.cpp engine (``logprobs: null`` in
each choice, an empty ``delta`` with ``finish_reason: "stop"`` at the end, a usage chunk when
asked, then ``data: [DONE]``).  An unknown model gets LM Studio's error object."""

from __future__ import annotations

from typing import Any

from tests.support.fake_local_server import FakeLocalServer


class FakeLMStudio(FakeLocalServer):
    fingerprint = "qwen2.5-7b-instruct"

    def __init__(self) -> None:
        super().__init__()
        self.models = ["qwen2.5-7b-instruct", "google/gemma-3-4b"]
        self.embedding_models = ["text-embedding-nomic-embed-text-v1.5"]

    def get(self, path: str) -> Any:
        if path == "/v1/models":
            ids = self.models + self.embedding_models
            return {
                "data": [
                    {"id": i, "object": "model", "owned_by": "organization_owner"} for i in ids
                ],
                "object": "list",
            }
        return None

    def unknown_model(self, model: object) -> dict[str, Any]:
        return {"error": {"message": f"Model '{model}' not found", "type": "invalid_request_error"}}

    def chunk(self, base: dict[str, Any], text: str | None, finish: str | None) -> dict[str, Any]:
        delta = {} if text is None else {"role": "assistant", "content": text}
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        return {**base, "choices": [choice]}
