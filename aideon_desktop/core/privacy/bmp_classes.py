r"""Unicode character classes spelled out for the Basic Multilingual Plane (BMP).

``\d``, ``\w`` and ``[^\w]`` make the regex engine ask the Unicode database at every character
it tests; a class listing the same characters is looked up in a table, several times faster.
A pattern that opens with a class is tested at every character of the text, so the scan's
whole-text patterns open with the spelled-out class when the text lies within the BMP, and
with the original class when it does not (``beyond_bmp``: an emoji, a rare CJK ideograph).
Within the BMP both classes match the same characters, so both find the same matches.
"""

from __future__ import annotations

import functools
import re


@functools.cache
def spelled_out(cls: str) -> str:
    r"""The one-character class ``cls`` (``\d``, ``[^\w]``…) as a class of the BMP characters
    it matches (built once, in about 20 ms)."""
    test = re.compile(cls)
    runs: list[list[int]] = []
    for cp in range(0x10000):
        if test.fullmatch(chr(cp)):
            if runs and runs[-1][1] == cp - 1:
                runs[-1][1] = cp
            else:
                runs.append([cp, cp])
    body = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs
    )
    return f"[{body}]"


def beyond_bmp(text: str, start: int = 0, end: int | None = None) -> bool:
    """Does ``text[start:end]`` hold a character beyond the BMP?  Each takes two UTF-16 units."""
    if text.isascii():
        return False
    end = len(text) if end is None else end
    piece = text if start == 0 and end == len(text) else text[start:end]
    return len(piece.encode("utf-16-le", "surrogatepass")) != 2 * len(piece)


class OpeningClass:
    """A whole-text pattern that opens with ``cls``, compiled twice: with the spelled-out class
    for text within the BMP and as written for other text (each on first use)."""

    def __init__(self, cls: str, rest: str, flags: int = 0) -> None:
        self.cls, self.rest, self.flags = cls, rest, flags

    @functools.cached_property
    def within_bmp(self) -> re.Pattern[str]:
        return re.compile(spelled_out(self.cls) + self.rest, self.flags)

    @functools.cached_property
    def anywhere(self) -> re.Pattern[str]:
        return re.compile(self.cls + self.rest, self.flags)

    def for_text(self, text: str, start: int = 0, end: int | None = None) -> re.Pattern[str]:
        """The pattern to run over ``text[start:end]``."""
        return self.anywhere if beyond_bmp(text, start, end) else self.within_bmp
