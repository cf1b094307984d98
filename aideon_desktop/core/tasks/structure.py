"""Language-independent shapes: code, commands and stack traces; numbers and arithmetic."""

from __future__ import annotations

import re

FENCE = re.compile(r"```")
# Stack traces, error codes and statuses.  Kept as separate patterns: most start with a literal
# the regex engine can scan for, which one alternation of them all cannot (4x slower on a paste).
TRACES = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        r"Traceback \(most recent call last\)",
        r"\b[A-Z]\w*(?:Error|Exception)\b",
        r"\berror\[E\d+\]",
        r"npm ERR!",
        r"^\s+at [\w.$<>]+\([\w.]+:\d+\)",
        r"\bat [\w.$]+\(\w+\.\w+:\d+\)",
        r"core dumped",
        r"exit(?:s|ed)? (?:immediately )?with code \d+",
        r"\bcode \d{3}\b",
        r"\b(?:HTTP|error|erreur|error|errore|erro|fout|błąd|felet|fel)[ -]?[1-5]\d\d\b",
        r"\b[45]0\d(?:エラー|错误|에러| Forbidden| Not Found| Unauthorized)",
        r"\berrno\b",
        r"\bE[A-Z]{4,}\b",
        r"\b0x[0-9a-fA-F]{6,}\b",
        r"\b(?:H\d{2}|HTTP \d{3})\b",
    )
)
# For each of TRACES, strings one of which every match contains: a prompt without any of them
# skips that search (as TOKEN_NEEDLES below do for CODE_TOKENS).
TRACE_NEEDLES: tuple[tuple[str, ...], ...] = (
    ("Traceback (most recent call last)",),
    ("Error", "Exception"),
    ("error[E",),
    ("npm ERR!",),
    ("(",),  # "    at com.app.Main(Main.java:12)"
    ("(",),
    ("core dumped",),
    (" with code ",),
    ("code ",),
    ("HTTP", "err", "fout", "błąd", "fel"),  # error, erreur, errore, erro; fel, felet
    ("40", "50"),
    ("errno",),
    ("E",),
    ("0x",),
    ("H",),
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
    # a spreadsheet formula ("=VLOOKUP(", "=SVERWEIS(") or the error it shows ("#N/A", "#BEZUG!")
    re.compile(
        r"=[A-ZÄÖÜ][A-ZÄÖÜ.]{1,}\(|#(?:N/A|NV|REF!|VALUE!|NAME\?|DIV/0!|BEZUG!|WERT!|REFERENS!|"
        r"NOMBRE\?|VALOR!|VALORE!|RIF!|NOME\?|WAARDE!|VERW!|ARG!|ADR!)"
    ),
    # a call of a function every beginner meets: print(…), len(…), console.log(…)
    re.compile(
        r"\b(?:print|printf|println|len|range|str|int|float|list|dict|set|sorted|map|filter|sum|"
        r"open|input|round|zip|enumerate|isinstance|console\.log|System\.out\.println|echo)\("
    ),
    # one-line code: a call inside a call, a comprehension, a keyword argument, a lambda (each
    # starts at a bracket, so the engine can skip to the brackets)
    re.compile(
        r"(?<=\w)\(\s*[A-Za-z_][\w.]*\(|[\[{(]\s*[^\s\[\]{}()][^\n\[\]{}]{0,60}?\sfor\s+\w+"
        r"(?:\s*,\s*\w+)?\s+in\s+\S|(?<=\w)\([^()\n]{0,60}\b[a-z_]\w*=[\w\"'\[(]|\blambda\s+\w*\s*:"
    ),
)
# For each of CODE_TOKENS, strings one of which every match contains (none: nothing to name):
# a prompt without any of them skips that search.  Most prose has no brackets, colons or "$".
TOKEN_NEEDLES: tuple[tuple[str, ...], ...] = (
    ("(", "["),  # calls, indexing
    (),  # operators (the pattern starts with literals already)
    (":",),  # an inline Python block
    (":", "{", "("),  # a line of code
    (".",),  # a file name
    ("^", "(", "\\", "["),  # regular expressions
    ("-", "~", "/", "$"),  # flags, paths, variables
    (),  # snake_case, camelCase
    (),  # braces, semicolons, indented code
    (),  # localhost, ports
    (),  # spreadsheet formulas (the pattern starts with literals already)
    ("(",),  # beginner calls
    ("(", "[", "{", "lambda"),  # one-line code
)
NUMBER = re.compile(r"(?<![0-9A-Za-z_.,])[$€£¥₩]?\d+(?:[.,]\d+)*")
# "3x + 7 = 22", "2^100", "12 / 4": a minus or slash needs spaces ("2026-03-14" is a date).
DIGIT = re.compile(r"\d")  # every match of ARITHMETIC has one: look for it first
ARITHMETIC = re.compile(
    r"\d\s*[a-z]?\s*[+*×÷^]\s*\d|\d\s+[-/−]\s+\d|\b[a-z]\s*=\s*\d|\d\s*[a-z]\s*[-+]\s*\d",
    re.IGNORECASE,
)
ARITHMETIC_NEEDLES = ("+", "*", "×", "÷", "^", "-", "/", "−", "=")  # every match has an operator
# A passage given to work on: quoted («…», "…", „…“, 「…」, ' after a space) or pasted after a
# colon and a line break.  Twelve characters at least, so that a quoted word is not a passage.
PASSAGE = re.compile(
    r"[«“„\"「『]\s*[^«»“”„\"「」『』\n]{12,}|(?:^|[\s:：])'[^'\n]{12,}'|[:：]\s*\n\s*\S"
)
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
LATIN_WORD = re.compile(r"[^\W\d_]+")
QUESTION = re.compile(r"[?？]\s*$|[?？]\s")
# A call written inline ("len(set(s))", "sorted(d, key=len)"): code, not prose.  A name of two
# letters or more, so that "f(4)" in a maths question stays prose.
INLINE_CALL = re.compile(r"\b[A-Za-z_][\w.]+\((?:[^()\n]|\([^()\n]*\)){0,80}\)")
COMPREHENSION = re.compile(r"[\[{]\s*[^\s\[\]{}][^\n\[\]{}]{0,60}?\sfor\s[^\n\[\]{}]{1,80}[\]}]")
CODE_LINE = re.compile(r"^\s*\S.*(?:[;{}]|\):)\s*$|^(?: {4,}|\t)\S.*$", re.MULTILINE)


