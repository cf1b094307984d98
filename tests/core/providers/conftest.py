"""Fixtures for provider tests: a fake Together and a fake Hugging Face on loopback."""

from __future__ import annotations

import pytest

from tests.fake_cloud import FakeCloud


@pytest.fixture
def together():
    with FakeCloud("together") as fake:
        yield fake


@pytest.fixture
def hf():
    with FakeCloud("huggingface") as fake:
        yield fake
