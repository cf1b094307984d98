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
