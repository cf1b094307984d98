"""The model picker: Auto, On this device (naming the local model), or a catalogue model;
remembered per conversation; a private message stays on this device whatever is picked."""

from __future__ import annotations

from tests.ui.helpers import LLAMA, QWEN, send_and_wait

CARD = "My card 4539 1488 0343 6467 was charged twice"


def pick(window, pin) -> None:
    picker = window.composer.picker
    index = picker.index_of(pin)
    assert index >= 0
    picker.setCurrentIndex(index)
    picker.activated.emit(index)  # as a user's choice does


def test_the_picker_lists_auto_this_device_and_catalogue_models(cloud_window) -> None:
    picker = cloud_window.composer.picker
    items = [picker.itemText(i) for i in range(picker.count()) if picker.itemText(i)]
    assert items[0] == "Auto"
    assert items[1] == "On this device — SmolLM2 135M Instruct (embedded)"
    assert "Llama 3.3 70B" in items and "Qwen2.5 Coder 32B" in items
    tip = picker.itemData(picker.index_of(QWEN), 3)  # the tooltip names provider and price
    assert tip == "Qwen2.5 Coder 32B at Hugging Face, $0.90/$0.90 per 1M tokens"
    assert picker.accessibleName() == "Model for this chat"


def test_a_pick_for_a_new_chat_is_kept_once_the_chat_exists(
    cloud_window, qtbot, cloud_assistant, clouds
) -> None:
    together, hf = clouds
    pick(cloud_window, QWEN)
    send_and_wait(qtbot, cloud_window, "Name a colour")
    assert hf.chat_requests() and not together.chat_requests()  # the pick was used…
    first = cloud_window.conversation_id
    stored = cloud_assistant.store.conversation(first)
    assert (stored.pinned_provider, stored.pinned_model) == QWEN  # …and remembered
    cloud_window.new_conversation()
    assert cloud_window.composer.picker.pin() is None  # a new chat starts on Auto
    send_and_wait(qtbot, cloud_window, "Name a fruit")
    assert together.chat_requests()
    cloud_window.open_conversation(first)
    assert cloud_window.composer.picker.pin() == QWEN  # reopened: its pick is back


def test_changing_the_pick_of_an_existing_chat_is_stored(
    cloud_window, qtbot, cloud_assistant
) -> None:
    send_and_wait(qtbot, cloud_window, "Name a colour")
    pick(cloud_window, ("local", "smollm2-135m-instruct"))
    stored = cloud_assistant.store.conversation(cloud_window.conversation_id)
    assert stored.pinned_provider == "local"
    cloud_window.draft.setPlainText("Write a haiku about rain")
    qtbot.waitUntil(lambda: cloud_window.composer.chip.state.kind == "device", timeout=5000)
    assert cloud_window.composer.chip.text == "Stays on this device — you picked On this device"
    pick(cloud_window, None)
    stored = cloud_assistant.store.conversation(cloud_window.conversation_id)
    assert stored.pinned_provider is None and stored.pinned_model is None


def test_a_private_message_stays_on_device_whatever_is_picked(cloud_window, qtbot, clouds) -> None:
    together, hf = clouds
    pick(cloud_window, LLAMA)
    cloud_window.draft.setPlainText(CARD)
    qtbot.waitUntil(lambda: cloud_window.composer.chip.state.kind == "private", timeout=5000)
    assert cloud_window.composer.chip.text == (
        "Stays on this device — card number · not sent to Llama 3.3 70B"
    )
    cloud_window.send()
    qtbot.waitUntil(lambda: not cloud_window.busy(), timeout=60000)
    assert not together.chat_requests() and not hf.chat_requests()
    assert cloud_window.transcript.blocks[-1].chip.text() == "Private · on this device"


def test_a_name_too_long_for_the_box_is_cut_with_an_ellipsis(qtbot) -> None:
    from aideon_desktop.ui.model_picker import ModelPicker

    picker = ModelPicker()
    qtbot.addWidget(picker)
    picker.addItem("Kimi K2.7 Code (Together)")
    picker.resize(picker.maximumWidth(), picker.sizeHint().height())
    assert picker.shown_text() == picker.currentText()
    picker.resize(140, picker.height())  # the narrow window's composer row
    shown = picker.shown_text()
    assert shown.endswith("…") and picker.currentText().startswith(shown[:-1])
    picker.show()
    picker.grab()  # paints through shown_text


def test_models_of_providers_without_a_key_are_not_offered(cloud_window, qtbot, monkeypatch):
    """A model of a switched-on provider with no API key was listed; picking it sent the
    prompt to another provider.  Only providers that can answer are offered (keys are read off
    the GUI thread, the list fills in when that is known)."""
    from aideon_desktop.core import secrets

    picker = cloud_window.composer.picker
    qtbot.waitUntil(lambda: picker.index_of(QWEN) >= 0, timeout=5000)
    monkeypatch.delenv("HF_TOKEN")
    secrets.forget_keys()
    cloud_window.populate_models()
    qtbot.waitUntil(lambda: picker.index_of(QWEN) < 0, timeout=5000)
    assert picker.index_of(LLAMA) >= 0 and picker.itemText(0) == "Auto"


def test_with_no_cloud_key_there_is_no_mask_choice(window, qtbot) -> None:
    """Masking sends a redacted prompt to a cloud model: with none that can answer (no keys),
    the choice is not offered."""
    qtbot.waitUntil(lambda: not window.composer.mask.isVisible(), timeout=5000)
    assert window.composer.picker.itemText(0) == "Auto"


def test_with_a_cloud_key_the_mask_choice_is_offered(cloud_window, qtbot) -> None:
    qtbot.waitUntil(lambda: cloud_window._usable is not None, timeout=5000)  # the key check ran
    assert cloud_window._usable == {"together", "huggingface"}
    assert cloud_window.composer.mask.isVisible()
