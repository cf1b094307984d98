"""The one entry point the UI and CLI share: scan → classify → decide → answer."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from aideon_desktop.core import secrets
from aideon_desktop.core.catalog import Catalog, load_catalog, price
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
    InputError,
    NoProviderError,
    PrivateRouteUnavailableError,
    ProviderError,
)
from aideon_desktop.core.model_files import resolve_model_path
from aideon_desktop.core.privacy import scan
from aideon_desktop.core.prompt_input import clean_prompt
from aideon_desktop.core.providers.local import LocalModelConfig, LocalModelProvider
from aideon_desktop.core.providers.openai_compatible import (
    HttpProviderConfig,
    OpenAICompatibleProvider,
)
from aideon_desktop.core.routing import LOCAL, Decision, Route, RoutingInputs, decide
from aideon_desktop.core.tasks import classify

log = logging.getLogger(__name__)

CLOUD_PROVIDERS = {"together": "Together AI", "huggingface": "Hugging Face"}


@dataclass
class Answer:
    """Filled in while the stream is consumed."""

    decision: Decision
    route: Route | None = None
    text: str = ""
    usage: Usage | None = None
    cost_usd: Decimal = Decimal(0)
    baseline_cost_usd: Decimal = Decimal(0)
    notices: list[str] = field(default_factory=list)
    partial: bool = False


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
    ) -> None:
        self.settings = settings
        self.catalog = catalog or load_catalog()
        self._local = local
        self._local_error: Exception | None = None
        self._cloud: dict[str, OpenAICompatibleProvider] = {}

    # ------------------------------------------------------------------ providers
    @property
    def local(self) -> LocalModelProvider:
        """The embedded model provider; raises PrivateRouteUnavailable-worthy errors lazily."""
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
        return Route(LOCAL, model_id, f"{label} (on this device)")

    def configured_cloud_providers(self) -> tuple[str, ...]:
        available = []
        for name in CLOUD_PROVIDERS:
            section = getattr(self.settings, name)
            if section.enabled and secrets.get_api_key(name):
                available.append(name)
        return tuple(available)

    def _cloud_provider(self, name: str) -> OpenAICompatibleProvider:
        if name not in self._cloud:
            section = getattr(self.settings, name)
            self._cloud[name] = OpenAICompatibleProvider(
                HttpProviderConfig(
                    name=name,
                    display_name=CLOUD_PROVIDERS[name],
                    base_url=section.base_url,
                    connect_timeout_s=section.connect_timeout_seconds,
                    read_timeout_s=section.read_timeout_seconds,
                ),
                get_key=lambda n=name: secrets.get_api_key(n),
            )
        return self._cloud[name]

    def close(self) -> None:
        for provider in self._cloud.values():
            provider.close()
        if self._local is not None:
            self._local.close()

    # ------------------------------------------------------------------- routing
    def decide(
        self,
        prompt: str,
        *,
        history: Sequence[Message] = (),
        force_local: bool = False,
        force_cloud: bool = False,
        conversation_private: bool = False,
    ) -> Decision:
        prompt = clean_prompt(prompt)
        verdict = scan(
            prompt,
            strictness=self.settings.privacy.strictness,
            custom_terms=self.settings.privacy.custom_terms,
        )
        if history and not conversation_private:
            # Earlier turns are part of what would be sent: they must be clean too.
            conversation_private = any(
                scan(m.content).sensitive for m in history if m.role == "user"
            )
        return decide(
            RoutingInputs(
                verdict=verdict,
                task=classify(prompt),
                catalog=self.catalog,
                local_route=self.local_route(),
                cloud_providers=() if self.settings.offline else self.configured_cloud_providers(),
                force_local=force_local,
                force_cloud=force_cloud,
                offline=self.settings.offline,
                conversation_private=conversation_private,
            )
        )

    # ------------------------------------------------------------------- answers
    def ask(
        self,
        prompt: str,
        *,
        history: Sequence[Message] = (),
        force_local: bool = False,
        force_cloud: bool = False,
        conversation_private: bool = False,
        params: GenerationParams | None = None,
    ) -> tuple[Answer, Iterator[StreamEvent]]:
        """Decide, then return the Answer record and the event stream that fills it."""
        prompt = clean_prompt(prompt)
        decision = self.decide(
            prompt,
            history=history,
            force_local=force_local,
            force_cloud=force_cloud,
            conversation_private=conversation_private,
        )
        if decision.refused:
            raise InputError(decision.refused)
        answer = Answer(decision=decision)
        messages = [*history, Message("user", prompt)]
        return answer, self._stream(answer, messages, params or GenerationParams())

    def _provider_for(self, route: Route) -> object:
        return self.local if route.is_local else self._cloud_provider(route.provider)

    def _stream(
        self, answer: Answer, messages: list[Message], params: GenerationParams
    ) -> Iterator[StreamEvent]:
        decision = answer.decision
        errors: list[str] = []
        for route in decision.routes():
            if decision.private and not route.is_local:
                continue  # never: a private prompt is answered on the device or not at all
            answer.route = route
            pieces: list[str] = []
            try:
                provider = self._provider_for(route)
                for event in provider.stream(messages, route.model, params):  # type: ignore[attr-defined]
                    if isinstance(event, TextDelta):
                        pieces.append(event.text)
                    elif isinstance(event, Usage):
                        self._account(answer, route, event)
                    elif isinstance(event, Notice):
                        answer.notices.append(event.message)
                    yield event
            except ProviderError as exc:
                errors.append(f"{route.display}: {exc}")
                log.warning("provider %s failed: %s", route.provider, type(exc).__name__)
                if pieces:
                    answer.text, answer.partial = "".join(pieces), True
                    raise  # tokens already reached the user: report instead of silently redoing
                if decision.private:
                    raise PrivateRouteUnavailableError(
                        "This prompt contains private data, so it can only be answered on this device, "
                        f"and the local model could not answer: {exc} The prompt was not sent anywhere."
                    ) from exc
                notice = f"{route.display} failed ({exc}); trying the next option."
                answer.notices.append(notice)
                yield Notice("failover", notice)
                continue
            answer.text = "".join(pieces)
            answer.partial = answer.usage is None or answer.usage.finish_reason == "cancelled"
            return
        raise NoProviderError("No provider could answer. " + " | ".join(errors))

    def _account(self, answer: Answer, route: Route, usage: Usage) -> None:
        answer.usage = usage
        entry = self.catalog.find(route.provider, route.model)
        if entry is not None:
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
