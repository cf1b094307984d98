"""Markdown → HTML segments (Qt-free): code split out and highlighted, tables and quotes in
the shapes the stylesheet styles, nothing a model writes can load a file."""

from __future__ import annotations

from aideon_desktop.ui.markdown import Code, MarkdownRenderer, Prose, highlight_code, plain_html

TEXT = """Use `sorted()`:

```python
def top(xs):
    return sorted(xs)[:3]
```

| Name | Score |
|------|------:|
| dee  | 97 |

> stable sort
"""


def test_a_top_level_fence_becomes_its_own_highlighted_code_segment() -> None:
    segments = MarkdownRenderer("default").segments(TEXT)
    assert [type(s) for s in segments] == [Prose, Code, Prose]
    code = segments[1]
    assert isinstance(code, Code)
    assert code.language == "python" and code.label == "Python"
    assert code.code == "def top(xs):\n    return sorted(xs)[:3]"  # what Copy copies
    assert "<span style=" in code.html and "color:" in code.html  # Pygments colours inline
    assert "<pre" in code.html


def test_tables_quotes_and_inline_code_get_the_classes_the_stylesheet_styles() -> None:
    html = MarkdownRenderer().segments(TEXT)[-1].html
    assert '<table class="md"' in html and "<th>Name</th>" in html
    assert '<td align="right">97</td>' in html  # column alignment survives
    assert 'class="quote-bar"' in html and "stable sort" in html
    assert "<code>sorted()</code>" in MarkdownRenderer().segments(TEXT)[0].html


def test_an_unclosed_fence_mid_stream_runs_to_the_end_as_code() -> None:
    segments = MarkdownRenderer().segments("Here:\n\n```js\nlet a = 1;\nlet b")
    assert isinstance(segments[-1], Code) and segments[-1].code == "let a = 1;\nlet b"
    assert segments[-1].label == "JavaScript"


def test_nested_code_is_inline_in_the_prose_and_unknown_languages_are_plain_text() -> None:
    segments = MarkdownRenderer().segments("- step\n  ```\n  make\n  ```\n")
    assert len(segments) == 1 and '<table class="code"' in segments[0].html
    assert highlight_code("x", "no-such-language", "default")[0] == "no-such-language"
    assert highlight_code("x", "", "default")[0] == "Text"


def test_raw_html_and_images_from_a_model_are_never_rendered() -> None:
    html = MarkdownRenderer().to_html('<img src="file:///etc/passwd"> ![x](file:///etc/passwd)')
    assert "<img" not in html and "&lt;img" in html


def test_the_users_own_text_is_shown_as_typed() -> None:
    assert plain_html("a <b>\n  c") == '<p class="plain">a &lt;b&gt;\n  c</p>'


def test_dark_and_light_code_colours_differ() -> None:
    light = highlight_code("def f(): pass", "python", "default")[1]
    dark = highlight_code("def f(): pass", "python", "github-dark")[1]
    assert light != dark
