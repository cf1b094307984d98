"""The bar above the transcript in a narrow window: a long title ends in "…" before the name of
the on-device model instead of running under it."""

from __future__ import annotations

from aideon_desktop.ui.chat_header import ChatHeader

LONG_TITLE = "How do I sort scores in Python and show the top 3 with their names?"


def test_a_long_title_is_cut_before_the_local_model_name(qtbot) -> None:
    header = ChatHeader()
    qtbot.addWidget(header)
    header.title.setText(LONG_TITLE)
    header.show_local_model("SmolLM2 135M Instruct (embedded)")
    header.resize(588, 40)  # a 1280-pixel screen at 200 %
    header.show()
    qtbot.waitExposed(header)
    title, model = header.title.geometry(), header.local_model.geometry()
    assert title.right() < model.left(), (title, model)
    assert model.right() <= header.width()
    assert header.title.text() == LONG_TITLE  # what a screen reader and the tests read
    header.title.grab()  # painted as the user sees it
    assert header.title.toolTip() == LONG_TITLE
    assert header.local_model.text().startswith("On this device: ")


def test_a_title_that_fits_is_whole_and_has_no_tooltip(qtbot) -> None:
    header = ChatHeader()
    qtbot.addWidget(header)
    header.title.setText("Picnic")
    header.show_local_model("SmolLM2 135M Instruct (embedded)")
    header.resize(1000, 40)
    header.show()
    qtbot.waitExposed(header)
    header.title.grab()
    assert header.title.toolTip() == ""
    assert header.title.geometry().right() < header.local_model.geometry().left()
