"""The status banner: a message is shown whole, a long one scrolls inside the banner instead of
being cut off at its top and bottom in a short window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from aideon_desktop.ui.status_banner import MAX_LINES, StatusBanner
from aideon_desktop.ui.theme import load_theme

LONG = (
    "History is not being saved: history is encrypted, and no system keyring is available to "
    "hold its key. In Settings → Privacy & history, set History storage to Plain (kept "
    "unencrypted, readable by anyone who can read your files) or Off (nothing kept)."
)


def banner(qtbot, width: int) -> StatusBanner:
    widget = StatusBanner(load_theme("light"))
    qtbot.addWidget(widget)
    widget.resize(width, 200)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_short_message_is_shown_whole_with_no_scrolling(qtbot) -> None:
    widget = banner(qtbot, 600)
    widget.show_message("problem", "The network is down.")
    label, area = widget.label, widget.text_area
    assert area.height() >= label.heightForWidth(area.viewport().width())
    assert area.verticalScrollBar().maximum() == 0


def test_a_long_message_in_a_narrow_banner_scrolls_instead_of_being_cut(qtbot) -> None:
    widget = banner(qtbot, 320)
    widget.show_message("history", LONG)
    qtbot.wait(10)
    lines = widget.label.fontMetrics().lineSpacing()
    area = widget.text_area
    assert area.height() == MAX_LINES * lines  # whole lines only, none cut through
    assert area.verticalScrollBar().maximum() > 0  # the rest is a scroll away
    assert widget.text() == LONG  # nothing of the message was dropped
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    assert widget.label.height() >= widget.label.heightForWidth(widget.label.width())


def test_the_banner_grows_back_when_the_window_widens(qtbot) -> None:
    widget = banner(qtbot, 320)
    widget.show_message("history", LONG)
    widget.resize(1400, 200)
    qtbot.wait(10)
    assert widget.text_area.verticalScrollBar().maximum() == 0


def test_a_theme_change_keeps_the_message(qtbot) -> None:
    widget = banner(qtbot, 600)
    widget.show_message("history", LONG)
    widget.apply_theme(load_theme("dark"))
    assert widget.text() == LONG


def test_a_problem_with_retry_is_fitted_after_retry_takes_its_room(qtbot) -> None:
    """The height was set before Retry was shown: the text then wrapped narrower and its last
    line was cut off (seen in the chat at 1x with text that cannot be sent)."""
    widget = banner(qtbot, 520)
    widget.show_message("history", "History is not being saved.")
    qtbot.wait(20)
    wide = widget.text_area.viewport().width()
    narrow = wide - widget.retry_button.sizeHint().width() - 6
    words = LONG.split()
    text = "Problem:"
    for word in words:  # a message one line longer once Retry takes its room
        text += " " + word
        if _lines(widget, text, narrow) > _lines(widget, text, wide):
            break
    widget.show_message("problem", text)
    qtbot.wait(20)
    assert widget.retry_button.isVisible()
    area = widget.text_area
    assert area.height() >= widget.label.heightForWidth(area.viewport().width())


def _lines(widget: StatusBanner, text: str, width: int) -> int:
    metrics = widget.label.fontMetrics()
    wrap = int(Qt.TextFlag.TextWordWrap)
    return metrics.boundingRect(0, 0, width, 10_000, wrap, text).height() // metrics.lineSpacing()


def test_retry_is_not_offered_where_sending_again_must_fail(qtbot) -> None:
    widget = banner(qtbot, 520)
    widget.show_message("problem", "Problem: this text cannot be sent.", retry=False)
    assert not widget.retry_button.isVisible()
    widget.show_message("problem", "Problem: the network is down.")
    assert widget.retry_button.isVisible()
