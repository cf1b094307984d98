"""What the learned topic model sees in a prompt (``resources/privacy/topics_model.npz``).

Words, not characters, so that a 2,000-character prompt costs a few hundred dictionary
look-ups:

- each Latin-script word ("w:therapist") and its first five letters as a crude stem
  ("p:thera", shared by "therapy", "Therapie", "thérapie");
- each Chinese, Japanese or Korean character of a run, and each pair of neighbours;
- whether the text holds a number at all ("w:0");
- cues: which topical groups of resources/privacy/topics.toml the shared lexicon pass found
  ("h:health"), so the model learns how much a topic word is worth beside the rest.

Each distinct token counts once.  A long paste is read at its start and end only, in pieces
of about a prompt's size (``chunks``).  The same function builds the training matrix
(``scripts/train_privacy_topics.py``) and scores a prompt; features unseen in training carry no
weight.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from aideon_desktop.core.privacy.bmp_classes import beyond_bmp, spelled_out

TOPICS = ("health", "personal_situation", "confidential_business")
HEAD, TAIL = 3_000, 1_000  # characters of a long paste that are read: its start and its end
CHUNK = 2_000  # characters judged at once (a long prompt's size)
STEM = 5
FEATURE_VERSION = (
    "distinct words+stems+cjk+cues/3"  # the model file must have been trained on these
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_TOKEN = re.compile(r"\w+")  # one pass of the fastest pattern; tokens are sorted out below


@functools.cache
def _token_within_bmp() -> re.Pattern[str]:
    r"""``_TOKEN`` with ``\w`` spelled out (bmp_classes.py): the same runs in text within the
    Basic Multilingual Plane, a table look-up per character instead of the Unicode database."""
    return re.compile(spelled_out(r"\w") + "+")


def readable(lower: str) -> str:
    """The part of a lower-cased text the model reads: all of it, or a long paste's ends."""
    if len(lower) > HEAD + TAIL:
        return lower[:HEAD] + " " + lower[-TAIL:]
    return lower


def tokens(piece: str) -> dict[str, None]:
    """The distinct runs of word characters of a piece, in order: a word, a number (it starts
    with a digit) or a run of Chinese, Japanese or Korean characters (it starts with one)."""
    pattern = _TOKEN if beyond_bmp(piece) else _token_within_bmp()
    return dict.fromkeys(pattern.findall(piece))


def cjk(token: str) -> bool:
    return token[0] >= "\u3040" and bool(_CJK.match(token))


def cjk_features(run: str) -> list[str]:
    """A run that starts with a Chinese, Japanese or Korean character: each character, each
    neighbouring pair."""
    return [*run, *(run[i : i + 2] for i in range(len(run) - 1))]


def token_features(token: str) -> list[str]:
    """The features one token gives (what ``features`` adds for it)."""
    if token[0].isdigit():
        return ["w:0"]
    if cjk(token):
        return cjk_features(token)
    if len(token) > STEM:
        return ["w:" + token, "p:" + token[:STEM]]
    return ["w:" + token]


def chunks(lower: str) -> list[str]:
    """The readable part in pieces of about CHUNK characters, cut at a line or sentence end
    where there is one: a long paste is judged piece by piece, as prompts of its size were."""
    text = readable(lower)
    pieces = []
    start = 0
    while len(text) - start > CHUNK:
        limit = start + CHUNK
        cut = max(
            text.rfind("\n", start + CHUNK // 2, limit), text.rfind(". ", start + CHUNK // 2, limit)
        )
        end = cut + 1 if cut > 0 else limit
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def features(lower: str, topics_hit: Iterable[str] = ()) -> list[str]:
    """The model's features of an already lower-cased piece of text: each distinct token's
    features once (a word said ten times is no ten times stronger), then the cues."""
    distinct = tokens(lower)
    found = [f for token in distinct if not token[0].isdigit() for f in token_features(token)]
    if any(token[0].isdigit() for token in distinct):
        found.append("w:0")
    found.extend("h:" + topic for topic in topics_hit)
    return found
