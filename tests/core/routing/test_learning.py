"""On-device learning (core/routing/learning.py): feedback and outcomes move a model's standing
for a task, bounded, fading, explained, stored atomically and resettable."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.answering.request import AskRequest
from aideon_desktop.core.catalog import load_catalog
from aideon_desktop.core.chat import Notice, Usage
from aideon_desktop.core.config import load_settings
from aideon_desktop.core.routing import Decision, Route, learning, load_policy
from aideon_desktop.core.routing.learning import LearningStore

GLM = ("together", "zai-org/GLM-5.2")
LIMITS = load_policy().learning
DAY = 86_400.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> LearningStore:
    return LearningStore(tmp_path / "routing_learning.json", clock=clock)


def test_thumbs_move_a_model_for_that_task_only(store: LearningStore) -> None:
    down = store.record_feedback(*GLM, "code", "down")
    assert down.points < 0 and "1 thumbs down" in down.why
    assert store.standing(*GLM, "general").points == 0  # another task is untouched
    up = [store.record_feedback(*GLM, "code", "up") for _ in range(3)][-1]
    assert up.points > 0 and "3 thumbs up" in up.why and "1 thumbs down" in up.why


def test_regenerate_counts_as_part_of_a_thumbs_down(store: LearningStore) -> None:
    regenerate = store.record_feedback(*GLM, "code", "regenerate")
    other = LearningStore(store.path.with_name("other.json"), clock=store._clock)
    down = other.record_feedback(*GLM, "code", "down")
    assert down.points < regenerate.points < 0 and "1 regenerate" in regenerate.why


def test_standings_are_bounded_whatever_happens(store: LearningStore) -> None:
    for _ in range(500):
        store.record_feedback(*GLM, "code", "down")
        store.record_outcome(*GLM, "code", seconds=None, failed=True)
    assert store.standing(*GLM, "code").points == -LIMITS.max_down
    for _ in range(5000):
        store.record_feedback(*GLM, "general", "up")
    assert store.standing(*GLM, "general").points == LIMITS.max_up


def test_signals_fade_with_the_half_life(store: LearningStore, clock: Clock) -> None:
    for _ in range(4):
        store.record_feedback(*GLM, "code", "down")
    fresh = store.standing(*GLM, "code").points
    clock.now += LIMITS.half_life_days * DAY
    later = store.standing(*GLM, "code").points
    clock.now += 20 * LIMITS.half_life_days * DAY
    assert fresh < later < 0 and store.standing(*GLM, "code").points == 0


def test_slow_answers_cost_a_little(store: LearningStore) -> None:
    for _ in range(5):
        store.record_outcome(*GLM, "code", seconds=LIMITS.slow_seconds * 3, failed=False)
    slow = store.standing(*GLM, "code")
    assert -LIMITS.latency_points <= slow.points < 0 and "slower than" in slow.why
    for _ in range(5):
        store.record_outcome(*GLM, "general", seconds=1.0, failed=False)
    assert store.standing(*GLM, "general").points == 0


def test_stored_atomically_reloaded_and_reset(store: LearningStore, clock: Clock) -> None:
    store.record_feedback(*GLM, "code", "down")
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tallies"][0]["model"] == GLM[1]
    assert set(data["tallies"][0]) >= {"provider", "model", "task", "down", "updated"}
    assert not list(store.path.parent.glob("*.tmp"))
    again = LearningStore(store.path, clock=clock)
    assert again.standing(*GLM, "code") == store.standing(*GLM, "code")
    again.reset()
    assert not store.path.exists() and again.standings("code") == {}


def test_an_unreadable_file_counts_as_nothing_learned(store: LearningStore) -> None:
    store.path.write_text("{not json", encoding="utf-8")
    assert store.standings("code") == {}
    store.record_feedback(*GLM, "code", "up")  # and it is replaced by a good one
    assert json.loads(store.path.read_text(encoding="utf-8"))["tallies"]


def test_unknown_feedback_is_refused_clearly(store: LearningStore) -> None:
    with pytest.raises(ValueError, match=r"unknown feedback .meh.*up, down, regenerate"):
        store.record_feedback(*GLM, "code", "meh")  # type: ignore[arg-type]


@dataclass
class FakeAnswer:
    route: Route | None
    failed_routes: list[Route] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    usage: Usage | None = None
    cache_hit: bool = False
    partial: bool = False


def decision(task: str = "code") -> Decision:
    local = Route("local", "smollm2", "SmolLM2", own_hardware=True)
    return Decision(local, False, task, ("x",))  # type: ignore[arg-type]


def test_answers_teach_mid_answer_breaks_and_time_but_not_outages(store: LearningStore) -> None:
    broke = Route("together", "zai-org/GLM-5.2", "GLM")
    refused = Route("fireworks", "accounts/fireworks/models/glm-5p2", "GLM (Fireworks)")
    answered = Route("huggingface", "zai-org/GLM-5.2:cheapest", "GLM (HF)")
    answer = FakeAnswer(
        route=answered,
        failed_routes=[broke, refused],
        notices=[
            Notice("answering", "GLM"),
            Notice("restart", "GLM broke off mid-answer"),
            Notice("failover", "GLM (Fireworks) failed (401); trying the next option."),
        ],
        usage=Usage(10, 20, total_time_s=LIMITS.slow_seconds * 3),
    )
    store.observe_answer(decision(), answer)
    found = store.standings("code")
    assert found[(broke.provider, broke.model)].points < 0  # broke off mid-answer
    assert (refused.provider, refused.model) not in found  # a bad key is the breaker's business
    assert found[(answered.provider, answered.model)].points < 0  # answered, but slowly


def test_cached_cancelled_and_on_device_answers_teach_nothing(store: LearningStore) -> None:
    cloud = Route("together", "zai-org/GLM-5.2", "GLM")
    slow = Usage(1, 1, total_time_s=999.0)
    store.observe_answer(decision(), FakeAnswer(cloud, usage=slow, cache_hit=True))
    store.observe_answer(decision(), FakeAnswer(cloud, usage=slow, partial=True))
    store.observe_answer(decision(), FakeAnswer(Route("local", "m", "m", True), usage=slow))
    assert store.standings("code") == {}


def test_the_device_store_follows_the_data_folder(isolated_home: Path) -> None:
    learning.record_feedback(*GLM, "code", "down")
    assert (isolated_home / "routing_learning.json").is_file()
    assert learning.standings("code")[GLM].points < 0
    learning.reset_learning()
    assert learning.standings("code") == {}


def test_a_thumbs_down_changes_the_next_plan_and_says_why(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOGETHER_API_KEY", "tk-test-aaaaaaaaaaaaaaaaaaaa")
    monkeypatch.setenv("HF_TOKEN", "hf_testtesttesttesttesttesttesttest")
    assistant = Assistant(load_settings().settings, catalog=load_catalog(), use_store=False)
    try:
        before = assistant.plan(AskRequest("Write a haiku about autumn rain.")).decision
        learning.record_feedback(before.route.provider, before.route.model, before.task, "down")
        once = assistant.plan(AskRequest("Write a haiku about autumn rain.")).decision
        assert once.route == before.route  # one thumbs-down is not a verdict
        for _ in range(7):
            learning.record_feedback(before.route.provider, before.route.model, before.task, "down")
        after = assistant.plan(AskRequest("Write a haiku about autumn rain.")).decision
        assert after.route != before.route
        assert any("learned on this device" in r and "8 thumbs down" in r for r in after.reasons)
        learning.reset_learning()
        assert assistant.plan(AskRequest("Write a haiku about autumn rain.")).decision.route == (
            before.route
        )
    finally:
        assistant.close()
