"""Resources are found in a checkout (and, through the same function, in a wheel or bundle)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from aideon_desktop.core.resources import read_arrays, resource_path, resources_dir


def test_data_files_are_reachable_and_parse() -> None:
    assert resources_dir().is_dir()
    for name in ("catalog.toml", "providers.toml", "tasks.toml"):
        with resource_path(name).open("rb") as fh:
            assert tomllib.load(fh), name
    assert resource_path("icons/aideon.svg").is_file()


def test_weights_files_are_read_whole_and_never_unpickled(tmp_path: Path) -> None:
    weights = tmp_path / "weights.npz"
    np.savez(weights, vocabulary=np.array("a\nb"), bias=np.array([0.5, -1.0]))
    arrays = read_arrays(weights)
    assert str(arrays["vocabulary"]).split("\n") == ["a", "b"]
    assert arrays["bias"].tolist() == [0.5, -1.0]  # usable after the file is closed
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, code=np.array([{"run": "me"}], dtype=object))
    with pytest.raises(ValueError):
        read_arrays(pickled)
