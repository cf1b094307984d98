"""The settings dialog: one Save stores everything (typed keys in a real keyring backend),
Cancel discards, Test connection uses the key as typed against a loopback fake cloud and off the
GUI thread, a bad GGUF is refused with its reason, environment overrides stay out of the file."""

from __future__ import annotations

import keyring
import pytest
from PySide6.QtCore import QThreadPool

from aideon_desktop.core import paths
from aideon_desktop.core.answering import Assistant
from aideon_desktop.core.config import load_settings
from aideon_desktop.core.secrets import SERVICE_NAME
from tests.fake_cloud import FakeCloud

TYPED_KEY = "tgp_v1_typedtypedtypedtypedtyped"


@pytest.fixture
def dialog(qtbot, assistant):
    from aideon_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(assistant)
    qtbot.addWidget(dialog)
    yield dialog
    QThreadPool.globalInstance().waitForDone(10000)


def test_one_save_stores_typed_keys_and_every_page(dialog) -> None:
    dialog.keys.rows["together"].field.setText(f"  {TYPED_KEY} ")
    dialog.keys.rows["huggingface"].field.setText("hf_typedtypedtypedtypedtyped")
    dialog.privacy.custom_terms.setPlainText("Bluefin\nOrca")
    dialog.privacy.storage.setCurrentText("Plain")  # as shown; stored as "plain"
    dialog.routing.daily.setValue(2.5)
    dialog.routing.warn_at.setValue(60)
    dialog.general.ctrl_enter.setChecked(True)
    assert dialog.save() and dialog.result() == dialog.DialogCode.Accepted
    assert keyring.get_password(SERVICE_NAME, "together") == TYPED_KEY
    assert keyring.get_password(SERVICE_NAME, "huggingface") == "hf_typedtypedtypedtypedtyped"
    saved = load_settings().settings
    assert saved.privacy.custom_terms == ["Bluefin", "Orca"] and saved.budgets.daily_usd == 2.5
    assert saved.budgets.warn_at_fraction == 0.6 and saved.history.storage == "plain"
    assert saved.ui.send_with_ctrl_enter
    assert dialog.assistant.settings.privacy.custom_terms == ["Bluefin", "Orca"]
    assert TYPED_KEY.encode() not in paths.settings_file().read_bytes()
    assert dialog.keys.rows["together"].field.text() == ""  # stored, so the field is cleared
    assert dialog.keys.rows["together"].field.placeholderText() == "saved in the keyring"


def test_a_saved_key_is_removed_at_save_and_kept_on_cancel(qtbot, assistant) -> None:
    from aideon_desktop.core import secrets
    from aideon_desktop.ui.settings_dialog import SettingsDialog

    secrets.set_api_key("together", TYPED_KEY)
    for close, kept in (("reject", True), ("save", False)):
        dialog = SettingsDialog(assistant)
        qtbot.addWidget(dialog)
        row = dialog.keys.rows["together"]
        qtbot.waitUntil(lambda row=row: row.saved is not None)  # the keyring is read off-thread
        assert row.saved and row.field.placeholderText() == "saved in the keyring"
        assert not dialog.keys.rows["huggingface"].remove_button.isVisibleTo(dialog)
        row.remove_button.click()
        assert row.field.placeholderText() == "removed when you press Save"
        getattr(dialog, close)()
        assert (keyring.get_password(SERVICE_NAME, "together") == TYPED_KEY) is kept


def test_save_keeps_changes_made_elsewhere_while_it_was_open(dialog, model_path) -> None:
    outside = dialog.assistant.settings.model_copy(deep=True)
    outside.offline = True  # the tray's switch
    outside.local.model_path = str(model_path)  # the Models page's "Use"
    dialog.assistant.apply_settings(outside)
    dialog.routing.daily.setValue(4)
    assert dialog.save()
    saved = load_settings().settings
    assert saved.offline and saved.local.model_path == str(model_path)
    assert saved.budgets.daily_usd == 4


def test_cancel_discards_typed_keys_and_changes(dialog) -> None:
    dialog.show()
    dialog.routing.daily.setValue(9)
    dialog.keys.rows["together"].field.setText(TYPED_KEY)
    dialog.reject()  # a typed key is never dropped silently: the first Cancel says so
    assert dialog.isVisible() and dialog.page_list.currentItem().text() == "API keys"
    assert "Together AI key you typed is not saved" in dialog.errors.text()
    dialog.reject()
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    assert keyring.get_password(SERVICE_NAME, "together") is None
    assert not paths.settings_file().exists()