# What without_code removes, in order, each with strings one of which every match contains.
CODE_IN_PROSE: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (FENCED_BLOCK, ("```",)),
    (INLINE_CODE, ("`",)),
    (SQL, ("SELECT", "INSERT", "UPDATE", "DELETE")),
    (COMPREHENSION, ("[", "{")),
    (INLINE_CALL, ("(",)),
    (CODE_LINE, (";", "{", "}", "):", "    ", "\t")),
)


def _contains_any(text: str, needles: tuple[str, ...]) -> bool:
    for needle in needles:  # noqa: SIM110 - a loop, not any(): no generator on the hot path
        if needle in text:
            return True
    return False


def without_code(text: str) -> str:
    """The prose of ``text``: fenced blocks, `inline code`, SQL and code lines removed (the
    numbers in ``for (i = 0; i < 3; i++)`` are code, not a word problem).  A step whose needles
    are not in the text cannot match it and is skipped."""
    for pattern, needles in CODE_IN_PROSE:
        if _contains_any(text, needles):
            text = pattern.sub(" ", text)
    return text


def arithmetic(text: str) -> bool:
    """Is there a sum, an equation or a formula with numbers ("3x + 7 = 22", "12 / 4")?"""
    return (
        _contains_any(text, ARITHMETIC_NEEDLES)
        and DIGIT.search(text) is not None
        and ARITHMETIC.search(text) is not None
    )


SHAPE_HEAD, SHAPE_TAIL = 600, 300  # a long paste shows its code shapes early and late


_TRACES = tuple(zip(TRACES, TRACE_NEEDLES, strict=True))
_TOKENS = tuple(zip(CODE_TOKENS, TOKEN_NEEDLES, strict=True))


def _searched(pattern: re.Pattern[str], needles: tuple[str, ...], text: str) -> bool:
    """``pattern.search(text)``, skipped when none of its needles is in the text."""
    if needles:
        for needle in needles:
            if needle in text:
                break
        else:
            return False
    return pattern.search(text) is not None


def code_structure(text: str) -> int:
    """Points for things that only code looks like (0-12)."""
    if len(text) > SHAPE_HEAD + SHAPE_TAIL:
        text = text[:SHAPE_HEAD] + "\n" + text[-SHAPE_TAIL:]
    traced = FENCE.search(text) or any(_searched(p, n, text) for p, n in _TRACES)
    score = 3 if traced or SQL.search(text) else 0
    if COMMAND.search(text):
        score += 2
    if INLINE_CODE.search(text):
        score += 2
    tokens = 0
    for token, needles in _TOKENS:
        tokens += _searched(token, needles, text)
    return score + min(3, tokens) + (2 if tokens >= 4 else 0)  # four kinds: a real snippet


def numbers(text: str) -> int:
    return len(NUMBER.findall(text))


def code_lines(text: str) -> int:
    return len(CODE_LINE.findall(text))
