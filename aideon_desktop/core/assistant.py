"""The one entry point the UI and CLI share: scan → classify → decide → answer → record."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from aideon_desktop.core import paths, secrets
from aideon_desktop.core.budgets import Spend, budget_state
from aideon_desktop.core.catalog import Catalog, load_catalog, price, save_user_catalog
from aideon_desktop.core.chat import (
    GenerationParams,
    Message,
    Notice,
    StreamEvent,
    TextDelta,
    Usage,
)
from aideon_desktop.core.config import Settings
from aideon_desktop.core.errors import (
    AideonError,
    InputError,
    NoProviderError,
    PrivateRouteUnavailableError,
    ProviderError,
)
from aideon_desktop.core.model_files import resolve_model_path
from aideon_desktop.core.privacy import StreamRestorer, Verdict, redact, scan
from aideon_desktop.core.prompt_input import clean_prompt
from aideon_desktop.core.providers.huggingface import HuggingFaceProvider
from aideon_desktop.core.providers.local import LocalModelConfig, LocalModelProvider
from aideon_desktop.core.providers.openai_compatible import (
    HttpProviderConfig,
    OpenAICompatibleProvider,
)
from aideon_desktop.core.providers.resilience import (
    BreakerBoard,
    ProviderHTTPError,
    StreamBrokenError,
    with_retries,
)
from aideon_desktop.core.providers.together import TogetherProvider
from aideon_desktop.core.routing import (
    LOCAL,
    LOCAL_NETWORK,
    Decision,
    Route,
    RoutingInputs,
    decide,
    unhealthy_keys,
)
from aideon_desktop.core.store import Store, cache_key, to_micro
from aideon_desktop.core.store.models import CacheEntry, UsageRecord
from aideon_desktop.core.tasks import classify

log = logging.getLogger(__name__)

CLOUD_PROVIDERS = {
    "together": "Together AI",
    "huggingface": "Hugging Face",
    "premium": "Premium API",
}


MASK_INSTRUCTION = (
    "Some private values in the user's message were replaced by placeholders such as [CARD_1] or "
    "[EMAIL_1]. Keep every placeholder exactly as written in your answer; never guess the hidden values."
)


@dataclass(frozen=True)
class MaskPlan:
    messages: list[Message]  # what cloud routes receive
    mapping: dict[str, str]  # placeholder → value, kept on this device


@dataclass
class Answer:
    """Filled in while the stream is consumed."""

    decision: Decision
    conversation_id: int | None = None
    route: Route | None = None
    text: str = ""
    usage: Usage | None = None
    cost_usd: Decimal = Decimal(0)
    baseline_cost_usd: Decimal = Decimal(0)
    notices: list[str] = field(default_factory=list)
    partial: bool = False
    cache_hit: bool = False
    abandoned_partials: list[str] = field(default_factory=list)  # text from streams that broke
    masked: list[str] = field(default_factory=list)  # "[CARD_1] = Visa card number…", never values

    @property
    def saved_usd(self) -> Decimal:
        return self.baseline_cost_usd - self.cost_usd


def build_local_provider(settings: Settings) -> LocalModelProvider:
    local = settings.local
    return LocalModelProvider(
        LocalModelConfig(
            model_path=resolve_model_path(local.model_path),
            context_length=local.context_length,
            threads=local.threads,
            gpu_layers=local.gpu_layers,
            idle_unload_seconds=local.idle_unload_seconds,
            max_tokens=local.max_tokens,
            temperature=local.temperature,
        )
    )


class Assistant:
    def __init__(
        self,
        settings: Settings,
        *,
        local: LocalModelProvider | None = None,
        catalog: Catalog | None = None,
        store: Store | None = None,
        use_store: bool = True,
        breakers: BreakerBoard | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.catalog = catalog or load_catalog()
        self._local = local
        self._owns_local = local is None  # a provider handed in (shared, warm) is not ours to close
        self._providers: dict[str, OpenAICompatibleProvider] = {}
        self.breakers = breakers or BreakerBoard()
        self._sleep = sleep
        self.store = (
            store if store is not None else (Store(paths.database_file()) if use_store else None)
        )

    # ------------------------------------------------------------------ providers
    @property
    def local(self) -> LocalModelProvider:
        if self._local is None:
            self._local = build_local_provider(self.settings)
        return self._local

    def local_route(self) -> Route:
        try:
            label = self.local.model_label
        except ProviderError:
            label = "local model"
        entry = self.catalog.for_provider(LOCAL)
        model_id = entry[0].id if entry and not self.settings.local.model_path else label
        return Route(LOCAL, model_id, f"{label} (on this device)", own_hardware=True)

    def network_route(self) -> Route | None:
        net = self.settings.local_network
        if not (net.enabled and net.model and net.base_url):
            return None
        return Route(
            LOCAL_NETWORK, net.model, f"{net.model} on your network", own_hardware=net.trusted
        )

    def configured_cloud_providers(self) -> tuple[str, ...]:
        available = []
        for name in CLOUD_PROVIDERS:
            section = getattr(self.settings, name)
            if section.enabled and section.base_url and secrets.has_api_key(name):
                available.append(name)
        return tuple(available)

    def provider(self, name: str) -> OpenAICompatibleProvider:
        if name in self._providers:
            return self._providers[name]
        if name == LOCAL_NETWORK:
            net = self.settings.local_network
            config = HttpProviderConfig(
                name,
                "your network server",
                net.base_url,
                net.connect_timeout_seconds,
                net.read_timeout_seconds,
                net.first_token_timeout_seconds,
                trusted_local=True,
            )
            provider: OpenAICompatibleProvider = OpenAICompatibleProvider(
                config, lambda: secrets.get_api_key(LOCAL_NETWORK)
            )
        else:
            section = getattr(self.settings, name)
            config = HttpProviderConfig(
                name,
                CLOUD_PROVIDERS[name],
                section.base_url,
                section.connect_timeout_seconds,
                section.read_timeout_seconds,
                section.first_token_timeout_seconds,
            )
            key = lambda n=name: secrets.get_api_key(n)  # noqa: E731 - read at the moment of use
            if name == "together":
                provider = TogetherProvider(config, key)
            elif name == "huggingface":
                provider = HuggingFaceProvider(
                    config,
                    key,
                    legacy_base_url=self.settings.huggingface_legacy_base_url,
                    sleep=self._sleep,
                )
            else:
                provider = OpenAICompatibleProvider(config, key)
        self._providers[name] = provider
        return provider

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings: providers are rebuilt lazily, the local model only if its own
        settings changed (so a warm model is not thrown away for nothing)."""
        for provider in self._providers.values():
            provider.close()
        self._providers = {}
        if settings.local != self.settings.local and self._local is not None:
            if self._owns_local:
                self._local.close()
            self._local, self._owns_local = None, True
        self.settings = settings

    def close(self) -> None:
        for provider in self._providers.values():
            provider.close()
        if self._local is not None and self._owns_local:
            self._local.close()
        if self.store is not None:
            self.store.close()

    def check_health(self) -> dict[str, str]:
        """Probe each configured cloud provider's /models; feeds the circuit breakers."""
        results = {}
        for name in self.configured_cloud_providers():
            try:
                self.provider(name).list_models()
            except ProviderHTTPError as exc:
                self.breakers.get(name).record_failure()
                results[name] = str(exc)
            else:
                self.breakers.get(name).record_success()
                results[name] = "ok"
        return results

    def refresh_prices(self) -> dict[str, int]:
        """Update catalog prices from the providers' /models endpoints; returns counts."""
        updated: dict[str, int] = {}
        catalog = self.catalog
        for name in self.configured_cloud_providers():
            provider = self.provider(name)
            if not hasattr(provider, "prices"):
                continue
            prices = provider.prices()  # type: ignore[attr-defined]
            known = {m.id for m in catalog.for_provider(name)}
            updated[name] = len(known & set(prices))
            catalog = catalog.with_prices(name, prices, date.today().isoformat())
        save_user_catalog(catalog)
        self.catalog = catalog
        return updated

    # ------------------------------------------------------------------- routing
    def scan(self, text: str) -> Verdict:
        """The privacy scan with the user's strictness and private terms — the only way in."""
        privacy = self.settings.privacy
        return scan(text, strictness=privacy.strictness, custom_terms=privacy.custom_terms)

    def _history(
        self, conversation_id: int | None
    ) -> tuple[list[Message], bool, tuple[str, str] | None]:
        if conversation_id is None or self.store is None:
            return [], False, None
        conversation = self.store.conversation(conversation_id)
        if conversation is None:
            raise InputError(f"Conversation {conversation_id} does not exist.")
        messages = [
            Message(m.role, m.text)
            for m in self.store.messages(conversation_id)
            if m.role in ("user", "assistant") and m.text
        ]  # type: ignore[arg-type]
        pin = (
            (conversation.pinned_provider, conversation.pinned_model)
            if conversation.pinned_provider and conversation.pinned_model
            else None
        )
        return messages, conversation.private, pin

    def decide(
        self,
        prompt: str,
        *,
        history: Sequence[Message] = (),
        conversation_id: int | None = None,
        force_local: bool = False,
        force_cloud: bool = False,
        conversation_private: bool = False,
        pinned: tuple[str, str] | None = None,
        mask_and_send: bool | None = None,
    ) -> Decision:
        prompt = clean_prompt(prompt)
        stored, stored_private, stored_pin = self._history(conversation_id)
        history = list(history) or stored
        conversation_private = conversation_private or stored_private
        verdict = self.scan(prompt)
        if history and not conversation_private:
            # Earlier turns are part of what would be sent: they must be clean too.
            conversation_private = any(
                self.scan(m.content).sensitive for m in history if m.role == "user"
            )
        network = self.network_route()
        spend = self.store.spend() if self.store is not None else Spend()
        return decide(
            RoutingInputs(
                verdict=verdict,
                task=classify(prompt),
                catalog=self.catalog,
                local_route=self.local_route(),
                cloud_providers=() if self.settings.offline else self.configured_cloud_providers(),
                unhealthy=unhealthy_keys(self.breakers.states()),
                budget=budget_state(self.settings.budgets, spend),
                trusted_network_route=network if network and network.own_hardware else None,
                untrusted_network_route=network if network and not network.own_hardware else None,
                force_local=force_local,
                force_cloud=force_cloud,
                offline=self.settings.offline,
                never_premium=self.settings.routing.never_premium
                or not self.settings.premium.enabled,
                pinned=pinned or stored_pin,
                conversation_private=conversation_private,
                mask_and_send=self.settings.privacy.redact_and_send
                if mask_and_send is None
                else mask_and_send,
                prompt_tokens=(len(prompt) + sum(len(m.content) for m in history)) // 4,
                max_price_step=self.settings.routing.max_fallback_price_step,
            )
        )

    # ------------------------------------------------------------------- answers
    def ask(
        self,
        prompt: str,
        *,
        history: Sequence[Message] = (),
        conversation_id: int | None = None,
        new_conversation: bool = False,
        force_local: bool = False,
        force_cloud: bool = False,
        conversation_private: bool = False,
        mask_and_send: bool | None = None,
        pinned: tuple[str, str] | None = None,
        params: GenerationParams | None = None,
    ) -> tuple[Answer, Iterator[StreamEvent]]:
        """Decide, save the user's message, then return the Answer and the stream that fills it."""
        prompt = clean_prompt(prompt)
        stored, stored_private, stored_pin = self._history(conversation_id)  # read once
        history = list(history) or stored
        decision = self.decide(
            prompt,
            history=history,
            force_local=force_local,
            force_cloud=force_cloud,
            conversation_private=conversation_private or stored_private,
            pinned=pinned or stored_pin,
            mask_and_send=mask_and_send,
        )
        if decision.refused:
            raise InputError(decision.refused)
        keep_text = self.store is not None and (
            self.settings.history.keep_private_history or not decision.private
        )
        if self.store is not None and conversation_id is None and new_conversation and keep_text:
            conversation_id = self.store.new_conversation()
        answer = Answer(decision=decision, conversation_id=conversation_id)
        if keep_text and conversation_id is not None:
            # Committed before anything is sent: nothing the user typed is lost.
            self.store.add_message(conversation_id, "user", prompt, private=decision.private)  # type: ignore[union-attr]
        messages = [*history, Message("user", prompt)]
        mask = self._mask_plan(answer, history, prompt) if decision.masked else None
        return answer, self._stream(answer, messages, params or GenerationParams(), keep_text, mask)

    def _mask_plan(self, answer: Answer, history: list[Message], prompt: str) -> MaskPlan:
        """The messages a cloud route gets instead: placeholders for every maskable value."""
        verdict = self.scan(prompt)
        masked_prompt, mapping = redact(prompt, verdict.findings)
        labels = {}
        for finding in verdict.findings:
            value = prompt[finding.start : finding.end]
            placeholder = next((p for p, v in mapping.items() if v == value), None)
            if placeholder:
                labels[placeholder] = finding.reason
        answer.masked = [f"{placeholder} = {label}" for placeholder, label in labels.items()]
        return MaskPlan(
            messages=[
                Message("system", MASK_INSTRUCTION),
                *history,
                Message("user", masked_prompt),
            ],
            mapping=mapping,
        )

    def _cache_key(
        self, messages: list[Message], route: Route, params: GenerationParams, private: bool
    ) -> str:
        return cache_key(
            [(m.role, m.content) for m in messages],
            route.provider,
            route.model,
            {"max_tokens": params.max_tokens, "temperature": params.temperature},
            private,
        )

    def _stream(
        self,
        answer: Answer,
        messages: list[Message],
        params: GenerationParams,
        keep_text: bool,
        mask: MaskPlan | None = None,
    ) -> Iterator[StreamEvent]:
        decision = answer.decision
        for warning in decision.warnings:
            answer.notices.append(warning)
            yield Notice("budget_warning", warning)
        writer = None
        if keep_text and answer.conversation_id is not None and self.store is not None:
            reply_id = self.store.add_message(
                answer.conversation_id, "assistant", "", private=decision.private, partial=True
            )
            writer = self.store.reply_writer(reply_id)
        if self.store is not None and self.store.unavailable:
            answer.notices.append(self.store.unavailable)
            yield Notice("history_unavailable", self.store.unavailable)
        errors: list[str] = []
        try:
            for route in decision.routes():
                if decision.private and not route.own_hardware:
                    continue  # never: a private prompt is answered on the user's own hardware or not at all
                answer.route = route
                if (
                    mask is None
                    and not route.own_hardware
                    and self._serve_from_cache(answer, messages, params, route)
                ):
                    if writer is not None:
                        writer.append(answer.text)
                    yield TextDelta(answer.text)
                    yield answer.usage  # type: ignore[misc]
                    self._record(answer, route, messages, params)
                    return
                pieces: list[str] = []
                try:
                    if mask is not None and not route.own_hardware:
                        # The cloud sees placeholders; the answer is restored here, as it streams.
                        events = _restoring(
                            self._route_events(route, mask.messages, params),
                            StreamRestorer(mask.mapping),
                        )
                    else:
                        events = self._route_events(route, messages, params)
                    for event in events:
                        if isinstance(event, TextDelta):
                            pieces.append(event.text)
                            if writer is not None:
                                writer.append(event.text)
                        elif isinstance(event, Usage):
                            answer.usage = event
                        elif isinstance(event, Notice):
                            answer.notices.append(event.message)
                        yield event
                except ProviderError as exc:
                    self.breakers.record(
                        route.provider, route.model, ok=getattr(exc, "user_error", False)
                    )
                    errors.append(f"{route.display}: {exc}")
                    log.warning("provider %s failed: %s", route.provider, type(exc).__name__)
                    if decision.private:
                        raise PrivateRouteUnavailableError(
                            "This prompt contains private data, so it can only be answered on your own hardware, "
                            f"and that failed: {exc} The prompt was not sent anywhere."
                        ) from exc
                    if pieces or isinstance(exc, StreamBrokenError):
                        partial = "".join(pieces)
                        answer.abandoned_partials.append(partial)
                        if writer is not None:
                            writer.reset()
                        notice = f"{route.display} broke off mid-answer ({exc}); the answer is redone on the next provider."
                        answer.notices.append(notice)
                        yield Notice("restart", notice)
                    else:
                        notice = f"{route.display} failed ({exc}); trying the next option."
                        answer.notices.append(notice)
                        yield Notice("failover", notice)
                    continue
                self.breakers.record(route.provider, route.model, ok=True)
                if (
                    self.store is not None
                    and self.store.unavailable
                    and self.store.unavailable not in answer.notices
                ):
                    answer.notices.append(self.store.unavailable)
                    yield Notice("history_unavailable", self.store.unavailable)
                answer.text = "".join(pieces)
                answer.partial = answer.usage is None or answer.usage.finish_reason == "cancelled"
                self._record(answer, route, messages, params)
                return
            raise NoProviderError("No provider could answer. " + " | ".join(errors))
        finally:
            if writer is not None:
                route = answer.route
                writer.flush(
                    partial=answer.partial or answer.usage is None,
                    provider=route.provider if route else None,
                    model=route.model if route else None,
                )

    def _route_events(
        self, route: Route, messages: list[Message], params: GenerationParams
    ) -> Iterator[StreamEvent]:
        if route.is_local:
            return self.local.stream(messages, route.model, params)
        provider = self.provider(route.provider)
        entry = self.catalog.find(route.provider, route.model)
        legacy = (
            entry is not None
            and entry.api == "text-generation"
            and isinstance(provider, HuggingFaceProvider)
        )

        def attempt() -> Iterator[StreamEvent]:
            if legacy:
                return provider.text_generation_stream(messages, route.model, params)  # type: ignore[attr-defined]
            return provider.stream(messages, route.model, params)

        return with_retries(
            attempt, sleep=self._sleep, cancelled=params.cancel.is_set, label=route.display
        )

    def _serve_from_cache(
        self, answer: Answer, messages: list[Message], params: GenerationParams, route: Route
    ) -> bool:
        if self.store is None or self.settings.routing.cache_max_entries == 0:
            return False
        entry = self.store.cache_get(
            self._cache_key(messages, route, params, answer.decision.private),
            self.settings.routing.cache_ttl_hours,
        )
        if entry is None:
            return False
        answer.text, answer.cache_hit = entry.text, True
        answer.usage = Usage(
            entry.prompt_tokens,
            entry.completion_tokens,
            finish_reason="cached",
            time_to_first_token_s=0.0,
            total_time_s=0.0,
        )
        answer.notices.append("answered from the local cache ($0)")
        return True

    def _record(
        self, answer: Answer, route: Route, messages: list[Message], params: GenerationParams
    ) -> None:
        usage = answer.usage
        if usage is None:
            return
        entry = self.catalog.find(route.provider, route.model)
        if entry is not None and not answer.cache_hit:
            answer.cost_usd = price(
                usage.prompt_tokens,
                usage.completion_tokens,
                entry.input_per_million,
                entry.output_per_million,
            )
        base = self.catalog.baseline
        answer.baseline_cost_usd = price(
            usage.prompt_tokens,
            usage.completion_tokens,
            base.input_per_million,
            base.output_per_million,
        )
        if self.store is None:
            return
        decision = answer.decision
        self.store.record_usage(
            UsageRecord(
                conversation_id=answer.conversation_id,
                provider=route.provider,
                model=route.model,
                task=decision.task,
                private=decision.private,
                prompt_tokens=usage.prompt_tokens,
                completion_tokens=usage.completion_tokens,
                estimated=usage.estimated,
                cost_micro_usd=to_micro(answer.cost_usd),
                baseline_micro_usd=to_micro(answer.baseline_cost_usd),
                latency_ms=None if usage.total_time_s is None else round(usage.total_time_s * 1000),
                ttft_ms=None
                if usage.time_to_first_token_s is None
                else round(usage.time_to_first_token_s * 1000),
                cache_hit=answer.cache_hit,
            )
        )
        self.store.record_audit(
            provider=route.provider,
            model=route.model,
            private=decision.private,
            task=decision.task,
            categories=list(decision.categories),
            reasons=list(decision.reasons),
        )
        cacheable = not decision.masked and (
            not route.own_hardware and not answer.cache_hit and not answer.partial and answer.text
        )
        if cacheable and not decision.private:
            self.store.cache_put(
                CacheEntry(
                    key=self._cache_key(messages, route, params, decision.private),
                    private=decision.private,
                    conversation_id=answer.conversation_id,
                    provider=route.provider,
                    model=route.model,
                    text=answer.text,
                    prompt_tokens=usage.prompt_tokens,
                    completion_tokens=usage.completion_tokens,
                ),
                self.settings.routing.cache_max_entries,
            )