def test_cancel_without_a_typed_key_closes_at_once(dialog) -> None:
    dialog.show()
    dialog.routing.daily.setValue(9)
    dialog.reject()
    assert not dialog.isVisible() and not paths.settings_file().exists()


def test_a_refused_key_keeps_what_was_typed_and_saves_nothing(qtbot, assistant, no_keyring):
    from aideon_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(assistant)
    qtbot.addWidget(dialog)
    dialog.keys.rows["together"].field.setText(TYPED_KEY)
    dialog.routing.daily.setValue(3)
    assert not dialog.save()
    assert "Together AI key was not saved" in dialog.errors.text()
    assert "No system keyring" in dialog.errors.text()
    assert dialog.keys.rows["together"].field.text() == TYPED_KEY
    assert not paths.settings_file().exists()


def test_invalid_values_are_named_inline(dialog) -> None:
    dialog.local.gpu_layers.setText("lots")
    assert not dialog.save()
    assert "local.gpu_layers" in dialog.errors.text() and not paths.settings_file().exists()


@pytest.fixture
def fake_together(monkeypatch):
    with FakeCloud("together") as together:
        monkeypatch.setenv("AIDEON_TOGETHER_BASE_URL", together.base_url)
        yield together


def test_connection_test_uses_the_typed_key_off_the_gui_thread(
    qtbot, fake_together, local_provider, isolated_home
) -> None:
    from aideon_desktop.ui.settings_dialog import SettingsDialog

    assistant = Assistant(load_settings().settings, local=local_provider)
    dialog = SettingsDialog(assistant)
    qtbot.addWidget(dialog)
    row = dialog.keys.rows["together"]
    row.test()
    qtbot.waitUntil(lambda: row.status.text() == "Problem: Paste a key first, then test it.")
    row.field.setText(TYPED_KEY)
    row.test_button.click()
    # The click returned before the answer: the request runs on the thread pool.
    assert row.status.text() == "Testing…" and not row.test_button.isEnabled()
    qtbot.waitUntil(lambda: row.status.text().startswith("OK"), timeout=10000)
    assert "3 models available" in row.status.text()
    assert "stored when you press Save" in row.status.text()
    sent = [r for r in fake_together.requests if r["path"].endswith("/models")]
    assert sent[-1]["headers"]["Authorization"] == f"Bearer {TYPED_KEY}"
    assert keyring.get_password(SERVICE_NAME, "together") is None  # tested, not saved
    QThreadPool.globalInstance().waitForDone(10000)
    assistant.close()


def test_connection_problems_are_reported_without_the_key(qtbot, dialog) -> None:
    row = dialog.keys.rows["together"]
    dialog.providers.base_urls["together"].setText("http://127.0.0.1:9/v1")  # nothing listens
    row.field.setText(TYPED_KEY)
    row.test()
    qtbot.waitUntil(lambda: row.status.text().startswith("Problem"), timeout=20000)
    assert "Together AI" in row.status.text() and TYPED_KEY not in row.status.text()


def test_get_a_key_links_come_from_the_registry(dialog) -> None:
    about = dialog.keys.rows["together"].about
    assert 'href="https://api.together.ai/settings/api-keys"' in about.text()
    assert about.openExternalLinks()
    assert "huggingface.co/settings/tokens" in dialog.keys.rows["huggingface"].about.text()


