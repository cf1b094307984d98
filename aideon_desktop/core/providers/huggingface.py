"""Hugging Face: the Inference Providers router (OpenAI-compatible, model ids like
``org/model``, ``org/model:provider``, ``:cheapest``, ``:fastest``) and the legacy serverless
text-generation API with its HTTP 503 "model is loading" cold start.

A cold start is waited out only when Hugging Face's own estimate fits in what is left of the
answer's time budget (and never beyond ``MAX_LOADING_WAIT_S``); meanwhile the user sees a
countdown, one ``model_loading`` notice a second.  A longer load fails over at once.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import httpx

from aideon_desktop.core.chat import (
    GenerationParams,
    Message,
    Notice,
    StreamEvent,
    TextDelta,
    Usage,
)
from aideon_desktop.core.errors import ProviderHTTPError
from aideon_desktop.core.providers.chat_stream import estimate_tokens
from aideon_desktop.core.providers.deadline import wait_allowed
from aideon_desktop.core.providers.openai_compatible import (
    HttpProviderConfig,
    OpenAICompatibleProvider,
    http_config,
    http_error,
    mask_key,
)
from aideon_desktop.core.providers.registry import BuildContext, ProviderSpec

DEFAULT_BASE_URL = "https://router.huggingface.co/v1"
DEFAULT_LEGACY_BASE_URL = "https://api-inference.huggingface.co"
MAX_LOADING_WAIT_S = 120.0


def parse_hf_models(payload: Any) -> dict[str, tuple[Decimal, Decimal]]:
    """model id → cheapest live provider's (input, output) USD per 1M tokens; free ones at 0."""
    prices: dict[str, tuple[Decimal, Decimal]] = {}
    items = payload.get("data", []) if isinstance(payload, dict) else []
    for item in items:
        best: tuple[Decimal, Decimal] | None = None
        for provider in item.get("providers") or []:
            if provider.get("status", "live") != "live":
                continue
            pricing = provider.get("pricing") or {}
            if provider.get("is_free") or item.get("is_free"):
                candidate = (Decimal(0), Decimal(0))
            elif "input" in pricing:
                candidate = (
                    Decimal(str(pricing["input"])),
                    Decimal(str(pricing.get("output", pricing["input"]))),
                )
            else:
                continue
            if best is None or sum(candidate) < sum(best):
                best = candidate
        if best is not None and "id" in item:
            prices[item["id"]] = best
    return prices


def chat_to_prompt(messages: list[Message]) -> str:
    """Plain transcript for the legacy text-generation API, which takes one string."""
    lines = [f"{m.role.capitalize()}: {m.content}" for m in messages]
    return "\n".join(lines) + "\nAssistant:"


def _legacy_body(prompt: str, params: GenerationParams) -> dict[str, Any]:
    parameters: dict[str, Any] = {
        "max_new_tokens": params.max_tokens or 512,
        "return_full_text": False,
    }
    if params.temperature is not None:
        parameters["temperature"] = max(params.temperature, 0.01)
    return {"inputs": prompt, "parameters": parameters}


