"""Language-independent shapes: code, commands and stack traces; numbers and arithmetic."""

from __future__ import annotations

import re

FENCE = re.compile(r"```")
TRACE = re.compile(
    r"Traceback \(most recent call last\)|\b[A-Z]\w*(?:Error|Exception)\b|\berror\[E\d+\]|npm ERR!|"
    r"^\s+at [\w.$<>]+\([\w.]+:\d+\)|\bat [\w.$]+\(\w+\.\w+:\d+\)|core dumped|exit(?:s|ed)? (?:immediately )?with code \d+|"
    r"\bcode \d{3}\b|\b(?:HTTP|error|erreur|error|errore|erro|fout|błąd|felet|fel)[ -]?[1-5]\d\d\b|"
    r"\b[45]0\d(?:エラー|错误|에러| Forbidden| Not Found| Unauthorized)|\berrno\b|\bE[A-Z]{4,}\b|\b0x[0-9a-fA-F]{6,}\b|\b(?:H\d{2}|HTTP \d{3})\b",
    re.MULTILINE,
)
INLINE_CODE = re.compile(r"`[^`\n]{2,200}`")
FENCED_BLOCK = re.compile(r"```.*?(?:```|$)", re.DOTALL)
SQL = re.compile(
    r"\b(?:SELECT|INSERT|UPDATE|DELETE)\b.{1,200}?\b(?:FROM|INTO|SET|WHERE)\b[^.;?\n]*"
)
PERCENT = re.compile(r"\d\s?%")
_ARGUMENT = (
    r"\s+(?:-{1,2}[\w-]+|[\w.~/-]+\.\w+|install|add|commit|push|pull|log|status|stash|rebase|"
    r"merge|checkout|run|build|get|apply|branch|clone|diff|reset|revert|init)\b"
)
# Tools whose names are not ordinary words may stand anywhere; "go", "make", "cat", "cd"… only at
# the start of a line, after a backtick or a "$ " prompt ("let my cat run" is not a command).
COMMAND = re.compile(
    r"\bch(?:mod|own)\s+\d{3,4}\b|"
    r"\b(?:git|kubectl|docker|npm|npx|pip|pip3|yarn|cargo|curl|wget|ssh|sudo|apt-get|brew|"
    r"terraform|helm|gcloud|systemctl|python3?|grep|awk|sed|chmod|chown|rm|ls)" + _ARGUMENT + "|"
    r"(?:^|`|\$ )(?:go|make|cd|cat|node|java|gcc|clang|aws|az|apt)" + _ARGUMENT,
    re.MULTILINE,
)
CODE_TOKENS = (
    re.compile(
        r"\b\w+\(\)|\b\w+\.\w+\(|\w+\([\w'\", ]*\)\s*[:{;]|\b[a-z_]\w*\[\w+\]"
    ),  # calls, indexing
    re.compile(r"=>|==|!=|&&|\|\||\+=|-=|::|->|\*\*\w"),  # operators
    re.compile(r"\b(?:while|for|if|elif)\b(?:[^.?!\n]|!=){1,60}:\s*\w"),  # an inline Python block
    re.compile(
        r"^\s*(?:def|class|import|from|function|const|let|var|public|private|fn|func|#include|package|for|while|if)\s.*[:{(]",
        re.MULTILINE,
    ),
    re.compile(
        r"\b[\w-]+\.(?:py|js|ts|tsx|jsx|go|rs|java|cpp|c|h|rb|sh|php|yaml|yml|json|toml|sql|css|html|swift|kt|csv)\b"
    ),
    re.compile(r"\^\[|\^\(|\(\?=|\\d|\\w|\\b|\[a-z\]"),  # regular expressions
    re.compile(
        r"(?<![\w-])--[a-z][\w-]+|\bHEAD~\d|~/\.\w+|\./[\w-]+|/usr/\w+|\$\{\w+\}|\$[A-Z_]{2,}"
    ),
    re.compile(r"\b[a-z]+_[a-z_]+\b|\b[a-z]{2,}[A-Z][a-z]+[A-Za-z]*\b"),  # snake_case, camelCase
    re.compile(r"[{};]\s*$|^\s{4,}\S", re.MULTILINE),  # braces, semicolons, indented code
    re.compile(r"\b(?:localhost|127\.0\.0\.1)(?::\d+)?|:\d{4,5}\b|\bport \d{2,5}\b", re.IGNORECASE),
)
NUMBER = re.compile(r"(?<![0-9A-Za-z_.,])[$€£¥₩]?\d+(?:[.,]\d+)*")
# "3x + 7 = 22", "2^100", "12 / 4": a minus or slash needs spaces ("2026-03-14" is a date).
ARITHMETIC = re.compile(
    r"\d\s*[a-z]?\s*[+*×÷^]\s*\d|\d\s+[-/−]\s+\d|\b[a-z]\s*=\s*\d|\d\s*[a-z]\s*[-+]\s*\d",
    re.IGNORECASE,
)
QUESTION = re.compile(r"[?？]\s*$|[?？]\s")
CODE_LINE = re.compile(r"^\s*\S.*(?:[;{}]|\):)\s*$|^(?: {4,}|\t)\S.*$", re.MULTILINE)


def without_code(text: str) -> str:
    """The prose of ``text``: fenced blocks, `inline code`, SQL and code lines removed (the
    numbers in ``for (i = 0; i < 3; i++)`` are code, not a word problem)."""
    text = SQL.sub(" ", INLINE_CODE.sub(" ", FENCED_BLOCK.sub(" ", text)))
    return CODE_LINE.sub(" ", text)


def code_structure(text: str) -> int:
    """Points for things that only code looks like (0-12)."""
    score = 3 if FENCE.search(text) or TRACE.search(text) or SQL.search(text) else 0
    if COMMAND.search(text):
        score += 2
    if INLINE_CODE.search(text):
        score += 2
    tokens = sum(1 for token in CODE_TOKENS if token.search(text))
    return score + min(3, tokens) + (2 if tokens >= 4 else 0)  # four kinds: a real snippet


def numbers(text: str) -> int:
    return len(NUMBER.findall(text))


def code_lines(text: str) -> int:
    return len(CODE_LINE.findall(text))
