"""Markdown → HTML for the chat: markdown-it-py parses, Pygments highlights code.  No Qt here.

A message becomes a list of segments: ``Prose`` (HTML for a rich-text view) and ``Code`` (a
top-level fenced block, shown in its own box with a language label and a Copy button).  The HTML
is written for Qt's rich-text engine, which knows a subset of HTML 4 and CSS: tables and quotes
are tables with classes that ``resources/ui/markdown.css`` styles; raw HTML and images from a
model are never rendered (shown as text / dropped), so an answer cannot load local files.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.lexers.special import TextLexer
from pygments.util import ClassNotFound

MONO = "font-family: 'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace;"


@dataclass(frozen=True)
class Prose:
    html: str


@dataclass(frozen=True)
class Code:
    language: str  # as the writer labelled it ("py"), "" when unlabelled
    label: str  # what the box shows ("Python", "Text")
    code: str  # the text the Copy button copies
    html: str  # highlighted, for a rich-text view


Segment = Prose | Code


@functools.lru_cache(maxsize=256)
def highlight_code(code: str, language: str, style: str) -> tuple[str, str]:
    """(label, HTML) for ``code``: a ``<pre>`` of spans with inline Pygments colours."""
    try:
        lexer = get_lexer_by_name(language) if language else None
    except ClassNotFound:
        lexer = None
    label = lexer.name if lexer is not None else (language or "Text")
    formatter = HtmlFormatter(style=style, noclasses=True, nowrap=True, nobackground=True)
    body = highlight(code, lexer or TextLexer(), formatter).rstrip("\n")
    return label, f'<pre style="{MONO}">{body}</pre>'


def plain_html(text: str) -> str:
    """Text as typed (a user's message): escaped, line breaks and spaces kept."""
    return f'<p class="plain">{html.escape(text)}</p>'


class MarkdownRenderer:
    """One per colour scheme (the code colours differ)."""

    def __init__(self, pygments_style: str = "default") -> None:
        self.style = pygments_style
        md = MarkdownIt("commonmark", {"html": False, "typographer": False})
        md.enable(["table", "strikethrough"])
        md.disable("image")
        rules = md.add_render_rule
        rules("table_open", lambda *_: '<table class="md" cellspacing="0" cellpadding="5">\n')
        rules("th_open", _cell_open)
        rules("td_open", _cell_open)
        rules("blockquote_open", _quote_open)
        rules("blockquote_close", lambda *_: "</td></tr></table>\n")
        nested = functools.partial(_nested_code, style=pygments_style)
        rules("fence", lambda _renderer, tokens, idx, *_: nested(tokens[idx]))
        rules("code_block", lambda _renderer, tokens, idx, *_: nested(tokens[idx]))
        self._md = md

    def segments(self, text: str) -> list[Segment]:
        """The segments of ``text``.  An unclosed fence (mid-stream) runs to the end."""
        tokens = self._md.parse(text)
        segments: list[Segment] = []
        prose: list[Token] = []
        for token in tokens:
            if token.level == 0 and token.type in ("fence", "code_block"):
                if prose:
                    segments.append(Prose(self._render(prose)))
                    prose = []
                segments.append(self._code(token))
            else:
                prose.append(token)
        if prose:
            segments.append(Prose(self._render(prose)))
        return segments

    def to_html(self, text: str) -> str:
        """The whole text as one HTML fragment (code blocks inline, without Copy buttons)."""
        return self._render(self._md.parse(text))

    def _render(self, tokens: Sequence[Token]) -> str:
        return self._md.renderer.render(list(tokens), self._md.options, {})

    def _code(self, token: Token) -> Code:
        language = token.info.strip().split(" ")[0] if token.info else ""
        code = token.content.removesuffix("\n")
        label, body = highlight_code(code, language, self.style)
        return Code(language, label, code, body)


def _nested_code(token: Token, style: str) -> str:
    """A code block inside a list or quote: a tinted one-cell table, no Copy button."""
    language = token.info.strip().split(" ")[0] if token.info else ""
    _, body = highlight_code(token.content.removesuffix("\n"), language, style)
    return f'<table class="code" cellpadding="8" width="100%"><tr><td>{body}</td></tr></table>\n'


def _cell_open(_renderer: object, tokens: Sequence[Token], idx: int, *_: object) -> str:
    token = tokens[idx]
    style = str(token.attrs.get("style", ""))
    align = style.removeprefix("text-align:") if style.startswith("text-align:") else ""
    tag = token.tag
    return f'<{tag} align="{align}">' if align else f"<{tag}>"


def _quote_open(*_: object) -> str:
    return (
        '<table class="quote" cellspacing="0" cellpadding="0"><tr>'
        '<td class="quote-bar" width="3"></td><td class="quote-body">'
    )
