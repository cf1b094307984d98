"""The composer's controls in a narrow window: "Mask private values" becomes "Mask" instead of
being cut off mid-word, and comes back when there is room; its meaning stays in the tooltip and
the accessible name."""

from __future__ import annotations

from aideon_desktop.ui.composer import MASK_LABEL, MASK_SHORT, Composer
from aideon_desktop.ui.theme import load_theme


def composer(qtbot, width: int) -> Composer:
    widget = Composer(load_theme("light"), lambda: False, mask_by_default=False)
    qtbot.addWidget(widget)
    widget.picker.addItem("Kimi K2.7 Code (Together)")
    widget.resize(width, 160)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_wide_composer_shows_the_whole_label(qtbot) -> None:
    widget = composer(qtbot, 900)
    assert widget.mask.text() == MASK_LABEL
    assert widget.mask.width() >= widget.mask.sizeHint().width()


def test_a_narrow_composer_shortens_the_label_and_shows_it_whole(qtbot) -> None:
    widget = composer(qtbot, 340)
    qtbot.wait(10)
    assert widget.mask.text() == MASK_SHORT
    assert widget.mask.width() >= widget.mask.sizeHint().width()  # not cut
    assert "Mask private values" in widget.mask.accessibleName()
    assert widget.mask.toolTip()
    widget.resize(900, 160)
    qtbot.wait(10)
    assert widget.mask.text() == MASK_LABEL


def test_a_short_window_keeps_the_composer_compact(window, qtbot) -> None:
    """At 640x400 the composer took 45 % of the height; the box grows with its text, to a
    limit, and its placeholder stays on one line."""
    window.resize(640, 400)
    qtbot.waitUntil(lambda: window.height() == 400, timeout=2000)
    composer, draft = window.composer, window.draft
    qtbot.waitUntil(lambda: composer.height() <= 0.28 * window.height(), timeout=2000)
    room = draft.viewport().width() - 2 * draft.document().documentMargin()
    assert draft.fontMetrics().horizontalAdvance(draft.placeholderText()) <= room
    one_line = draft.height()
    draft.setPlainText("two\nlines")
    qtbot.waitUntil(lambda: draft.height() > one_line, timeout=2000)  # grows with its text
    draft.setPlainText("\n".join(f"line {n}" for n in range(20)))
    qtbot.wait(50)
    assert draft.height() < 4 * draft.fontMetrics().lineSpacing() + 20  # to a limit, then scrolls
    assert composer.height() <= 0.36 * window.height()
    window.resize(1000, 720)
    draft.clear()
    qtbot.waitUntil(lambda: draft.height() > one_line, timeout=2000)  # two lines when tall
    assert "Enter" in draft.placeholderText()


def test_a_short_window_keeps_a_long_notice_to_two_lines(window, qtbot) -> None:
    window.resize(640, 400)
    notice = "The cloud did not answer: " + "a long reason. " * 30
    window.show_status(notice)
    area, lines = window.banner.text_area, window.banner.label.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: area.height() == 2 * lines, timeout=2000)  # the rest scrolls
    window.resize(1000, 720)
    qtbot.waitUntil(lambda: area.height() == 4 * lines, timeout=2000)
