"""What the learned topic model sees in a prompt (``resources/privacy/topics_model.npz``).

Words, not characters, so that a 2,000-character prompt costs a few hundred dictionary
look-ups:

- each Latin-script word ("w:therapist") and its first five letters as a crude stem
  ("p:thera", shared by "therapy", "Therapie", "thérapie");
- each Chinese, Japanese or Korean character of a run, and each pair of neighbours;
- a number of any length as one token ("w:0");
- cues: which topical groups of resources/privacy/topics.toml the shared lexicon pass found
  ("h:health"), so the model learns how much a topic word is worth beside the rest.

A long paste is read at its start and end only.  The same function builds the training matrix
(``scripts/train_privacy_topics.py``) and scores a prompt; features unseen in training carry no
weight.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

TOPICS = ("health", "personal_situation", "confidential_business")
HEAD, TAIL = 3_000, 1_000  # characters of a long paste that are read: its start and its end
STEM = 5
FEATURE_VERSION = "words+stems+cjk+cues/1"  # the model file must have been trained on these
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+|[^\W\d_]+|\d+")


def readable(lower: str) -> str:
    """The part of a lower-cased text the model reads: all of it, or a long paste's ends."""
    if len(lower) > HEAD + TAIL:
        return lower[:HEAD] + " " + lower[-TAIL:]
    return lower


def features(lower: str, topics_hit: Iterable[str] = ()) -> list[str]:
    """The model's features of an already lower-cased text, duplicates kept (counts matter)."""
    found: list[str] = []
    add = found.append
    for token in _TOKEN.findall(readable(lower)):
        first = token[0]
        if first.isdigit():
            add("w:0")
        elif first >= "\u3040" and _CJK.match(token):
            found.extend(token)
            found.extend([token[i : i + 2] for i in range(len(token) - 1)])
        else:
            add("w:" + token)
            if len(token) > STEM:
                add("p:" + token[:STEM])
    found.extend("h:" + topic for topic in topics_hit)
    return found
