"""The needles that let code_structure skip a search (core/tasks/structure.py) must be true
necessary conditions: wherever a code-token pattern matches, one of its needles is in the text,
so skipping never changes a score."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from aideon_desktop.core.tasks import structure

DATA = Path(__file__).resolve().parents[2] / "data"
SNIPPETS = [
    "x = [v * 2 for v in data]",
    "sorted(d, key=lambda k: d[k])",
    "grep -r --include=*.py TODO ./src",
    "if x > 3: print(x)",
    r"re.match(r'^\d{3}$', s)",
    "echo ${HOME} and $PATH",
    "git reset HEAD~1",
    "open('a.txt').read()",
]


def _texts() -> list[str]:
    texts = list(SNIPPETS)
    for path in sorted(DATA.glob("tasks*/**/*.jsonl")) + sorted(DATA.glob("tasks*.jsonl")):
        lines = path.read_text("utf-8").splitlines()
        texts += [json.loads(line)["prompt"] for line in lines if line.strip()]
    return texts


def _needles_hold(text: str) -> bool:
    for token, needles in zip(structure.CODE_TOKENS, structure.TOKEN_NEEDLES, strict=True):
        if needles and token.search(text) and not any(n in text for n in needles):
            return False
    return not (structure.ARITHMETIC.search(text) and not structure.DIGIT.search(text))


def test_every_labelled_prompt_keeps_its_needles() -> None:
    texts = _texts()
    assert len(texts) > 4000
    assert all(_needles_hold(text) for text in texts)
    assert sum(structure.code_structure(t) > 0 for t in SNIPPETS) == len(SNIPPETS)


@given(st.text(alphabet="abx_=-~/$.:;()[]{}^\\0123 \nlambdaHEAD", max_size=60))
def test_needles_hold_for_any_mix_of_code_characters(text: str) -> None:
    assert _needles_hold(text)
