"""A loopback Ollama: ``GET /api/tags`` (its native model list), ``GET /v1/models`` and streamed
``POST /v1/chat/completions`` in the shapes Ollama's server writes them (api.ListResponse;
openai.ChatCompletionChunk with ``system_fingerprint: "fp_ollama"``, ``role`` in every delta,
a final chunk with ``finish_reason: "stop"``, then — when ``stream_options.include_usage`` —
one chunk with empty ``choices`` and the usage, then ``data: [DONE]``).  An unknown model gets
Ollama's 404 error object."""

from __future__ import annotations

from typing import Any

from tests.support.fake_local_server import FakeLocalServer

MODELS = [
    {
        "name": "llama3.2:latest",
        "model": "llama3.2:latest",
        "modified_at": "2025-10-04T14:56:49.277302595-07:00",
        "size": 2019393189,
        "digest": "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
        "details": {
            "parent_model": "",
            "format": "gguf",
            "family": "llama",
            "families": ["llama"],
            "parameter_size": "3.2B",
            "quantization_level": "Q4_K_M",
        },
    },
    {
        "name": "qwen3:4b",
        "model": "qwen3:4b",
        "modified_at": "2025-10-02T09:12:03.101223123-07:00",
        "size": 2497293931,
        "digest": "e55aed6fe643f9368b2f48f8aaa56ec787b75765da69f794c0a0c20bfe41aa6e",
        "details": {
            "parent_model": "",
            "format": "gguf",
            "family": "qwen3",
            "families": ["qwen3"],
            "parameter_size": "4.0B",
            "quantization_level": "Q4_K_M",
        },
    },
    {
        "name": "nomic-embed-text:latest",
        "model": "nomic-embed-text:latest",
        "modified_at": "2025-09-30T08:00:00.000000000-07:00",
        "size": 274302450,
        "digest": "0a109f422b47e3a30ba2b10eca18548e944e8a23073ee3f3e947efcf3c45e59f",
        "details": {
            "parent_model": "",
            "format": "gguf",
            "family": "nomic-bert",
            "families": ["nomic-bert"],
            "parameter_size": "137M",
            "quantization_level": "F16",
        },
    },
]


class FakeOllama(FakeLocalServer):
    fingerprint = "fp_ollama"

    def __init__(self) -> None:
        super().__init__()
        self.tags = [dict(m) for m in MODELS]
        self.models = [m["name"] for m in self.tags]

    def get(self, path: str) -> Any:
        if path == "/api/tags":
            return {"models": self.tags}
        if path == "/api/version":
            return {"version": "0.12.3"}
        if path == "/v1/models":
            return {
                "object": "list",
                "data": [
                    {
                        "id": m["name"],
                        "object": "model",
                        "created": 1759614000,
                        "owned_by": "library",
                    }
                    for m in self.tags
                ],
            }
        return None

    def unknown_model(self, model: object) -> dict[str, Any]:
        return {
            "error": {
                "message": f'model "{model}" not found, try pulling it first',
                "type": "not_found_error",
                "param": None,
                "code": None,
            }
        }

    def chunk(self, base: dict[str, Any], text: str | None, finish: str | None) -> dict[str, Any]:
        delta = {"role": "assistant", "content": text or ""}
        return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
