"""What kind of job a prompt is: code, reasoning or general.  Structure first, then words."""

from __future__ import annotations

import re
from typing import Literal

Task = Literal["code", "reasoning", "general"]

_CODE_STRUCTURE = re.compile(
    r"```|^\s{2,}\S.*[;{}]\s*$|Traceback \(most recent call last\)|^\s+at [\w.$]+\(.*\)$|"
    r"\b\w+(?:Error|Exception)\b:|\bdef \w+\(|\bclass \w+[:(]|\bfunction \w+\(|=>|\bimport \w+|"
    r"#include|\bSELECT\b.+\bFROM\b|^\s*\$ \w+|\b(?:kubectl|docker|git|npm|pip|cargo|sudo|ssh|curl)\s+\w+|"
    r"\b\w+\.(?:py|js|ts|go|rs|java|cpp|rb|sh|yaml|yml|json|toml)\b|\b[a-z]+_[a-z_]+\(|\b[a-z]+[A-Z]\w*\(",
    re.MULTILINE,
)
_CODE_WORDS = re.compile(
    r"\b(?:regex|regular expression|compile[sr]?|segfault|stack trace|unit test|refactor|debug|"
    r"python|javascript|typescript|rust|golang|java|c\+\+|sql|bash|powershell|api endpoint|"
    r"function|variable|null pointer|exception|dockerfile|kubernetes|git|repository|pull request)\b",
    re.IGNORECASE,
)
_CODE_ASK = re.compile(
    r"\b(?:write|fix|implement|debug|optimi[sz]e|refactor|review|port)\b", re.IGNORECASE
)
_REASONING = re.compile(
    r"\b(?:prove|derive|step[- ]by[- ]step|how many|probability|expected value|optimal|trade-?offs?|"
    r"compare and contrast|pros and cons|argue|justify|why would|what would happen if|puzzle|riddle|"
    r"calculate|solve|estimate|if .{3,60} then|assum(?:e|ing)|strategy|plan for|evaluate)\b",
    re.IGNORECASE,
)
_NUMBERS = re.compile(r"\d+(?:[.,]\d+)?")


def classify(prompt: str) -> Task:
    """Pure and fast (well under a millisecond for ordinary prompts)."""
    text = prompt[:20000]
    if _CODE_STRUCTURE.search(text):
        return "code"
    if _CODE_WORDS.search(text) and _CODE_ASK.search(text):
        return "code"
    reasoning_hits = len(_REASONING.findall(text))
    if reasoning_hits >= 2 or (reasoning_hits and len(_NUMBERS.findall(text)) >= 2):
        return "reasoning"
    return "general"
