"""What this device learns about models: thumbs up/down and Regenerate on an answer, and each
answer's failures and time, move that model's standing for that task.

    from aideon_desktop.core.routing import learning
    learning.record_feedback("together", "zai-org/GLM-5.2", "code", "down")   # UI: 👎
    learning.observe_answer(plan.decision, answer)                           # pipeline, per answer
    learning.reset_learning()                                                # Settings: "Forget"

A standing is quality points (the scale of the routing floors) added to the model's published
score for that task.  It is bounded ([learning] in resources/routing.toml: a model can be
demoted a lot but lifted only a little), fades with a half-life, and is explained in the
routing reasons.  It only reorders models routing already allows: privacy, "keep on device",
pins, budgets and "never premium" are decided before it and never by it.

Stored in ``data_dir()/routing_learning.json`` (written atomically): provider, model, task and
decayed counts — never a prompt, an answer or anything from them.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from aideon_desktop.core import paths
from aideon_desktop.core.routing.model import LOCAL, LOCAL_NETWORK, Decision, Route, Standing
from aideon_desktop.core.routing.policy import LearningLimits, load_policy

Signal = Literal["up", "down", "regenerate"]
SIGNALS: tuple[Signal, ...] = ("up", "down", "regenerate")
FILE_NAME = "routing_learning.json"
_VERSION = 1
_DAY = 86_400.0


@dataclass
class Tally:
    """Decayed counts for one (provider, model, task)."""

    up: float = 0.0
    down: float = 0.0
    regenerate: float = 0.0
    ok: float = 0.0
    failed: float = 0.0
    timed: float = 0.0  # answers with a measured time
    slow: float = 0.0  # sum of slowness in [0, 1] over those answers
    updated: float = 0.0  # epoch seconds of the last decay

    def decay_to(self, now: float, half_life_days: float) -> None:
        if self.updated and now > self.updated:
            factor = 0.5 ** ((now - self.updated) / (half_life_days * _DAY))
            for name in ("up", "down", "regenerate", "ok", "failed", "timed", "slow"):
                setattr(self, name, getattr(self, name) * factor)
        self.updated = max(self.updated, now)


def standing_of(tally: Tally, limits: LearningLimits) -> Standing:
    """Quality points a tally is worth, clamped, with the reason in words."""
    weighted = tally.up - tally.down - limits.regenerate_weight * tally.regenerate
    votes = tally.up + tally.down + limits.regenerate_weight * tally.regenerate
    feedback = limits.feedback_points * weighted / (votes + limits.prior)
    failure = -limits.failure_points * tally.failed / (tally.ok + tally.failed + limits.prior)
    latency = -limits.latency_points * tally.slow / (tally.timed + limits.prior)
    points = limits.clamp(feedback + failure + latency)
    return Standing(round(points, 2), _explain(tally, limits) if abs(points) >= 0.05 else "")


def _count(value: float, one: str, many: str) -> str | None:
    if value < 0.05:
        return None
    n = max(1, round(value))
    return f"{n} {one if n == 1 else many}"


def _explain(tally: Tally, limits: LearningLimits) -> str:
    parts = [
        _count(tally.up, "thumbs up", "thumbs up"),
        _count(tally.down, "thumbs down", "thumbs down"),
        _count(tally.regenerate, "regenerate", "regenerates"),
    ]
    answered = tally.ok + tally.failed
    if tally.failed >= 0.05 and answered:
        parts.append(f"failed {100 * tally.failed / answered:.0f}% of recent answers")
    if tally.timed >= 0.05 and tally.slow / tally.timed >= 0.1:
        parts.append(f"slower than {limits.slow_seconds:.0f} s")
    return ", ".join(p for p in parts if p) + " — fades with time"


class _AnswerLike(Protocol):
    route: Route | None
    failed_routes: list[Route]
    cache_hit: bool
    partial: bool

    @property
    def usage(self) -> Any: ...

    @property
    def notices(self) -> list[Any]: ...


def _learnable(route: Route | None) -> bool:
    return route is not None and route.provider not in (LOCAL, LOCAL_NETWORK)


log = logging.getLogger(__name__)
OUTCOME_SAVE_INTERVAL_S = 30.0  # answer times and failures are written at most this often


class LearningStore:
    """Tallies in a small JSON file; every method is safe from any thread.

    Feedback is written at once (the user acted); the outcome of each answer is written at most
    every OUTCOME_SAVE_INTERVAL_S and on ``flush()`` (at exit), so the answer path does not pay a
    file write per request.  A crash loses at most that many seconds of timings."""

    def __init__(
        self,
        path: Path,
        limits: LearningLimits | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self.limits = limits or load_policy().learning
        self._clock = clock
        self._lock = threading.Lock()
        self._tallies: dict[tuple[str, str, str], Tally] | None = None
        self._unsaved = False
        self._saved_at = float("-inf")  # time.monotonic() of the last write

    # ------------------------------------------------------------------ signals
    def record_feedback(self, provider: str, model: str, task: str, signal: Signal) -> Standing:
        """Thumbs up/down or Regenerate on an answer by ``model`` for a ``task`` prompt."""
        if signal not in SIGNALS:
            raise ValueError(f"unknown feedback {signal!r}: expected one of {', '.join(SIGNALS)}")
        return self._update(
            provider, model, task, lambda t: setattr(t, signal, getattr(t, signal) + 1), now=True
        )

    def record_outcome(
        self, provider: str, model: str, task: str, *, seconds: float | None, failed: bool
    ) -> Standing:
        """One answer (or failed attempt) by ``model``: whether it failed and how long it took."""

        def apply(tally: Tally) -> None:
            if failed:
                tally.failed += 1
                return
            tally.ok += 1
            if seconds is not None and seconds >= 0:
                slow_s = self.limits.slow_seconds
                tally.timed += 1
                tally.slow += min(1.0, max(0.0, (seconds - slow_s) / slow_s))

        return self._update(provider, model, task, apply, now=False)

    def observe_answer(self, decision: Decision, answer: _AnswerLike) -> None:
        """Learn from one finished answer: routes that broke off mid-answer, and the time of the
        one that answered.  A route that failed before answering (bad key, rate limit, outage)
        is the circuit breaker's business — a key fixed tomorrow must not leave a model demoted
        for weeks.  Cached, cancelled and on-device answers teach nothing."""
        if answer.cache_hit:
            return
        # every failed route left one notice, in order: "restart" (broke mid-answer) or "failover"
        kinds = [n.kind for n in answer.notices if n.kind in ("restart", "failover")]
        for route, kind in zip(answer.failed_routes, kinds, strict=False):
            if kind == "restart" and _learnable(route):
                self.record_outcome(
                    route.provider, route.model, decision.task, seconds=None, failed=True
                )
        route, usage = answer.route, answer.usage
        if _learnable(route) and usage is not None and not answer.partial:
            seconds = getattr(usage, "total_time_s", None)
            self.record_outcome(
                route.provider, route.model, decision.task, seconds=seconds, failed=False
            )

    # ------------------------------------------------------------------ reading
    def standings(self, task: str) -> dict[tuple[str, str], Standing]:
        """(provider, model) → standing, for every model with something learned for ``task``."""
        now = self._clock()
        with self._lock:
            tallies = self._loaded()
            found = {}
            for (provider, model, tallied_task), tally in tallies.items():
                if tallied_task != task:
                    continue
                tally.decay_to(now, self.limits.half_life_days)
                standing = standing_of(tally, self.limits)
                if standing.points:
                    found[(provider, model)] = standing
            return found

    def standing(self, provider: str, model: str, task: str) -> Standing:
        return self.standings(task).get((provider, model), Standing())

    def reset(self) -> None:
        """Forget everything learned on this device (Settings → Routing → "Forget")."""
        with self._lock:
            self._tallies = {}
            self._unsaved = False
            self.path.unlink(missing_ok=True)

    def flush(self) -> None:
        """Write what is not written yet (answer outcomes held back by the save interval)."""
        with self._lock:
            if self._unsaved:
                self._save()

    # ------------------------------------------------------------------ storage
    def _update(
        self, provider: str, model: str, task: str, apply: Callable[[Tally], None], *, now: bool
    ) -> Standing:
        moment = self._clock()
        with self._lock:
            tally = self._loaded().setdefault((provider, model, task), Tally(updated=moment))
            tally.decay_to(moment, self.limits.half_life_days)
            apply(tally)
            if now or time.monotonic() - self._saved_at >= OUTCOME_SAVE_INTERVAL_S:
                self._save()
            else:
                self._unsaved = True
            return standing_of(tally, self.limits)

    def _loaded(self) -> dict[tuple[str, str, str], Tally]:
        if self._tallies is None:
            self._tallies = _read(self.path)
        return self._tallies

    def _save(self) -> None:
        rows = [
            {"provider": p, "model": m, "task": t, **asdict(tally)}
            for (p, m, t), tally in sorted((self._tallies or {}).items())
        ]
        self._unsaved, self._saved_at = False, time.monotonic()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_text(json.dumps({"version": _VERSION, "tallies": rows}), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:  # a full disk or read-only folder: keep learning in memory
            log.warning("routing standings not saved (%s); kept for this session", exc.strerror)


def _read(path: Path) -> dict[tuple[str, str, str], Tally]:
    """The stored tallies; an unreadable or foreign file counts as nothing learned."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = data["tallies"] if data.get("version") == _VERSION else []
        fields = set(Tally.__dataclass_fields__)
        return {
            (str(r["provider"]), str(r["model"]), str(r["task"])): Tally(
                **{k: float(v) for k, v in r.items() if k in fields}
            )
            for r in rows
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


# ---------------------------------------------------------------------- the device's store
_stores: dict[Path, LearningStore] = {}
_stores_lock = threading.Lock()


def default_store() -> LearningStore:
    """The store in this user's data folder (one per folder, shared by every caller)."""
    path = paths.data_dir() / FILE_NAME
    with _stores_lock:
        store = _stores.get(path)
        if store is None:
            store = _stores[path] = LearningStore(path)
            atexit.register(store.flush)
        return store


def record_feedback(provider: str, model: str, task: str, signal: Signal) -> Standing:
    """UI: the user gave an answer by ``model`` for a ``task`` prompt 👍 ("up"), 👎 ("down") or
    asked to regenerate it ("regenerate").  Returns the model's new standing for that task."""
    return default_store().record_feedback(provider, model, task, signal)


def observe_answer(decision: Decision, answer: _AnswerLike) -> None:
    """Pipeline: learn failures and time from one finished answer."""
    default_store().observe_answer(decision, answer)


def standings(task: str) -> dict[tuple[str, str], Standing]:
    return default_store().standings(task)


def flush() -> None:
    """Write every store's held-back outcomes (the app calls this when it closes)."""
    with _stores_lock:
        stores = list(_stores.values())
    for store in stores:
        store.flush()


def reset_learning() -> None:
    """Settings: forget everything routing learned on this device."""
    default_store().reset()
