"""Logs: prompts never written, known keys masked in every line and traceback."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from aideon_desktop.core import logs

KEY = "sk-live-9f8e7d6c5b4a39281706f5e4d3c2b1a0"


def test_registered_secrets_are_masked_longest_first() -> None:
    logs.register_secret(KEY)
    logs.register_secret("short")  # under 8 characters: never registered (too common)
    assert logs.mask_secrets(f"Key {KEY} has no access") == f"Key {logs.MASK} has no access"
    assert logs.mask_secrets("short words stay") == "short words stay"


@pytest.fixture
def fresh_logging():
    """setup_logging configures the process once: give this test its own handlers."""
    root = logging.getLogger()
    saved = root.handlers[:]
    root.handlers = [h for h in saved if not getattr(h, "_aideon", False)]
    yield
    for handler in root.handlers:
        if getattr(handler, "_aideon", False):
            handler.close()
    root.handlers = saved


def test_file_log_is_json_and_masks_keys_in_exceptions(isolated_home: Path, fresh_logging) -> None:
    logs.register_secret(KEY)
    logs.setup_logging()
    log = logging.getLogger("aideon_desktop.test")
    try:
        raise RuntimeError(f"provider said: {KEY} is invalid")
    except RuntimeError:
        log.exception("request failed with %s", KEY)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (isolated_home / "logs" / "aideon.log").read_text(encoding="utf-8")
    assert KEY not in text
    record = json.loads(text.strip().splitlines()[-1])
    assert record["level"] == "ERROR" and logs.MASK in record["message"]
    assert logs.MASK in record["error"]
