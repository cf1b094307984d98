"""Resources are found in a checkout (and, through the same function, in a wheel or bundle)."""

from __future__ import annotations

import tomllib

from aideon_desktop.core.resources import resource_path, resources_dir


def test_data_files_are_reachable_and_parse() -> None:
    assert resources_dir().is_dir()
    for name in ("catalog.toml", "providers.toml", "tasks.toml"):
        with resource_path(name).open("rb") as fh:
            assert tomllib.load(fh), name
    assert resource_path("icons/aideon.svg").is_file()