def _restoring(events: Iterator[StreamEvent], restorer: StreamRestorer) -> Iterator[StreamEvent]:
    for event in events:
        if isinstance(event, TextDelta):
            text = restorer.feed(event.text)
            if text:
                yield TextDelta(text)
            continue
        if isinstance(event, Usage):
            tail = restorer.flush()
            if tail:
                yield TextDelta(tail)
        yield event


def answer_json(answer: Answer) -> dict[str, Any]:
    """The ``aideon ask --json`` object (design.md)."""
    decision = answer.decision
    route = answer.route or decision.route
    usage = answer.usage
    return {
        "route": route.provider,
        "model": route.model,
        "private": decision.private,
        "task": decision.task,
        "reasons": list(decision.reasons),
        "notices": answer.notices,
        "text": answer.text,
        "usage": {
            "prompt_tokens": usage.prompt_tokens if usage else 0,
            "completion_tokens": usage.completion_tokens if usage else 0,
            "estimated": usage.estimated if usage else True,
        },
        "cost_usd": float(answer.cost_usd),
        "baseline_cost_usd": float(answer.baseline_cost_usd),
        "partial": answer.partial,
        "cache_hit": answer.cache_hit,
        "masked": answer.masked,
        "conversation_id": answer.conversation_id,
    }


def dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False)


__all__ = ["AideonError", "Answer", "Assistant", "answer_json"]
