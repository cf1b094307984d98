"""PySide6 6.12.0 on Python 3.11 lost a reference to True per Python emit() and to None per
Python callback, so a long session aborted ("bool_dealloc" / "none_dealloc"); pyproject keeps
PySide6 below 6.12.  Each run is a fresh process, so the counts start where an app's would."""

from __future__ import annotations

import os
import subprocess
import sys

CHURN = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QSyntaxHighlighter
from PySide6.QtWidgets import QApplication, QPlainTextEdit

app = QApplication([])

class Marker(QSyntaxHighlighter):
    def highlightBlock(self, text):  # a Python override that returns None
        pass

class Source(QObject):
    ping = Signal(int)

editor = QPlainTextEdit()
marker = Marker(editor.document())
source = Source()
source.ping.connect(lambda n: None)
for n in range({emits}):  # as many as a few long streamed answers
    source.ping.emit(n)
for n in range({callbacks}):
    editor.setPlainText("x")
print("survived")
"""


def churn(emits: int = 30_000, callbacks: int = 60_000) -> subprocess.CompletedProcess:
    code = CHURN.format(emits=emits, callbacks=callbacks)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )


def test_the_ui_survives_tens_of_thousands_of_signals_and_callbacks() -> None:
    done = churn()
    assert done.returncode == 0 and "survived" in done.stdout, done.stderr[-2000:]