def test_environment_overrides_are_never_written(
    qtbot, monkeypatch, local_provider, isolated_home, model_path
) -> None:
    from aideon_desktop.ui.settings_dialog import SettingsDialog

    monkeypatch.setenv("AIDEON_TOGETHER_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("AIDEON_HF_BASE_URL", "http://127.0.0.1:10/v1")
    monkeypatch.setenv("AIDEON_MODEL_PATH", str(model_path))
    assistant = Assistant(load_settings().settings, local=local_provider)
    dialog = SettingsDialog(assistant)
    qtbot.addWidget(dialog)
    field = dialog.providers.base_urls["together"]
    assert field.text() == "http://127.0.0.1:9/v1" and field.isReadOnly()
    assert dialog.local.model_path.edit.isReadOnly()
    assert dialog.local.model_path.path() == str(model_path)
    dialog.routing.monthly.setValue(7)
    assert dialog.save()
    written = paths.settings_file().read_text(encoding="utf-8")
    assert "127.0.0.1:9/" not in written and "127.0.0.1:10/" not in written
    assert "https://api.together.xyz/v1" in written
    assert str(model_path) not in written
    assert load_settings().settings.budgets.monthly_usd == 7
    assert assistant.settings.provider("together").base_url == "http://127.0.0.1:9/v1"
    assistant.close()


def test_a_text_file_or_missing_path_is_refused_with_its_reason(qtbot, dialog, tmp_path) -> None:
    notes = tmp_path / "notes.gguf"
    notes.write_text("not a model", encoding="utf-8")
    field = dialog.local.model_path
    for path, reason in ((notes, "not a GGUF file"), (tmp_path / "gone.gguf", "not found")):
        field.edit.setText(str(path))
        field.check()
        qtbot.waitUntil(lambda: field.status.text().startswith("Problem"), timeout=10000)
        assert reason in field.status.text()
        assert not dialog.save()
        assert reason in dialog.errors.text()
        assert dialog.page_list.currentItem().text() == "Local model"
        assert not paths.settings_file().exists()


def test_save_waits_for_the_model_check_and_then_saves(qtbot, dialog, model_path) -> None:
    field = dialog.local.model_path
    field.edit.setText(str(model_path))
    assert not dialog.save()  # not checked yet: the check starts, Save waits for it
    assert "Checking the model file" in dialog.errors.text()
    assert not paths.settings_file().exists()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10000)
    assert field.status.text().startswith("OK") and "llama" in field.status.text()
    assert load_settings().settings.local.model_path == str(model_path)


def test_save_while_checking_a_bad_file_then_shows_why(qtbot, dialog, tmp_path) -> None:
    field = dialog.local.model_path
    field.edit.setText(str(tmp_path / "nothing.gguf"))
    assert not dialog.save()
    qtbot.waitUntil(lambda: "Model file not found" in dialog.errors.text(), timeout=10000)
    assert dialog.result() != dialog.DialogCode.Accepted and not paths.settings_file().exists()


def test_a_gguf_without_a_chat_template_is_refused(qtbot, dialog, tmp_path) -> None:
    import gguf

    path = tmp_path / "base.gguf"  # a valid GGUF header (the gguf package) of a base model
    writer = gguf.GGUFWriter(str(path), arch="llama")
    writer.add_name("Base model")
    writer.add_context_length(2048)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    field = dialog.local.model_path
    field.edit.setText(str(path))
    field.check()
    qtbot.waitUntil(lambda: field.status.text().startswith("Problem"), timeout=10000)
    assert "no chat template" in field.status.text()


def test_keys_are_written_off_the_gui_thread_while_it_keeps_painting(dialog, monkeypatch) -> None:
    """A locked keyring may wait for its unlock prompt as long as the user takes: Save writes
    it on a worker thread, and the dialog keeps painting (timers fire) meanwhile."""
    import threading
    import time

    from PySide6.QtCore import QTimer

    from aideon_desktop.core import secrets

    on_gui_thread: list[bool] = []
    real_set = secrets.set_api_key

    def slow_set(name: str, key: str) -> None:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        time.sleep(0.3)
        real_set(name, key)

    monkeypatch.setattr(secrets, "set_api_key", slow_set)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    dialog.keys.rows["together"].field.setText(TYPED_KEY)
    assert dialog.save()
    timer.stop()
    assert on_gui_thread == [False] and len(ticks) >= 5
    assert keyring.get_password(SERVICE_NAME, "together") == TYPED_KEY


def test_a_key_field_has_the_whole_row_in_a_small_window(qtbot, dialog) -> None:
    dialog.resize(560, 420)  # the smallest the dialog gets (a small screen at 200 %)
    dialog.show()
    qtbot.waitExposed(dialog)
    for row in dialog.keys.rows.values():
        assert row.field.width() == row.width()  # not squeezed beside the buttons
        assert row.field.geometry().bottom() < row.test_button.geometry().top()


