r"""``search`` of a multi-line pattern that can only match at the start of a line (``^…``) or
at one of a few characters (``[{,]…``), without trying it at every position.

A pattern that opens with ``^`` (or with an alternation of ``^`` and a class) gives the regex
engine nothing to skip to: it tests ``^`` at every character of the range, then the rest
wherever a line starts.  The same pattern with a literal line break first (``\n…``), or with
the class alone first, lets the engine skip to candidates in C.  ``LineStartPattern`` finds
the first such candidate and then runs the original pattern there, so what it returns is the
original pattern's own match: where it can match at all is where its ``^`` holds (the string's
first character, or after a ``\n``) or where its opening class does.
"""

from __future__ import annotations

import re


class LineStartPattern:
    """``(?:^LINE|[CHARS]AT)REST`` compiled with re.MULTILINE, searched by its two branches.

    ``line`` and ``at`` must not match where the other does (the class's characters must not
    open ``line``): each start position then belongs to one branch, and the leftmost start of
    either branch is the pattern's."""

    def __init__(self, line: str, rest: str, chars: str = "", at: str = "") -> None:
        opening = f"^{line}|[{chars}]{at}" if chars else f"^{line}"
        self.pattern = re.compile(f"(?:{opening}){rest}", re.MULTILINE)
        self._after_break = re.compile(f"\n(?:{line}){rest}", re.MULTILINE)
        self._at_chars = re.compile(f"[{chars}](?:{at}){rest}", re.MULTILINE) if chars else None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """``self.pattern.search(text, pos, endpos)``: the same match."""
        end = len(text) if endpos is None else endpos
        pattern = self.pattern
        if pos == 0:  # "^" holds at the string's start, with no line break before it
            first = pattern.match(text, 0, end)
            if first is not None:
                return first
        starts = []
        found = self._after_break.search(text, max(pos - 1, 0), end)
        if found is not None:
            starts.append(found.start() + 1)
        if self._at_chars is not None:
            found = self._at_chars.search(text, pos, end)
            if found is not None:
                starts.append(found.start())
        if not starts:
            return None
        return pattern.match(text, min(starts), end)
