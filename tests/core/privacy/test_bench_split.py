"""The study/untouched split of the shared corpora is deterministic and about 60/40."""

from __future__ import annotations

from bench.privacy import split_of


def test_split_is_stable_and_about_sixty_percent() -> None:
    prompts = [f"prompt number {i} with some text" for i in range(4000)]
    parts = [split_of(p) for p in prompts]
    assert parts == [split_of(p) for p in prompts]
    share = parts.count("study") / len(parts)
    assert 0.56 < share < 0.64
    assert set(parts) == {"study", "untouched"}
