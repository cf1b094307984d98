"""The task classifier and difficulty estimate (core/tasks/), in 12 languages.

Scores of the labelled sets, honestly: the first round's multilingual sets and our new sets A, B
and C were each scored once at first look (tests/data/tasks_multilingual/README.md,
tests/data/tasks_new/README.md) and are now training data of the model, so the thresholds on
them guard against regressions; they are not a claim about unseen prompts.  The claim about
unseen prompts is set E (tests/data/tasks_new/e.jsonl): written after the model was final,
scored once (task 0.988, difficulty 0.975), and never trained on (test_held_out_set below).

Difficulty is "easy" or "hard", as the definitions of issue 19 say ("hard": long multi-step
reasoning, a large code change, a demanding specialised task; "easy": a short factual question
or a small edit).  The first round's sets also used "medium"; those rows are left out of
difficulty scores.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aideon_desktop.core.tasks import assess, classify
from aideon_desktop.core.tasks.language import language_of
from aideon_desktop.core.tasks.lexicon import lexicon, vocabulary

DATA = Path(__file__).resolve().parents[2] / "data"
MULTI = DATA / "tasks_multilingual"


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def english_sets() -> list[dict]:
    found = []
    for name in ("tasks_labelled.jsonl", "tasks_heldout.jsonl", "tasks_fresh.jsonl"):
        found += rows(DATA / name)
    return found


def accuracy(items: list[dict]) -> tuple[float, list[tuple[str, str, str]]]:
    wrong = [
        (r["task"], classify(r["prompt"]), r["prompt"][:60])
        for r in items
        if classify(r["prompt"]) != r["task"]
    ]
    return 1 - len(wrong) / len(items), wrong


def test_classifier_accuracy_on_our_labelled_set() -> None:
    items = english_sets()
    score, wrong = accuracy(items)
    assert len(items) >= 180
    assert score >= 0.90, wrong


@pytest.mark.parametrize(
    ("name", "floor"),
    [
        ("study", 0.97),
        ("untouched", 0.97),
        ("untouched2", 0.95),
        ("untouched3", 0.95),
        ("untouched4", 0.93),
        ("untouched5", 0.83),
    ],
)
def test_multilingual_sets(name: str, floor: float) -> None:
    items = rows(MULTI / f"{name}.jsonl")
    assert {r["lang"] for r in items} == {
        "en", "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "ja", "zh", "ko"
    }  # fmt: skip
    score, wrong = accuracy(items)
    assert score >= floor, wrong


def test_every_language_is_served() -> None:
    by_lang: dict[str, list[bool]] = defaultdict(list)
    for path in MULTI.glob("*.jsonl"):
        for r in rows(path):
            by_lang[r["lang"]].append(classify(r["prompt"]) == r["task"])
    weak = {lang: sum(v) / len(v) for lang, v in by_lang.items() if sum(v) / len(v) < 0.92}
    assert len(by_lang) == 12 and not weak, weak


def test_difficulty_is_estimated_alongside() -> None:
    study = [r for r in rows(MULTI / "study.jsonl") if r["difficulty"] != "medium"]
    hits = sum(assess(r["prompt"]).difficulty == r["difficulty"] for r in study)
    assert len(study) >= 150
    assert hits / len(study) >= 0.9
    everything = [r for path in MULTI.glob("*.jsonl") for r in rows(path)]
    opposite = [
        r["prompt"][:60]
        for r in everything
        if {assess(r["prompt"]).difficulty, r["difficulty"]} == {"easy", "hard"}
    ]
    assert len(opposite) <= len(everything) // 100, opposite  # easy↔hard almost never


def test_held_out_set() -> None:
    """Set E has never been trained on (tests/core/tasks/test_model.py checks that); at first
    look it scored 0.988 task and 0.975 difficulty.  A regression guard with some margin."""
    items = rows(DATA / "tasks_new" / "e.jsonl")
    assert len(items) == 240 and len({r["lang"] for r in items}) == 12
    found = [assess(r["prompt"]) for r in items]
    task, wrong = accuracy(items)
    assert task >= 0.96, wrong
    difficulty = sum(a.difficulty == r["difficulty"] for a, r in zip(found, items, strict=True))
    assert difficulty / len(items) >= 0.95
    by_lang: dict[str, list[bool]] = defaultdict(list)
    for a, r in zip(found, items, strict=True):
        by_lang[r["lang"]].append(a.task == r["task"])
    assert all(sum(v) / len(v) >= 0.85 for v in by_lang.values()), by_lang


@pytest.mark.parametrize(
    ("prompt", "task"),
    [
        ("Traceback (most recent call last):\n  File \"a.py\", line 1\nKeyError: 'x'", "code"),
        ("kubectl get pods returns CrashLoopBackOff, why?", "code"),
        ("Book me a first-class cabin to Lisbon", "general"),
        ("Give a detailed description of the Eiffel Tower", "general"),
        ("Analyze the themes of a comprehensive and complex novel like Middlemarch", "general"),
        (
            "A train leaves at 3pm at 60 km/h and another at 4pm at 90 km/h; when does the second catch up?",
            "reasoning",
        ),
        ("", "general"),
    ],
)
def test_classify_examples(prompt: str, task: str) -> None:
    assert classify(prompt) == task


@pytest.mark.parametrize(
    ("prompt", "task"),
    [
        # a tool name right before CJK text is still a word
        ("gitで直前のコミットを取り消すには？", "code"),
        ("Excel里用什么公式可以查出价格？", "code"),
        ("npm으로 패키지를 설치하는 방법", "code"),
        # CJK substrings never reach into other words: 냉장고 (fridge) is not 장고 (Django)
        ("냉장고는 어떻게 차가워지나요?", "general"),
        # number words in a title are not quantities
        ("Who wrote One Hundred Years of Solitude?", "general"),
        # why + something that happened is analysis; why + a timeless fact is an explanation
        ("Warum führte die Hyperinflation zu so viel Misstrauen?", "reasoning"),
        ("Warum ist der Himmel blau?", "general"),
        ("Dlaczego Polska przegrała wojnę w 1939 roku?", "reasoning"),
        ("Dlaczego koty mruczą?", "general"),
        ("为什么秦朝统一六国后只存在了十五年？", "reasoning"),
        ("为什么天空是蓝色的？", "general"),
        # an English word ending in -te is not Dutch past tense
        ("Why is my Terraform plan trying to destroy and recreate the RDS instance?", "code"),
        # a decision between options, in any language
        ("¿Me conviene alquilar o comprar si me quedo cinco años?", "reasoning"),
        ("転職するべきか、残るべきか迷っています。", "reasoning"),
        # an ordering puzzle, by its comparatives
        ("Lisa är längre än Erik men kortare än Sara. Vem är kortast?", "reasoning"),
        ("지수는 민호보다 키가 크고, 민호는 서준보다 키가 큽니다. 누가 가장 작나요?", "reasoning"),
        # a system described by what it must withstand is software design
        ("怎么设计一个能支撑百万用户同时抢票的系统，保证不超卖？", "code"),
        ("How does the postal service handle millions of letters at the same time?", "general"),
        # the numbers in code are code
        ("Why does this print 3 three times?\nfor (var i = 0; i < 3; i++) { log(i); }", "code"),
        # a summary of causes is written, not derived
        ("Summarise the main causes of World War I.", "general"),
        ("Plan a 3-day itinerary for Rome with museums and good food.", "general"),
        ("Plan a negotiation strategy for buying a used car.", "reasoning"),
    ],
)
def test_structure_and_grammar_not_phrases(prompt: str, task: str) -> None:
    assert classify(prompt) == task


@pytest.mark.parametrize(
    ("prompt", "difficulty"),
    [
        ("Prove that the square root of 2 is irrational.", "hard"),
        ("What is 15% of 240?", "easy"),
        ("Who painted the Sistine Chapel ceiling?", "easy"),
        ("Design a rate limiter for our public API that works across several servers.", "hard"),
        ("How do I list all git branches?", "easy"),
        # a short message is a small writing job: "easy" (the first round said "medium", a
        # level the definitions no longer have)
        ("Write an email to my landlord about the broken heating.", "easy"),
        ("Schreibe einen ausführlichen Reiseführer für eine Woche in Sizilien.", "hard"),
    ],
)
def test_difficulty_examples(prompt: str, difficulty: str) -> None:
    assert assess(prompt).difficulty == difficulty


def test_a_long_paste_is_bounded_and_still_read() -> None:
    paste = "Why does this fail?\n" + "def f(x):\n    return x * 2\n" * 2000
    assessment = assess(paste)
    assert assessment.task == "code"
    assert assess("x" * 100_000).task == "general"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Wie lange braucht der Zug für die Strecke?", "de"),
        ("Pourquoi la tour est-elle si haute ?", "fr"),
        ("¿Por qué el cielo es azul?", "es"),
        ("Perché il cielo è blu?", "it"),
        ("Por que o céu é azul?", "pt"),
        ("Waarom is de lucht blauw?", "nl"),
        ("Dlaczego niebo jest niebieskie?", "pl"),
        ("Varför är himlen blå?", "sv"),
        ("なぜ空は青いのですか", "ja"),
        ("为什么天空是蓝色的", "zh"),
        ("하늘은 왜 파란가요", "ko"),
        ("Why is the sky blue?", "en"),
    ],
)
def test_language_guess_for_grammar_rules(text: str, lang: str) -> None:
    assert language_of(text.lower(), lexicon().stopwords) == lang


WORDS = st.sampled_from(
    ["git", "gitlab", "go", "program", "programm*", "c++", "node.js", "関数", "函数", "함수"]
)


@settings(max_examples=200, deadline=None)
@given(
    terms=st.lists(WORDS, min_size=1, max_size=6, unique=True),
    text=st.lists(
        st.sampled_from(
            ["git", "gitlab", "go", "gone", "programmer", "program", "c++", "node.js", "関数を",
             "函数", "함수를", " ", ", ", "x", "-"]
        ),
        max_size=12,
    ).map("".join),
)  # fmt: skip
def test_trie_patterns_match_like_a_plain_alternation(terms: list[str], text: str) -> None:
    """The prefix-trie compilation matches exactly what a plain alternation of the terms does."""
    plain = []
    for term in sorted(terms, key=len, reverse=True):
        word = re.escape(term.rstrip("*")) + (r"[\w'’]{0,20}" if term.endswith("*") else "")
        plain.append(word if re.search(r"[\u3040-\uffff]", term) else None or word)
    latin = [p for t, p in zip(sorted(terms, key=len, reverse=True), plain, strict=True)
             if not re.search(r"[\u3040-\uffff]", t)]  # fmt: skip
    cjk = [p for t, p in zip(sorted(terms, key=len, reverse=True), plain, strict=True)
           if re.search(r"[\u3040-\uffff]", t)]  # fmt: skip
    parts = []
    if latin:
        edge = r"0-9A-Za-z_\u00c0-\u024f#+"
        parts.append(rf"(?<![{edge}])(?:{'|'.join(latin)})(?![{edge}])")
    if cjk:
        parts.append("|".join(cjk))
    reference = re.compile("|".join(parts))
    assert vocabulary(terms).findall(text) == reference.findall(text)
