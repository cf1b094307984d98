"""What the learned part of the classifier sees in a prompt (``resources/tasks_model.npz``).

Two kinds of features, computed from one :class:`Analysis`:

- **cues** — a few dozen numbers, each a meaning rather than a word: code structure, tools and
  programming concepts, the maths, argument and decision scores of ``classifier.py``, and the
  [cues] word lists of ``resources/tasks.toml`` (asks to make something, names a piece of
  software, asks for a translation, a proof, an estimate; a small job, a whole system, a long
  text).  Their weights are learned from every language at once.
- **sub-words** — character n-grams of each word (3 to 5 letters, with its edges: "<prog",
  "amm", "ita>") and runs of one to three Chinese, Japanese or Korean characters, so that
  "programita", "Programmchen" and "小程序" share what "program" taught.  Only n-grams seen in
  training carry a weight; the rest are ignored.

The same functions build the training matrix (``scripts/train_tasks.py``) and score a prompt.
"""

from __future__ import annotations

import math
import re

from aideon_desktop.core.tasks import classifier, structure
from aideon_desktop.core.tasks.signals import Analysis

TASKS = ("code", "reasoning", "general")
_CJK_RUN, _LATIN_WORD = structure.CJK_RUN, structure.LATIN_WORD
_SEPARATORS = re.compile(r"[,;:、，；：]")
# A size given as a number: "1,500 words", "a 2,000-line script", "8 minutes", "3000字", "2천 단어".
_SIZED = re.compile(
    r"\d[\d,.\s]*\s?-?\s?(?:words?|pages?|minutes?|lines?|chapters?|wörter\w*|seiten|minuten|"
    r"zeilen|kapitel|mots|lignes|chapitres|palabras|páginas|minutos|líneas|capítulos|parole|"
    r"pagine|minuti|righe|capitoli|palavras|linhas|woorden|pagina's|regels|hoofdstukken|słów|"
    r"stron|minut|linii|rozdział\w*|ord|sidor|minuter|rader|字|ページ|分|行|章|页|分钟|단어|자|"
    r"페이지|분|줄|장)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?。！？]+(?:\s|$)")
NGRAM_HEAD, NGRAM_TAIL = 500, 300  # a long paste: its start and end (prompts are shorter)


def pieces(text: str) -> list[str]:
    """The runs of Chinese, Japanese or Korean characters and the other words of ``text``
    (lowercased, a long text's start and end only): each gives its n-grams on its own."""
    lower = text.lower()
    if len(lower) > NGRAM_HEAD + NGRAM_TAIL:
        lower = lower[:NGRAM_HEAD] + " " + lower[-NGRAM_TAIL:]
    return _CJK_RUN.findall(lower) + _LATIN_WORD.findall(_CJK_RUN.sub(" ", lower))


def piece_grams(piece: str) -> list[str]:
    """The n-grams of one piece: a CJK run's characters and runs of two and three, or a word's
    edged n-grams of 3 to 5 letters and the whole edged word."""
    size = len(piece)
    if _CJK_RUN.match(piece):
        found = list(piece)
        found.extend(piece[i : i + 2] for i in range(size - 1))
        found.extend(piece[i : i + 3] for i in range(size - 2))
        return found
    edged = "<" + piece + ">"
    size += 2
    found = [edged]
    for n in (3, 4, 5):
        found.extend(edged[i : i + n] for i in range(size - n + 1))
    return found


def ngrams(text: str) -> list[str]:
    """Sub-word features of ``text`` (lowercased, a long text's start and end only)."""
    return [gram for piece in pieces(text) for gram in piece_grams(piece)]


def words(a: Analysis) -> int:
    """Words in the prompt; two Chinese, Japanese or Korean characters count as one."""
    return a.word_count


def _cue(a: Analysis, name: str) -> float:
    return 1.0 if a.cue(name) else 0.0


def _capped(value: float, cap: float) -> float:
    return min(value, cap) / cap


def _quantities(a: Analysis) -> dict[str, float]:
    quantity = a.has("quantity", prose=True)
    found = a.terms("quantifiers", prose=True)
    return {
        "quantity_with_numbers": float(quantity and a.numbers > 0),
        "quantity_alone": float(quantity and a.numbers == 0),
        "units_asked": float(quantity and a.cue("units")),
        "syllogism": float(len(found) >= 2),
    }


def _reasoning_shapes(a: Analysis) -> dict[str, float]:
    constrained = a.has("constraints", prose=True) or a.has("goals", prose=True)
    caused = a.has("why", prose=True) or a.has("causes", prose=True)
    return {
        **_quantities(a),
        "maths_points": _capped(classifier.maths_points(a), 6),
        "argument_points": _capped(classifier.argument_points(a), 6),
        "decision_points": _capped(classifier.decision_points(a), 2),
        "numbers": _capped(a.numbers, 6),
        "quantity": float(a.has("quantity", prose=True)),
        "why_happened": float(caused and classifier.happened(a)),
        "why": float(caused),
        "why_history": float(a.has("why", prose=True) and a.cue("history")),
        "inference": _cue(a, "inference"),
        "plan_constrained": float(a.has("planning", prose=True) and constrained),
        "plan": float(a.has("planning", prose=True)),
        "hypothetical": float(a.has("hypothetical", prose=True)),
        "logic": _capped(a.occurrences("logic") + a.comparatives, 2),
        "proof": _cue(a, "proof"),
        "estimate": _cue(a, "estimate"),
        "analysis": _cue(a, "analysis"),
    }


