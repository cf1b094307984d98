"""Chooses the quality floors of ``resources/routing.toml`` on the study prompts, with a margin.

The floors are the router's cost/quality knob.  They are chosen here, never on the prompt set
that ``bench/routing_value.py`` reports (its ``blind`` set): on the study prompts, for each
(task, difficulty) the classifier can say, every floor from 60 to 95 is tried; since a prompt's
model depends only on the floor of its own cell, the cheapest combination reaching a quality
target is exact (a Pareto merge over the tasks, each task's hard floor at least its easy one).  Each cell's floor is then printed as the
range of values giving the same choices: pick the middle of that plateau, not its edge.

The target has a margin over issue 19's 95 % of premium's quality: the classifier errs more on
prompts it never saw, and a floor on the edge of one model's score is fragile.

Run: uv run python scripts/choose_floors.py [target ...]     (default: 0.95 0.955 0.96 0.965)
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import routing_value as value  # noqa: E402

from aideon_desktop.core.catalog import load_catalog  # noqa: E402
from aideon_desktop.core.routing import load_policy  # noqa: E402
from aideon_desktop.core.tasks import assess  # noqa: E402

FLOORS = [float(v) for v in range(60, 96)]
CLOUDS = value.ALL_CLOUDS  # every provider the catalogue lists, so no model is left out
Cell = tuple[str, str]
Outcome = tuple[float, float]  # cost, quality: sums over a cell's prompts


def cell_outcomes(items: list[value.Prompt], cells: list[Cell]) -> dict[Cell, dict[float, Outcome]]:
    """For each cell, what each floor value leads to."""
    catalog, policy = load_catalog(), load_policy()
    by_cell: dict[Cell, list[value.Prompt]] = {}
    for prompt, cell in zip(items, cells, strict=True):
        by_cell.setdefault(cell, []).append(prompt)
    outcomes: dict[Cell, dict[float, Outcome]] = {}
    for cell, prompts in by_cell.items():
        outcomes[cell] = {}
        for floor in FLOORS:
            floors = {t: dict.fromkeys(f, floor) for t, f in policy.floors.items()}
            shifted = replace(policy, floors=floors)
            results = [
                value.outcome(value.route(catalog, CLOUDS, p, *cell, policy=shifted), p)
                for p in prompts
            ]
            cost = sum(float(r.cost) for r in results)
            quality = sum(r.quality for r in results)
            outcomes[cell][floor] = (cost, quality)
    return outcomes


Choice = tuple[float, float, dict[Cell, float]]


def task_choices(outcomes: dict[Cell, dict[float, Outcome]], task: str) -> list[Choice]:
    """A task's (easy, hard) floor pairs with the hard floor at least the easy one: a harder
    prompt never gets a weaker model than an easier one of the same task."""
    easy = outcomes.get((task, "easy"), {f: (0.0, 0.0) for f in FLOORS})
    hard = outcomes.get((task, "hard"), {f: (0.0, 0.0) for f in FLOORS})
    return [
        (easy[e][0] + hard[h][0], easy[e][1] + hard[h][1], {(task, "easy"): e, (task, "hard"): h})
        for e in FLOORS
        for h in FLOORS
        if h >= e
    ]


def pareto(groups: list[list[Choice]]) -> list[Choice]:
    front: list[Choice] = [(0.0, 0.0, {})]
    for choices in groups:
        merged = sorted(
            ((c + cc, q + qq, {**f, **ff}) for c, q, f in front for cc, qq, ff in choices),
            key=lambda x: (x[0], -x[1]),
        )
        front, best = [], -1.0
        for entry in merged:
            if entry[1] > best + 1e-9:
                front.append(entry)
                best = entry[1]
    return front


def plateau(outcomes: dict[float, Outcome], floor: float) -> tuple[float, ...]:
    """Every floor value that leads to the same choices as ``floor`` in this cell."""
    same = outcomes[floor]
    return tuple(f for f, o in outcomes.items() if o == same)


def runs(values: tuple[float, ...]) -> str:
    """``(70, 71, 72, 80)`` → ``"70-72+80"``: the floor values that lead to the same choices."""
    parts: list[list[float]] = []
    for v in values:
        if parts and v == parts[-1][-1] + 1:
            parts[-1].append(v)
        else:
            parts.append([v])
    return "+".join(f"{p[0]:.0f}" + (f"-{p[-1]:.0f}" if len(p) > 1 else "") for p in parts)


def main() -> None:
    targets = [float(t) for t in sys.argv[1:]] or [0.95, 0.955, 0.96, 0.965]
    items = value.prompts(value.SETS["study"])
    cells = [(a.task, a.difficulty) for a in (assess(p.text) for p in items)]
    premium = value.always_premium(load_catalog(), CLOUDS)
    base = [value.outcome(premium(p), p) for p in items]
    base_cost = float(sum(o.cost for o in base))
    base_quality = statistics.fmean(o.quality for o in base) * len(items)
    outcomes = cell_outcomes(items, cells)
    front = pareto([task_choices(outcomes, task) for task in ("code", "general", "reasoning")])
    print(f"study prompts: {len(items)} ({', '.join(Path(f).name for f in value.SETS['study'])})")
    for target in targets:
        cost, quality, floors = next(e for e in front if e[1] / base_quality >= target)
        plateaus = ", ".join(
            f"{t}/{d} {runs(plateau(outcomes[(t, d)], v))}" for (t, d), v in sorted(floors.items())
        )
        print(
            f"target {target:.3f}: {cost / base_cost:6.2%} of premium's cost at "
            f"{quality / base_quality:.4f} of its quality; floors {plateaus}"
        )


if __name__ == "__main__":
    main()