def test_privacy_choices_show_words_not_config_values(dialog) -> None:
    privacy = dialog.privacy
    shown = [privacy.storage.itemText(i) for i in range(privacy.storage.count())]
    assert shown == ["Encrypted", "Plain", "Off"]
    assert privacy.strictness.currentText() == "Balanced"
    privacy.strictness.setCurrentText("Strict")
    assert privacy.strictness_help.text().startswith("Strict: anything that might be private")
    data = dialog.assistant.settings.model_dump()
    privacy.collect(data)
    assert data["privacy"]["strictness"] == "strict" and data["history"]["storage"] == "encrypted"


def test_the_model_file_field_shows_its_placeholder_whole_in_the_smallest_dialog(dialog) -> None:
    dialog.resize(560, 420)  # the size on a 640×400 (1280×800 at 2×) screen
    dialog.show()
    dialog.show_page(dialog.local.title)
    edit = dialog.local.model_path.edit
    dialog.layout().activate()
    needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
    assert edit.placeholderText() == "Built-in model"
    assert needed + 16 <= edit.width(), (needed, edit.width())


def test_routing_numbers_show_no_needless_decimal(dialog) -> None:
    routing = dialog.routing
    routing.answer_budget.setValue(30)
    routing.cache_hours.setValue(0.5)
    routing.price_step.setValue(4)
    assert routing.answer_budget.text() == "30 s" and routing.cache_hours.text() == "0.5 h"
    assert routing.price_step.text() == "4× the price"
    routing.answer_budget.lineEdit().setText("45 s")
    routing.answer_budget.interpretText()
    assert routing.answer_budget.value() == 45


def test_every_option_label_starts_with_a_capital(dialog) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel

    pages = (dialog.keys, dialog.providers, dialog.privacy, dialog.local, dialog.routing)
    labels = []
    for page in (*pages, dialog.general):
        for row in range(page.form.rowCount()):
            item = page.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                labels.append(item.widget().text().strip())
    assert "Base URL" in labels and "Model file" in labels
    assert [t for t in labels if t and not t[0].isupper()] == []


def test_the_local_api_token_shows_from_its_start_and_copies(dialog, qtbot) -> None:
    from PySide6.QtGui import QGuiApplication

    general = dialog.general
    token = general.api_token.text()
    assert token and general.api_token.cursorPosition() == 0
    general.copy_token.click()
    assert QGuiApplication.clipboard().text() == token
    assert general.copy_token.text() == "Copied"
    qtbot.waitUntil(lambda: general.copy_token.text() == "Copy", timeout=3000)


def test_an_unticked_box_can_be_seen_in_a_dark_scheme(qtbot, assistant) -> None:
    from PySide6.QtWidgets import QApplication

    from aideon_desktop.ui.settings_dialog import SettingsDialog
    from tests.ui.screens import palette

    app = QApplication.instance()
    saved = app.palette()
    app.setPalette(palette("dark"))
    try:
        dialog = SettingsDialog(assistant)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.show_page(dialog.general.title)
        box = dialog.general.offline
        box.setChecked(False)
        image = box.grab().toImage()
        window = dialog.palette().window().color().lightness()
        ratio = image.devicePixelRatio()
        left = [  # the indicator: the box's first 16 pixels across, all the way down
            image.pixelColor(int(x * ratio), int(y * ratio)).lightness()
            for x in range(16)
            for y in range(box.height())
        ]
        assert max(left) - window >= 25, (max(left), window)  # Fusion's own: 8
    finally:
        app.setPalette(saved)
        QThreadPool.globalInstance().waitForDone(10000)


def test_a_focused_tick_box_shows_the_focus_colour(dialog, qtbot) -> None:
    from PySide6.QtCore import Qt

    from aideon_desktop.ui.style import current_theme

    dialog.show()
    dialog.show_page(dialog.general.title)
    box = dialog.general.offline
    focus = current_theme().color("focus").lower()

    def box_colours() -> set[str]:
        image = box.grab().toImage()
        ratio = image.devicePixelRatio()
        return {
            image.pixelColor(int(x * ratio), int(y * ratio)).name()
            for x in range(16)
            for y in range(box.height())
        }

    assert focus not in box_colours()
    box.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(box.hasFocus)
    assert focus in box_colours()
