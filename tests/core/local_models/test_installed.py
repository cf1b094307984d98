"""The installed-model manifest in the app's data folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aideon_desktop.core import paths
from aideon_desktop.core.errors import InputError
from aideon_desktop.core.local_models.installed import ModelStore, models_dir


def _install(store: ModelStore, name: str, data: bytes = b"GGUF-model-bytes") -> None:
    path = store.final_path(name, f"{name}.gguf")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    store.record(
        name=name, repo=f"org/{name}", revision="a" * 40, file=f"{name}.gguf",
        sha256="b" * 64, size_bytes=len(data),
    )  # fmt: skip


def test_models_live_in_the_app_data_folder(isolated_home: Path) -> None:
    assert models_dir() == paths.data_dir() / "models"
    assert ModelStore().root == isolated_home / "models"


def test_record_list_find_and_remove(tmp_path: Path) -> None:
    store = ModelStore(tmp_path)
    _install(store, "beta")
    _install(store, "alpha")
    assert [m.name for m in store.list()] == ["alpha", "beta"]
    alpha = store.get("alpha")
    assert alpha is not None and alpha.revision == "a" * 40
    assert store.find_by_path(tmp_path / "alpha" / "alpha.gguf") == alpha
    removed = store.remove("alpha")
    assert removed.name == "alpha" and not (tmp_path / "alpha").exists()
    assert [m.name for m in store.list()] == ["beta"]
    with pytest.raises(InputError, match="'alpha' is not installed"):
        store.remove("alpha")


def test_an_entry_whose_file_is_gone_or_changed_is_not_listed(tmp_path: Path) -> None:
    store = ModelStore(tmp_path)
    _install(store, "gone")
    _install(store, "changed")
    (tmp_path / "gone" / "gone.gguf").unlink()
    (tmp_path / "changed" / "changed.gguf").write_bytes(b"short")
    assert store.list() == []


@pytest.mark.parametrize("content", [b"{not json", b'{"models": 5}', b"\xff\xfe"])
def test_a_broken_manifest_is_treated_as_empty(tmp_path: Path, content: bytes) -> None:
    store = ModelStore(tmp_path)
    tmp_path.mkdir(exist_ok=True)
    store.manifest_path.write_bytes(content)
    assert store.list() == []
    _install(store, "fresh")  # and writing a new entry repairs it
    assert json.loads(store.manifest_path.read_text())["models"][0]["name"] == "fresh"
