"""What an answer leaves behind on this device.

Per answer: one committed transaction for the user's message before anything is sent, the
reply flushed while it streams (at most every 0.5 s, marked partial), and one final transaction
for the reply, its usage and audit rows and a cache entry.  A send that fails before any text
leaves nothing behind (the UI keeps the draft); one that fails mid-answer keeps what arrived.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aideon_desktop.core.answering.answer import Answer
from aideon_desktop.core.answering.cache import ResponseCache
from aideon_desktop.core.answering.planner import Plan
from aideon_desktop.core.answering.request import AskRequest
from aideon_desktop.core.catalog import Catalog, price
from aideon_desktop.core.chat import GenerationParams
from aideon_desktop.core.config import HistorySettings
from aideon_desktop.core.store.spend import to_micro

if TYPE_CHECKING:
    from aideon_desktop.core.store import AnswerRows, Store
    from aideon_desktop.core.store.answers import AnswerEnd


class Recording:
    """The store side of one answer."""

    def __init__(
        self,
        store: Store | None,
        rows: AnswerRows | None,
        catalog: Catalog,
        cache: ResponseCache,
    ) -> None:
        self._store, self.rows, self._catalog, self._cache = store, rows, catalog, cache
        self._writer = store.reply_writer(rows.reply_message_id) if store and rows else None

    def append(self, text: str) -> None:
        if self._writer is not None:
            self._writer.append(text)

    def reset(self) -> None:
        """A route broke off mid-answer: its text is not the reply."""
        if self._writer is not None:
            self._writer.reset()

    def finish(self, answer: Answer, plan: Plan, params: GenerationParams) -> bool:
        """Price the answer and store it in one transaction; False if the store failed."""
        route = answer.current_route
        usage = answer.usage
        self._price(answer)
        usage_row = audit = cache = None
        if usage is not None:
            usage_row = self._usage_row(answer)
            audit = _audit_row(answer)
            if not (plan.decision.private or plan.mask or answer.cache_hit or answer.partial):
                cache = self._cache.entry(
                    plan.messages_for(route),
                    route,
                    params,
                    answer.text,
                    usage,
                    answer.conversation_id,
                )
        if self._store is None:
            return True
        end = _ended(answer, answer.text, answer.partial, usage=usage_row, audit=audit, cache=cache)
        return self._store.finish_answer(self.rows, end, cache_max_entries=self._cache.max_entries)

    def fail(self, answer: Answer) -> None:
        """The answer failed: keep the text that arrived (partial), or leave nothing."""
        if self._store is None or self.rows is None:
            return
        # What the user last saw: this route's text, or a broken-off route's.
        text = answer.text or next((t for t in reversed(answer.abandoned_partials) if t), "")
        if not text:
            self._store.abandon_answer(self.rows)
            return
        self._store.finish_answer(self.rows, _ended(answer, text, True))

    def _price(self, answer: Answer) -> None:
        usage, route = answer.usage, answer.current_route
        if usage is None:
            return
        entry = self._catalog.find(route.provider, route.model)
        if entry is not None and not answer.cache_hit:
            answer.cost_usd = price(
                usage.prompt_tokens,
                usage.completion_tokens,
                entry.input_per_million,
                entry.output_per_million,
            )
        if route.own_hardware and any(not r.own_hardware for r in answer.failed_routes):
            # the cloud was tried and failed: this device answering saved nothing by choice
            answer.baseline_cost_usd = answer.cost_usd
            return
        base = self._catalog.baseline
        answer.baseline_cost_usd = price(
            usage.prompt_tokens,
            usage.completion_tokens,
            base.input_per_million,
            base.output_per_million,
        )

    def _usage_row(self, answer: Answer) -> Any:
        usage, route, decision = answer.usage, answer.current_route, answer.decision
        assert usage is not None
        from aideon_desktop.core.store.models import UsageRecord, plain_row

        return plain_row(
            UsageRecord,
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
            latency_ms=_ms(usage.total_time_s),
            ttft_ms=_ms(usage.time_to_first_token_s),
            cache_hit=answer.cache_hit,
        )


class Recorder:
    def __init__(
        self, store: Store | None, history: HistorySettings, catalog: Catalog, cache: ResponseCache
    ) -> None:
        self.store, self.history, self.catalog, self.cache = store, history, catalog, cache

    def begin(self, request: AskRequest, plan: Plan) -> Recording:
        """Commit the user's message before anything is sent (nothing typed is lost)."""
        rows = None
        keep_text = self.history.keep_private_history or not plan.decision.private
        if self.store is not None and keep_text:
            rows = self.store.begin_answer(
                request.conversation_id,
                new_conversation=request.new_conversation,
                user_text=plan.prompt,
                private=plan.decision.private,
                title=plan.title,
                write_prompt=not request.prompt_stored,
                prompt_meta=prompt_meta(request),
            )
        return Recording(self.store, rows, self.catalog, self.cache)


def prompt_meta(request: AskRequest) -> dict[str, Any] | None:
    """Stored with a prompt that asks an earlier message again: which one, and if edited."""
    if request.asks_again is None:
        return None
    return {"asks_again": request.asks_again, "edited": request.edited}


def _ended(answer: Answer, text: str, partial: bool, **rows: Any) -> AnswerEnd:
    """The reply as the final transaction writes it, with any ``usage``, ``audit`` and
    ``cache`` rows that go with it."""
    from aideon_desktop.core.store.answers import AnswerEnd

    route = answer.current_route
    return AnswerEnd(text, partial, route.provider, route.model, reply_meta(answer), **rows)


def _ms(seconds: float | None) -> int | None:
    return None if seconds is None else round(seconds * 1000)


def _audit_row(answer: Answer) -> Any:
    from aideon_desktop.core.store.models import AuditEntry, plain_row

    route, decision = answer.current_route, answer.decision
    return plain_row(
        AuditEntry,
        provider=route.provider,
        model=route.model,
        private=decision.private,
        task=decision.task,
        categories=json.dumps(list(decision.categories)),
        reasons=json.dumps(list(decision.reasons), ensure_ascii=False),
    )


def reply_meta(answer: Answer) -> dict[str, Any]:
    """What a reopened chat shows under the reply: route, cost, savings, reasons — no values."""
    route = answer.current_route
    usage = answer.usage
    return {
        "route": route.display,
        "own_hardware": route.own_hardware,
        "private": answer.decision.private,
        "task": answer.decision.task,
        "prompt_tokens": usage.prompt_tokens if usage else None,
        "completion_tokens": usage.completion_tokens if usage else None,
        "cost_usd": str(answer.cost_usd),
        "saved_usd": str(answer.saved_usd),
        "reasons": list(answer.decision.reasons),
        "masked": list(answer.masked),
        "failed_routes": [r.display for r in answer.failed_routes],
        "skipped_routes": [r.display for r in answer.skipped_routes],  # of those, not tried
        "cache_hit": answer.cache_hit,
        "partial": answer.partial,
    }
