"""What routing buys, in the style of RouteLLM's cost/quality table.

A SIMULATION over published scores, not a measurement of answers: for each prompt of a labelled
set (by default tests/data/tasks_holdout3/: 360 prompts in 12 languages, labelled with task and
difficulty, written blind), each strategy picks a model from resources/catalog.toml; the prompt's
expected quality is that model's LiveBench-derived score for the prompt's *true* task, and its
expected cost is the model's list price for the prompt's tokens plus the expected answer length
for its true task and difficulty (resources/routing.toml).  Nothing is sent anywhere.

Strategies, side by side:
  always premium   — GPT-5.5 for everything
  always cheapest  — the cheapest chat model for the request, whatever its quality
  seed rule        — the seed's keyword classifier and routing (code → cheapest code model,
                     reasoning → strongest model, general → cheapest model)
  aideon router    — task + difficulty classifier, then the cheapest model that meets the
                     quality floor (this repository's routing)
  aideon, oracle   — the same routing given the true task and difficulty (what a perfect
                     classifier would buy)

Run: uv run python bench/routing_value.py [blind|study]
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from collections.abc import Callable
from dataclasses import astuple, dataclass, replace
from decimal import Decimal
from pathlib import Path

from aideon_desktop.core.catalog import Catalog, ModelEntry, load_catalog
from aideon_desktop.core.privacy import Verdict
from aideon_desktop.core.routing import Policy, Route, RoutingInputs, decide, load_policy
from aideon_desktop.core.tasks import assess

TESTS_DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
# study: where the floors are chosen (scripts/choose_floors.py) and the classifier learns.
# blind: written blind by another author, never used to choose floors or train the classifier.
SETS = {
    "study": [
        TESTS_DATA / "tasks_multilingual",
        TESTS_DATA / "tasks_blind_untouched",
        TESTS_DATA / "tasks_holdout2",
    ],
    "blind": [TESTS_DATA / "tasks_holdout3"],
}
ALL_CLOUDS = ("together", "huggingface", "premium", "openrouter", "groq", "fireworks", "deepinfra")
DEFAULT_CLOUDS = ("together", "huggingface", "premium")
PREMIUM_MODEL = ("premium", "gpt-5.5")
LOCAL = Route("local", "smollm2-135m-instruct", "SmolLM2", own_hardware=True)
SEED_CODE = re.compile(r"\b(code|function|class|import|def|var|const)\b", re.IGNORECASE)
SEED_REASONING = re.compile(r"\b(analy[sz]e|reasoning|complex|comprehensive)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Prompt:
    text: str
    task: str
    difficulty: str
    prompt_tokens: int
    answer_tokens: int


@dataclass(frozen=True)
class Outcome:
    cost: Decimal
    quality: float
    premium: bool


def prompts(folders: list[Path]) -> list[Prompt]:
    policy = load_policy()
    rows = []
    for path in sorted(p for folder in folders for p in folder.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [
        Prompt(
            r["prompt"],
            r["task"],
            r["difficulty"],
            max(1, len(r["prompt"]) // 4),
            policy.answer_tokens(r["task"], r["difficulty"]),
        )
        for r in rows
    ]


def outcome(entry: ModelEntry, prompt: Prompt) -> Outcome:
    return Outcome(
        entry.cost(prompt.prompt_tokens, prompt.answer_tokens),
        entry.score(prompt.task),
        entry.provider == "premium" and entry.id == PREMIUM_MODEL[1],
    )


def usable(catalog: Catalog, clouds: tuple[str, ...]) -> list[ModelEntry]:
    return [m for m in catalog.routable() if m.provider in clouds]


def always_premium(catalog: Catalog, clouds: tuple[str, ...]) -> Callable[[Prompt], ModelEntry]:
    entry = catalog.find(*PREMIUM_MODEL)
    assert entry is not None
    return lambda prompt: entry


def always_cheapest(catalog: Catalog, clouds: tuple[str, ...]) -> Callable[[Prompt], ModelEntry]:
    models = usable(catalog, clouds)
    return lambda p: min(models, key=lambda m: m.cost(p.prompt_tokens, p.answer_tokens))


def seed_rule(catalog: Catalog, clouds: tuple[str, ...]) -> Callable[[Prompt], ModelEntry]:
    """The seed: keyword task, then code → cheapest code-capable, reasoning → strongest (the
    highest reasoning score, premium first on ties), general → cheapest."""
    models = usable(catalog, clouds)

    def pick(p: Prompt) -> ModelEntry:
        cost = lambda m: m.cost(p.prompt_tokens, p.answer_tokens)  # noqa: E731
        if SEED_CODE.search(p.text):
            return min((m for m in models if "code" in m.tasks), key=cost)
        if SEED_REASONING.search(p.text):
            return max(models, key=lambda m: (m.score("reasoning"), m.provider == "premium"))
        return min(models, key=cost)

    return pick


def route(
    catalog: Catalog,
    clouds: tuple[str, ...],
    prompt: Prompt,
    task: str,
    difficulty: str,
    policy: Policy | None = None,
) -> ModelEntry:
    """The model the router picks for ``prompt`` read as ``task``/``difficulty`` (a clean
    prompt, these clouds, ``policy`` or the shipped floors)."""
    decision = decide(
        RoutingInputs(
            verdict=Verdict(sensitive=False),
            task=task,  # type: ignore[arg-type]
            difficulty=difficulty,  # type: ignore[arg-type]
            catalog=catalog,
            local_route=LOCAL,
            cloud_providers=clouds,
            prompt_tokens=prompt.prompt_tokens,
            policy=policy if policy is not None else load_policy(),
        )
    )
    entry = catalog.find(decision.route.provider, decision.route.model)
    assert entry is not None, decision.reasons
    return entry


def aideon(
    catalog: Catalog, clouds: tuple[str, ...], *, oracle: bool = False
) -> Callable[[Prompt], ModelEntry]:
    def pick(p: Prompt) -> ModelEntry:
        if oracle:
            return route(catalog, clouds, p, p.task, p.difficulty)
        assessment = assess(p.text)
        return route(catalog, clouds, p, assessment.task, assessment.difficulty)

    return pick


def table(catalog: Catalog, clouds: tuple[str, ...], items: list[Prompt]) -> dict[str, float]:
    strategies = {
        "always premium": always_premium(catalog, clouds),
        "always cheapest": always_cheapest(catalog, clouds),
        "seed keyword rule": seed_rule(catalog, clouds),
        "aideon router": aideon(catalog, clouds),
        "aideon, oracle labels": aideon(catalog, clouds, oracle=True),
    }
    results = {name: [outcome(pick(p), p) for p in items] for name, pick in strategies.items()}
    premium_cost = sum(o.cost for o in results["always premium"])
    premium_quality = statistics.fmean(o.quality for o in results["always premium"])
    print(f"\nproviders: {', '.join(clouds)}  ({len(items)} prompts)")
    print(
        f"{'strategy':24} {'$ / 1k prompts':>15} {'cost vs premium':>16} "
        f"{'mean quality':>13} {'quality vs premium':>19} {'to premium':>11}"
    )
    shares = {}
    for name, outcomes in results.items():
        cost = sum(o.cost for o in outcomes)
        quality = statistics.fmean(o.quality for o in outcomes)
        to_premium = sum(o.premium for o in outcomes) / len(outcomes)
        shares[name] = float(cost / premium_cost)
        print(
            f"{name:24} {float(cost) * 1000 / len(outcomes):15.4f} {float(cost / premium_cost):16.1%} "
            f"{quality:13.1f} {quality / premium_quality:19.1%} {to_premium:11.1%}"
        )
        shares[name + " quality"] = quality / premium_quality
    return shares


def by_task(catalog: Catalog, clouds: tuple[str, ...], items: list[Prompt]) -> None:
    premium = always_premium(catalog, clouds)
    router = aideon(catalog, clouds)
    print(f"\naideon router by true task (providers: {', '.join(clouds)})")
    print(f"{'task':10} {'n':>4} {'cost vs premium':>16} {'quality vs premium':>19}")
    for task in ("general", "code", "reasoning"):
        subset = [p for p in items if p.task == task]
        ours = [outcome(router(p), p) for p in subset]
        base = [outcome(premium(p), p) for p in subset]
        cost = sum(o.cost for o in ours) / sum(o.cost for o in base)
        quality = statistics.fmean(o.quality for o in ours) / statistics.fmean(
            o.quality for o in base
        )
        print(f"{task:10} {len(subset):4} {float(cost):16.1%} {quality:19.1%}")


def floor_curve(catalog: Catalog, clouds: tuple[str, ...], items: list[Prompt]) -> None:
    """The cost/quality curve: every floor of resources/routing.toml moved by the same offset."""
    policy = load_policy()
    premium = always_premium(catalog, clouds)
    base = [outcome(premium(p), p) for p in items]
    base_cost, base_quality = sum(o.cost for o in base), statistics.fmean(o.quality for o in base)
    assessed = {p.text: astuple(assess(p.text)) for p in items}
    print(f"\nfloors moved together (providers: {', '.join(clouds)})")
    print(f"{'offset':>7} {'cost vs premium':>16} {'quality vs premium':>19}")
    for offset in (-9, -6, -3, 0, 3, 6):
        shifted = replace(
            policy,
            floors={t: {d: v + offset for d, v in f.items()} for t, f in policy.floors.items()},
        )
        ours = [
            outcome(route(catalog, clouds, p, *assessed[p.text], policy=shifted), p) for p in items
        ]
        cost = float(sum(o.cost for o in ours) / base_cost)
        quality = statistics.fmean(o.quality for o in ours) / base_quality
        mark = "  ← shipped floors" if offset == 0 else ""
        print(f"{offset:>+7} {cost:16.1%} {quality:19.1%}{mark}")


def main() -> None:
    """``routing_value.py [blind|study]``: the prompt set.  The default and headline is blind:
    360 prompts neither the classifier nor the floors were tuned on.  study: the 1,664 prompts
    the floors are chosen on (scripts/choose_floors.py) and the classifier learns from."""
    catalog = load_catalog()
    name = sys.argv[1] if len(sys.argv) > 1 else "blind"
    items = prompts(SETS[name])
    print(__doc__.split("\n\n")[1])
    print(f"prompt set: {name} ({len(items)} prompts)")
    headline = table(catalog, DEFAULT_CLOUDS, items)  # the providers the app ships with
    table(catalog, ALL_CLOUDS, items)
    by_task(catalog, ALL_CLOUDS, items)
    floor_curve(catalog, ALL_CLOUDS, items)
    cost, quality = headline["aideon router"], headline["aideon router quality"]
    met = "met" if cost <= 0.15 and quality >= 0.95 else "NOT met"
    print(
        f"\nheadline ({name} prompts, default providers): the router costs {cost:.1%} of always-premium at "
        f"{quality:.1%} of its quality — target ≤ 15% at ≥ 95%: {met} (quality {quality:.4f})."
        "\nA simulation over LiveBench scores and list prices, not measured answer quality."
    )


if __name__ == "__main__":
    main()
