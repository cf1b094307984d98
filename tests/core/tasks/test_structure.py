"""The needles that let code_structure, without_code and arithmetic skip a search
(core/tasks/structure.py) must be true necessary conditions: wherever a code-token, stack-trace,
code-in-prose or arithmetic pattern matches, one of its needles is in the text, so skipping
never changes a score."""

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
    "Traceback (most recent call last):\n  File \"a.py\", line 3\nKeyError: 'x'",
    "error[E0382]: borrow of moved value",
    "npm ERR! code ELIFECYCLE",
    "    at com.app.Main.run(Main.java:12)",
    "Segmentation fault (core dumped)",
    "the job exited immediately with code 137",
    "nginx returns 403 Forbidden, HTTP 502 and erreur 404; errno 0x7ffe1234",
    "Excel zeigt 500エラー und H12",
    "le serveur renvoie erreur 401",
    "SELECT id FROM users WHERE age > 3; then\n\tindented(x)",
]
MATHS = ["solve 3x + 7 = 22 and 12 / 4 and 2^10 and 5 − 2", "x=3, 4*5 and 6 ÷ 2"]


def _texts() -> list[str]:
    texts = SNIPPETS + MATHS
    paths = sorted(DATA.glob("tasks*/**/*.jsonl")) + sorted(DATA.glob("tasks*.jsonl"))
    paths += sorted(DATA.glob("privacy*/**/*.jsonl")) + sorted(DATA.glob("privacy*.jsonl"))
    for path in paths:
        lines = path.read_text("utf-8").splitlines()
        texts += [json.loads(line)["prompt"] for line in lines if line.strip()]
    return texts


def _needles_hold(text: str) -> bool:
    checked = [
        *zip(structure.CODE_TOKENS, structure.TOKEN_NEEDLES, strict=True),
        *zip(structure.TRACES, structure.TRACE_NEEDLES, strict=True),
        *structure.CODE_IN_PROSE,
        (structure.ARITHMETIC, structure.ARITHMETIC_NEEDLES),
    ]
    for pattern, needles in checked:
        if needles and pattern.search(text) and not any(n in text for n in needles):
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


PIECES = st.sampled_from(
    [
        "Traceback", " (most recent call last)", "Error", "Exception", "Key", "error", "[E",
        "npm ERR!", "    at ", "com.app.Main", "(", "Main.java", ":12)", "core dumped", "exit",
        "exited", " immediately", " with code ", "code ", "403", "502", "HTTP", "erreur",
        "błąd", "felet", "fel", "fout", "erreur", "errore", "erro", "errno", "EACCES", "0x7ffe12", "H12", "エラー", " ",
        "\n", "-", "Forbidden", " Not Found", "E", "H", "40", "5",
    ]
)  # fmt: skip


@given(st.lists(PIECES, max_size=12).map("".join))
def test_needles_hold_for_any_mix_of_stack_trace_pieces(text: str) -> None:
    assert _needles_hold(text)
