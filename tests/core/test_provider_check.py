"""Testing a connection with the key as typed: the provider is built from its registry row, the
key goes out as the bearer token to a loopback fake cloud, nothing is saved."""

from __future__ import annotations

import keyring
import pytest

from aideon_desktop.core.catalog import load_catalog
from aideon_desktop.core.config import Settings
from aideon_desktop.core.errors import InputError, ProviderError
from aideon_desktop.core.provider_check import check_connection, count_models
from aideon_desktop.core.secrets import SERVICE_NAME
from tests.fake_cloud import FakeCloud

KEY = "tk-typed-aaaaaaaaaaaaaaaaaaaaaaa"


@pytest.mark.parametrize("flavor", ["together", "huggingface"])
def test_the_typed_key_is_sent_and_models_counted(flavor) -> None:
    with FakeCloud(flavor) as cloud:
        sentence = check_connection(
            flavor, f"  {KEY} ", Settings(), load_catalog(), base_url=cloud.base_url
        )
    assert sentence.endswith("models available.") and sentence.startswith("Connected to ")
    assert cloud.requests[-1]["headers"]["Authorization"] == f"Bearer {KEY}"
    assert keyring.get_password(SERVICE_NAME, flavor) is None


def test_an_empty_key_is_refused() -> None:
    with pytest.raises(InputError, match="Paste a key first"):
        check_connection("together", "   ", Settings(), load_catalog())


def test_an_unreachable_provider_is_named_without_the_key() -> None:
    with pytest.raises(ProviderError) as failed:
        check_connection(
            "together", KEY, Settings(), load_catalog(), base_url="http://127.0.0.1:9/v1"
        )
    assert "Together AI" in str(failed.value) and KEY not in str(failed.value)


def test_model_listings_of_both_shapes_are_counted() -> None:
    assert count_models([{"id": "a"}, {"id": "b"}]) == 2
    assert count_models({"data": [{"id": "a"}]}) == 1
    assert count_models({"unexpected": True}) == 0
