"""Routing decisions (core/routing/decision.py): privacy first, then the cheapest model whose
quality meets the floor for the task and difficulty, every reason shown."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from aideon_desktop.core.catalog import ModelEntry, load_catalog
from aideon_desktop.core.routing import Decision, RoutingInputs, Standing, decide, load_policy
from tests.support.routing import ALL_CLOUDS, LAN, LAN_UNTRUSTED, LOCAL, PRIVATE, inputs


def entry_of(decision: Decision) -> ModelEntry:
    entry = load_catalog().find(decision.route.provider, decision.route.model)
    assert entry is not None, decision.route
    return entry


def cheapest_meeting_floor(i: RoutingInputs) -> ModelEntry:
    """The rule, stated directly: among usable models for the task, the cheapest whose score
    meets the floor (the cost of this request, then the higher score on ties)."""
    floor = i.policy.floor(i.task, i.difficulty)
    answer = i.policy.answer_tokens(i.task, i.difficulty)
    usable = [
        m
        for m in i.catalog.routable()
        if m.provider in i.cloud_providers
        and i.task in m.tasks
        and m.score(i.task) >= floor
        and not (m.provider == "premium" and i.never_premium)
    ]
    return min(usable, key=lambda m: (m.cost(i.prompt_tokens, answer), -m.score(i.task)))


def test_no_keys_routes_local_with_hint() -> None:
    decision = decide(inputs("Write a haiku"))
    assert decision.route == LOCAL and "no cloud API key" in decision.reasons[0]


def test_general_goes_to_the_cheapest_model_meeting_the_floor_and_ends_on_local() -> None:
    i = inputs("Write a haiku", cloud_providers=("together",))
    decision = decide(i)
    assert entry_of(decision) == cheapest_meeting_floor(i)
    assert decision.fallbacks[-1] == LOCAL


def test_code_goes_to_the_cheapest_code_model_meeting_its_floor() -> None:
    i = inputs(
        "Fix this: TypeError: 'NoneType' object is not subscriptable",
        cloud_providers=("together", "huggingface"),
    )
    decision = decide(i)
    assert decision.task == "code" and entry_of(decision) == cheapest_meeting_floor(i)
    assert entry_of(decision).score("code") >= load_policy().floor("code", decision.difficulty)


def test_reasoning_takes_the_cheapest_model_good_enough_not_the_strongest() -> None:
    """Changed by issue 19: reasoning used to go to the strongest model (premium when
    allowed); now it goes to the cheapest model whose reasoning score meets the floor."""
    prompt = "Prove that there are infinitely many primes, step by step."
    open_only = decide(inputs(prompt, cloud_providers=("together", "premium"), never_premium=True))
    assert open_only.task == "reasoning" and open_only.difficulty == "hard"
    floor = load_policy().floor("reasoning", "hard")
    assert (
        open_only.route.provider == "together" and entry_of(open_only).score("reasoning") >= floor
    )
    with_premium = decide(inputs(prompt, cloud_providers=("together", "premium")))
    assert with_premium.route == open_only.route  # premium is pricier and not needed


def test_when_no_model_meets_the_floor_the_strongest_answers_and_says_so() -> None:
    catalog, policy = load_catalog(), load_policy()
    prompt = "Prove that there are infinitely many primes."
    # every open model further below the floor than the premium margin
    assessed = inputs(prompt)
    below = policy.floor("reasoning", assessed.difficulty) - policy.premium_margin
    weaker = catalog.model_copy(
        update={
            "model": [
                m for m in catalog.model if m.score("reasoning") < below or m.provider == "premium"
            ]
        }
    )
    with_premium = decide(inputs(prompt, catalog=weaker, cloud_providers=("together", "premium")))
    assert with_premium.route.model == "gpt-5.5"  # the only model near the floor is premium
    without = decide(inputs(prompt, catalog=weaker, cloud_providers=("together",)))
    strongest = max(
        (m for m in weaker.for_provider("together") if "reasoning" in m.tasks),
        key=lambda m: m.score("reasoning"),
    )
    assert without.route.model == strongest.id
    assert "no usable model reaches the reasoning floor" in without.reasons[1]


@pytest.mark.parametrize("task", ["general", "code", "reasoning"])
@pytest.mark.parametrize("difficulty", ["easy", "medium", "hard"])
@pytest.mark.parametrize(
    "clouds",
    [ALL_CLOUDS, ("together", "huggingface"), ("huggingface",), ("groq", "deepinfra")],
)
def test_floors_respected(task: str, difficulty: str, clouds: tuple[str, ...]) -> None:
    i = inputs("anything", task=task, difficulty=difficulty, cloud_providers=clouds)
    decision = decide(i)
    floor = load_policy().floor(task, difficulty)
    usable = [m for m in i.catalog.routable() if m.provider in clouds and task in m.tasks]
    if any(m.score(task) >= floor for m in usable):
        assert entry_of(decision) == cheapest_meeting_floor(i)
    else:
        assert entry_of(decision).score(task) == max(m.score(task) for m in usable)


@pytest.mark.parametrize("task", ["general", "code", "reasoning"])
@pytest.mark.parametrize("clouds", [ALL_CLOUDS, ("together", "huggingface", "premium")])
def test_a_higher_floor_never_gets_a_weaker_model(task: str, clouds: tuple[str, ...]) -> None:
    """Raising a floor never lowers the chosen model's score, also where only premium meets it
    and an open model within the premium margin is spared the cost (the strongest of them)."""
    policy = load_policy()
    chosen = []
    for floor in range(50, 100):
        floors = {t: dict.fromkeys(f, float(floor)) for t, f in policy.floors.items()}
        i = inputs(
            "x",
            task=task,
            difficulty="hard",
            cloud_providers=clouds,
            policy=replace(policy, floors=floors),
        )
        chosen.append(entry_of(decide(i)).score(task))
    assert chosen == sorted(chosen)


def test_premium_only_when_open_models_fall_far_short() -> None:
    """With Hugging Face and premium, no open model reaches the general floor; one within the
    premium margin answers instead of GPT-5.5, and says why."""
    decision = decide(inputs("Write a haiku", cloud_providers=("huggingface", "premium")))
    assert decision.route.provider == "huggingface"
    assert "only premium reaches the general floor" in decision.reasons[1]
    assert any("not used as fallback: GPT-5.5" in r for r in decision.reasons)  # 20× the price
    catalog = load_catalog()
    weak = [m for m in catalog.model if m.provider != "huggingface" or m.score("general") < 60]
    far = decide(
        inputs(
            "Write a haiku",
            catalog=catalog.model_copy(update={"model": weak}),
            cloud_providers=("huggingface", "premium"),
        )
    )
    assert far.route.model == "gpt-5.5"  # nothing open within the margin: premium it is


def test_difficulty_moves_the_choice() -> None:
    easy = decide(inputs("x", task="code", difficulty="easy", cloud_providers=ALL_CLOUDS))
    hard = decide(inputs("x", task="code", difficulty="hard", cloud_providers=ALL_CLOUDS))
    assert entry_of(easy).cost(100, 800) < entry_of(hard).cost(100, 800)
    assert entry_of(hard).score("code") > entry_of(easy).score("code")


def test_every_reason_is_shown() -> None:
    decision = decide(
        inputs("Design a rate limiter for our API across servers", cloud_providers=ALL_CLOUDS)
    )
    why = decision.reasons[1]
    entry = entry_of(decision)
    floor = load_policy().floor("code", "hard")
    assert why.startswith(f"code, hard → {entry.name}: cheapest with code score ≥ {floor:g}")
    assert f"({entry.score('code'):.1f})" in why and f"${entry.input_per_million}/" in why


def test_context_length_is_respected() -> None:
    decision = decide(
        inputs("Summarise this", cloud_providers=("together",), prompt_tokens=300_000)
    )
    assert entry_of(decision).context_length >= 360_000


def test_fallbacks_do_not_jump_to_much_pricier_models() -> None:
    decision = decide(
        inputs("Write a haiku", cloud_providers=("huggingface", "premium"), max_price_step=4.0)
    )
    first = entry_of(decision)
    reference = max(first.price_per_million, Decimal("0.20"))
    for route in decision.fallbacks[:-1]:
        assert load_catalog().find(route.provider, route.model).price_per_million <= reference * 4
    assert any("not used as fallback" in r for r in decision.reasons)


def test_private_goes_to_trusted_network_then_local_never_cloud() -> None:
    decision = decide(
        inputs(PRIVATE, cloud_providers=("together", "huggingface"), trusted_network_route=LAN)
    )
    assert decision.private and decision.routes() == (LAN, LOCAL)
    untrusted = decide(
        inputs(PRIVATE, cloud_providers=("together",), untrusted_network_route=LAN_UNTRUSTED)
    )
    assert untrusted.routes() == (LOCAL,)


def test_untrusted_network_server_is_used_like_a_free_cloud_for_public_prompts() -> None:
    decision = decide(
        inputs(
            "Write a haiku", cloud_providers=("together",), untrusted_network_route=LAN_UNTRUSTED
        )
    )
    assert decision.route.provider == "local_network" and not decision.route.own_hardware


def test_overrides_keep_on_device_offline_and_pin() -> None:
    assert decide(
        inputs("Write a haiku", cloud_providers=("together",), force_local=True)
    ).routes() == (LOCAL,)
    assert (
        decide(inputs("Write a haiku", cloud_providers=("together",), offline=True)).route == LOCAL
    )
    pinned = decide(
        inputs(
            "Write a haiku",
            cloud_providers=("together",),
            pinned=("together", "deepseek-ai/DeepSeek-V4-Pro"),
        )
    )
    assert (
        pinned.route.model == "deepseek-ai/DeepSeek-V4-Pro"
        and "pinned" in pinned.reasons[0] + pinned.reasons[1]
    )
    refused = decide(inputs(PRIVATE, cloud_providers=("together",), force_cloud=True))
    assert refused.refused and "private" in refused.refused


def test_learning_moves_a_model_within_bounds_and_says_so() -> None:
    i = inputs("Write a haiku", cloud_providers=("together", "huggingface"))
    first = decide(i)
    key = (first.route.provider, first.route.model)
    demoted = decide(
        inputs(
            "Write a haiku",
            cloud_providers=("together", "huggingface"),
            standings={key: Standing(-8.0, "2 thumbs down — fades with time")},
        )
    )
    assert demoted.route != first.route
    assert any(
        "learned on this device" in r and "-8.0" in r and "thumbs down" in r
        for r in demoted.reasons
    )
    wild = decide(
        inputs(
            "Write a haiku",
            cloud_providers=("together", "huggingface"),
            standings={key: Standing(+500.0, "")},
        )
    )
    limits = load_policy().learning
    assert any(f"+{limits.max_up:.1f}" in r for r in wild.reasons)  # clamped, whatever is passed