class HuggingFaceProvider(OpenAICompatibleProvider):
    """The router for chat; the legacy serverless API for the catalog's text-generation rows."""

    @classmethod
    def build(cls, spec: ProviderSpec, ctx: BuildContext) -> HuggingFaceProvider:
        legacy = frozenset(
            m.id for m in ctx.catalog.for_provider(spec.name) if m.api == "text-generation"
        )
        return cls(
            http_config(spec, ctx),
            ctx.get_key,
            legacy_base_url=ctx.settings.huggingface_legacy_base_url,
            legacy_models=legacy,
            sleep=ctx.sleep,
        )

    def __init__(
        self,
        config: HttpProviderConfig,
        get_key: Callable[[], str | None],
        *,
        legacy_base_url: str = DEFAULT_LEGACY_BASE_URL,
        legacy_models: frozenset[str] = frozenset(),
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(config, get_key, transport=transport)
        self._legacy = httpx.Client(
            base_url=legacy_base_url.rstrip("/") + "/",
            timeout=httpx.Timeout(config.read_timeout_s, connect=config.connect_timeout_s),
            transport=transport,
        )
        self._legacy_models = legacy_models
        self._sleep = sleep

    def stream(
        self, messages: list[Message], model: str, params: GenerationParams | None = None
    ) -> Iterator[StreamEvent]:
        if model in self._legacy_models:
            return self.text_generation_stream(messages, model, params)
        return super().stream(messages, model, params)

    def close(self) -> None:
        super().close()
        self._legacy.close()

    def prices(self) -> dict[str, tuple[Decimal, Decimal]]:
        return parse_hf_models(self.list_models())

    def text_generation_stream(
        self, messages: list[Message], model: str, params: GenerationParams | None = None
    ) -> Iterator[StreamEvent]:
        """Legacy ``POST /models/{id}``; waits out a cold start that fits the answer's budget,
        counting down for the user."""
        params = params or GenerationParams()
        key = self._key()
        prompt = chat_to_prompt(messages)
        body = _legacy_body(prompt, params)
        may_wait = wait_allowed(MAX_LOADING_WAIT_S, params.deadline)
        waited = 0.0
        started = time.perf_counter()
        while True:
            response = self._legacy_post(model, body, key, params)
            estimate = self._loading_estimate(response) if response.status_code == 503 else None
            if estimate is None:
                break
            wait = max(estimate, 1.0)
            if wait > may_wait - waited or params.cancel.is_set():
                raise ProviderHTTPError(
                    f"{model} is still loading on Hugging Face (about {estimate:.0f} s more), "
                    "longer than this answer can wait.",
                    status=503,
                )
            yield from self._countdown(model, wait, params)
            waited += wait
        if response.status_code >= 400:
            raise http_error("Hugging Face", model, response, key)
        text = self._generated_text(response, model, key)
        ended = time.perf_counter()
        if text:
            yield TextDelta(text)
        yield Usage(
            estimate_tokens(prompt),
            estimate_tokens(text),
            estimated=True,
            time_to_first_token_s=ended - started,
            total_time_s=ended - started,
        )

    def _legacy_post(
        self, model: str, body: dict[str, Any], key: str | None, params: GenerationParams
    ) -> httpx.Response:
        wait_s = wait_allowed(self.config.first_token_timeout_s, params.deadline)
        if wait_s <= 0:
            raise ProviderHTTPError(
                "Hugging Face was not tried: the answer's time budget is spent."
            )
        try:
            return self._legacy.post(
                f"models/{model}",
                json=body,
                headers=self._auth(key),
                timeout=self._waiting_timeout(wait_s),
            )
        except httpx.TransportError as exc:
            raise self._transport_error(
                exc,
                isinstance(exc, httpx.ReadTimeout) and wait_s < self.config.read_timeout_s,
                wait_s,
            ) from None

    def _countdown(self, model: str, seconds: float, params: GenerationParams) -> Iterator[Notice]:
        """Sleep ``seconds`` in steps of one, telling the user how long is left before each."""
        left = seconds
        while left > 0 and not params.cancel.is_set():
            yield Notice(
                "model_loading",
                f"{model} is loading on Hugging Face: about {math.ceil(left)} s left…",
            )
            step = min(1.0, left)
            self._sleep(step)
            left -= step

    @staticmethod
    def _loading_estimate(response: httpx.Response) -> float | None:
        try:
            body = response.json()
        except (ValueError, json.JSONDecodeError):
            return None
        if isinstance(body, dict) and "loading" in str(body.get("error", "")).lower():
            return float(body.get("estimated_time") or 10.0)
        return None

    @staticmethod
    def _generated_text(response: httpx.Response, model: str, key: str | None) -> str:
        try:
            body = response.json()
        except (ValueError, json.JSONDecodeError):
            raise ProviderHTTPError(
                mask_key(f"Hugging Face sent an unreadable answer for {model}.", key),
                retryable=True,
            ) from None
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], dict)
            and "generated_text" in body[0]
        ):
            return str(body[0]["generated_text"])
        if isinstance(body, dict) and "generated_text" in body:
            return str(body["generated_text"])
        raise ProviderHTTPError(
            f"Hugging Face answered {model} in an unexpected shape.", retryable=False
        )