def _code_shapes(a: Analysis) -> dict[str, float]:
    making, artifact = a.cue("making") or a.cue("wanting"), a.cue("artifacts")
    building = making or a.has("building")
    listed = len(_SEPARATORS.findall(a.prose)) >= 3
    tools = a.tools  # tech terms, product names, "in C", "i Rust"
    named = tools > 0 or a.has("concepts")
    return {
        "software_fact": float(named and a.cue("who_when")),
        # "Python or JavaScript first? weigh the pros and cons": a choice between tools
        "software_choice": float(
            named and a.code_structure == 0 and classifier.decision_points(a) > 0
        ),
        "structure": _capped(a.code_structure, 8),
        "code_shape": float(a.code_structure > 0),
        "tech": _capped(tools, 2),
        "concepts": _capped(a.count("concepts"), 2),
        "weak": _capped(a.count("code_weak"), 3),
        "making": float(making),
        "artifact": float(artifact),
        "make_artifact": float(making and artifact),
        "build_system": float(building and a.has("systems")),
        # a thing to build, specified by a list of what it must do: a software spec
        "specified_build": float(making and (artifact or a.has("systems")) and listed),
        # "make me something that reminds me every morning": an automation
        "automation": float(making and (artifact or a.cue("thing")) and a.cue("automatic")),
    }


def _prose_job(a: Analysis) -> dict[str, float]:
    """Is the job the text itself, whatever it speaks of (a translation, a genre, an everyday
    sense of a software word)?"""
    transform = a.cue("translation") or a.cue("rewriting") or a.has("produce", prose=True)
    passage = a.passage
    text_job = transform and passage and a.code_structure == 0
    genre = a.cue("genre")
    # a python in a terrarium, not an app for a pet shop: asked to make software, it is software
    making = a.cue("making") or a.cue("wanting")
    everyday = a.cue("everyday") and not (making and a.cue("artifacts"))
    software = a.has("tech") or a.has("concepts") or a.has("code_weak") or a.cue("artifacts")
    return {
        # "translate: «the server is down»": the job is the text, whatever it speaks of
        "text_job": float(text_job),
        "passage": float(passage),
        "genre": float(genre),
        "everyday": float(everyday),
        # software named in a job that is not software: a cover letter for a Java developer,
        # a ball python in a terrarium, a translated sentence about a database
        "software_in_prose": float(
            software and (text_job or genre or everyday) and a.code_structure == 0
        ),
    }


def _general_shapes(a: Analysis) -> dict[str, float]:
    return {
        **_prose_job(a),
        "translation": _cue(a, "translation"),
        "rewriting": _cue(a, "rewriting"),
        "produce": float(a.has("produce", prose=True)),
        "definition": _cue(a, "definition"),
        "question": float("?" in a.text or "？" in a.text),
        "length": math.log1p(words(a)) / 4,
    }


def task_cues(a: Analysis, reasoning: dict[str, float] | None = None) -> dict[str, float]:
    """The named cue features of the task head (``reasoning``: its reasoning shapes, if known)."""
    reasoning = reasoning if reasoning is not None else _reasoning_shapes(a)
    return {**_code_shapes(a), **reasoning, **_general_shapes(a)}


TASK_CUES = tuple(task_cues(Analysis("")))


def _size(a: Analysis) -> dict[str, float]:
    count = words(a)
    return {
        "length": math.log1p(count) / 4,
        "over_20_words": float(count >= 20),
        "over_35_words": float(count >= 35),
        "over_60_words": float(count >= 60),
        "separators": _capped(len(_SEPARATORS.findall(a.prose)), 6),
        "sentences": _capped(len(_SENTENCE_END.findall(a.prose)), 4),
        "numbers": _capped(a.numbers, 8),
        "structure": _capped(a.code_structure, 8),
    }


def difficulty_cues(a: Analysis, reasoning: dict[str, float] | None = None) -> dict[str, float]:
    """The named cue features of the difficulty head (before they are split by task)."""
    shapes = reasoning if reasoning is not None else _reasoning_shapes(a)
    cues = {
        name: _cue(a, name)
        for name in (
            "small",
            "scope",
            "long_form",
            "depth",
            "brevity",
            "design",
            "definition",
            "specialised",
        )
    }
    cues |= {name: _cue(a, name) for name in ("translation", "rewriting")}
    making = a.cue("making") or a.cue("wanting")
    cues["make_artifact"] = float(making and a.cue("artifacts"))
    cues["sized_text"] = float(a.cue("long_form") and a.numbers > 0)
    cues["sized"] = float(_SIZED.search(a.prose) is not None)
    cues["passage"] = float(a.passage)
    cues["long_writing"] = float(a.cue("long_form") and (making or a.has("produce", prose=True)))
    for name in (
        "proof",
        "estimate",
        "analysis",
        "why_happened",
        "why_history",
        "plan_constrained",
        "plan",
    ):
        cues[name] = shapes[name]
    return {"bias": 1.0, **_size(a), **cues}


DIFFICULTY_CUES = tuple(difficulty_cues(Analysis("")))


def cue_values(a: Analysis) -> tuple[list[float], list[float]]:
    """(task cues, difficulty cues) of one prompt, sharing the work both need."""
    reasoning = _reasoning_shapes(a)
    task = task_cues(a, reasoning)
    return list(task.values()), list(difficulty_cues(a, reasoning).values())


def difficulty_vector(a: Analysis, task: str, values: list[float] | None = None) -> list[float]:
    """Difficulty cues placed in the block of ``task``: each task learns its own weights."""
    values = values if values is not None else list(difficulty_cues(a).values())
    block = TASKS.index(task)
    out = [0.0] * (len(values) * len(TASKS))
    out[block * len(values) : (block + 1) * len(values)] = values
    return out
