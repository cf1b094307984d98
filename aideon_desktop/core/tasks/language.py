"""Which of the 12 languages a prompt is written in: by script (Korean, Japanese, Chinese), then
by counting function words ("the", "der", "le", "el", "il", "o", "de", "i", "och" …) with a nudge
from letters only one language uses.  Only the grammar rules of the task classifier need it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

HANGUL = re.compile(r"[\uac00-\ud7af]")
KANA = re.compile(r"[\u3040-\u30ff]")
HAN = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
LETTERS = {  # letters that point to one language
    "de": "ßäöü",
    "sv": "å",
    "es": "ñ¿¡",
    "pt": "ãõç",
    "pl": "łąęśżźćń",
    "it": "ò",
    "fr": "œ",
}


def language_of(text: str, stopwords: Mapping[str, frozenset[str]]) -> str:
    """An ISO 639-1 code; "en" when nothing points elsewhere."""
    if HANGUL.search(text):
        return "ko"
    if KANA.search(text):
        return "ja"
    if HAN.search(text):
        return "zh"
    counts = Counter(w.lower() for w in WORD.findall(text[:2000]))
    scores = {
        lang: sum(counts[w] for w in vocab.intersection(counts))
        for lang, vocab in stopwords.items()
    }
    lowered = text.lower()
    for lang, letters in LETTERS.items():
        if lang in scores and any(ch in lowered for ch in letters):
            scores[lang] += 2
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    return best if scores[best] > 0 else "en"
