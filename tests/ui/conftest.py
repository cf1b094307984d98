"""Fixtures for the chat widgets: offscreen Qt, the real embedded model (tiny answers), real
SQLite history, and loopback fake clouds speaking the providers' wire format."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.config import load_settings
from tests.core.answering.conftest import clouds  # noqa: F401 - a fixture used here
from tests.ui.helpers import UI_CATALOG


@pytest.fixture(scope="session", autouse=True)
def gui_thread_collector(qapp):
    """As the app does (ui/gui_gc.py): cyclic garbage is collected on the GUI thread only; a
    closed settings dialog collected by a model-server probe thread crashed a full run."""
    from aideon_desktop.ui.gui_gc import GuiThreadCollector

    collector = GuiThreadCollector(qapp)
    yield collector
    collector.stop()


@pytest.fixture
def assistant(local_provider, isolated_home):
    """No cloud keys: everything is answered by the embedded model."""
    a = Assistant(load_settings().settings, local=local_provider)
    yield a
    a.close()


@pytest.fixture
def cloud_assistant(clouds, local_provider, isolated_home):  # noqa: F811
    """Together and Hugging Face on loopback fakes, keys in the environment."""
    a = Assistant(
        load_settings().settings, local=local_provider, catalog=UI_CATALOG, sleep=lambda s: None
    )
    yield a
    a.close()


def _window(qtbot, assistant):
    """A shown chat window, closed only once no answer or check runs (qtbot.addWidget would
    delete it before fixtures finish, under an answer still streaming)."""
    from aideon_desktop.ui.chat_window import ChatWindow

    win = ChatWindow(assistant)
    win.show()
    qtbot.waitExposed(win)
    yield win
    close_when_idle(qtbot, win)


def close_when_idle(qtbot, widget) -> None:
    if widget.busy():
        widget.stop()
    qtbot.waitUntil(lambda: not widget.busy(), timeout=60000)
    widget.preview.wait() if hasattr(widget, "preview") else widget.session.preview.wait()
    widget.hide()
    widget.deleteLater()
    qtbot.wait(10)


@pytest.fixture
def window(qtbot, assistant):
    yield from _window(qtbot, assistant)


@pytest.fixture
def cloud_window(qtbot, cloud_assistant):
    yield from _window(qtbot, cloud_assistant)
