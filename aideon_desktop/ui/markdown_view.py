"""A message body: Markdown prose in fitted rich-text views, each top-level code block in its own
box with the language and a Copy button.  Updating reuses the widgets whose segment kind is
unchanged, so a streaming answer only re-lays out its last segment."""

from __future__ import annotations

import functools

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from aideon_desktop.ui.markdown import Code, MarkdownRenderer, Prose, Segment, plain_html
from aideon_desktop.ui.theme import Theme
from aideon_desktop.ui.widgets import FittedText, IconButton, copy_text


@functools.cache
def renderer_for(pygments_style: str) -> MarkdownRenderer:
    return MarkdownRenderer(pygments_style)


class CodeBlockView(QFrame):
    """A code block: header (language, Copy) over the highlighted code, scrolling sideways."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codeBlock")
        self.code = ""
        header = QWidget()
        header.setObjectName("codeHeader")
        header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.language = QLabel()
        self.language.setObjectName("codeLanguage")
        self.copy_button = IconButton("copy", "Copy code", "Copy this code block", text="Copy")
        self.copy_button.setObjectName("codeCopy")
        self.copy_button.clicked.connect(self.copy)
        row = QHBoxLayout(header)
        row.setContentsMargins(10, 2, 4, 2)
        row.addWidget(self.language, 1)
        row.addWidget(self.copy_button)
        self.view = FittedText(wrap=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.view)
        self.theme = theme
        self.copy_button.apply_theme(theme)

    def show_code(self, segment: Code, theme: Theme) -> None:
        self.code = segment.code
        self.theme = theme
        self.language.setText(segment.label)
        self.setAccessibleName(f"{segment.label} code")
        self.copy_button.apply_theme(theme)
        self.view.show_html(segment.html, theme.document_css())

    def copy(self) -> None:
        copy_text(self.code)
        self.copy_button.flash("Copied")


class MarkdownView(QWidget):
    fitted = Signal()  # a part changed height: the view's natural height changed

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.parts: list[QWidget] = []
        self.text = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def show_markdown(self, text: str) -> None:
        self.text = text
        self._show(renderer_for(self.theme.pygments_style).segments(text))

    def show_plain(self, text: str) -> None:
        self.text = text
        self._show([Prose(plain_html(text))])

    def apply_theme(self, theme: Theme, markdown: bool = True) -> None:
        self.theme = theme
        if markdown:
            self.show_markdown(self.text)
        else:
            self.show_plain(self.text)

    def copy_buttons(self) -> list[QWidget]:
        """The code blocks' Copy buttons, top to bottom."""
        return [part.copy_button for part in self.parts if isinstance(part, CodeBlockView)]

    def plain_text(self) -> str:
        texts = []
        for part in self.parts:
            if isinstance(part, CodeBlockView):
                texts.append(part.code)
            elif isinstance(part, FittedText):
                texts.append(part.toPlainText())
        return "\n".join(texts)

    def _show(self, segments: list[Segment]) -> None:
        css = self.theme.document_css()
        for index, segment in enumerate(segments):
            part = self.parts[index] if index < len(self.parts) else None
            wanted = CodeBlockView if isinstance(segment, Code) else FittedText
            if not isinstance(part, wanted):
                self._drop_from(index)
                part = CodeBlockView(self.theme) if wanted is CodeBlockView else FittedText()
                text = part.view if isinstance(part, CodeBlockView) else part
                text.fitted.connect(self.fitted)
                self.parts.append(part)
                self._layout.addWidget(part)
            if isinstance(segment, Code):
                part.show_code(segment, self.theme)  # type: ignore[union-attr]
            else:
                part.show_html(segment.html, css)  # type: ignore[union-attr]
        self._drop_from(len(segments))

    def _drop_from(self, index: int) -> None:
        for part in self.parts[index:]:
            self._layout.removeWidget(part)
            part.deleteLater()
        del self.parts[index:]
