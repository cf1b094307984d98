"""Models downloaded into the app's data folder, and the manifest that records them.

Layout under ``<data>/models``::

    installed.json            one entry per verified model (written atomically)
    <name>/<file>.gguf        the verified file; only ever created by renaming a checked download
    .partial/<sha256>.part    a download in progress (kept across cancel, kill and reboot)
    .partial/<sha256>.json    what that partial file is (repo, commit, size), to resume safely

A file appears under its final name only after its sha256 matched, so a partial or corrupt
download is never loaded.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aideon_desktop.core import paths
from aideon_desktop.core.errors import InputError

log = logging.getLogger(__name__)

MANIFEST_VERSION = 1
_lock = threading.Lock()


def models_dir() -> Path:
    return paths.data_dir() / "models"


@dataclass(frozen=True)
class InstalledModel:
    name: str
    repo: str
    revision: str  # the commit the file was downloaded from (the Hub's X-Repo-Commit)
    file: str
    sha256: str
    size_bytes: int
    relative_path: str  # under models_dir()
    installed_at: str

    def path(self, root: Path | None = None) -> Path:
        return (root or models_dir()) / self.relative_path


class ModelStore:
    """The installed-model manifest.  Safe to use from several threads; writes are atomic so a
    crash never leaves a half-written manifest."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or models_dir()

    @property
    def manifest_path(self) -> Path:
        return self.root / "installed.json"

    @property
    def partial_dir(self) -> Path:
        return self.root / ".partial"

    def final_path(self, name: str, file: str) -> Path:
        return self.root / name / file

    # ------------------------------------------------------------------ reading
    def _read(self) -> list[dict[str, Any]]:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            entries = data["models"]
            if not isinstance(entries, list):
                raise TypeError("models is not a list")
            return [e for e in entries if isinstance(e, dict)]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("installed-model manifest unreadable (%s); treating it as empty", exc)
            return []

    def list(self) -> list[InstalledModel]:
        """Installed models whose file is still on disk with the recorded size."""
        found = []
        fields = InstalledModel.__dataclass_fields__
        for entry in self._read():
            try:
                model = InstalledModel(**{k: entry[k] for k in fields})
            except (KeyError, TypeError):
                continue
            path = model.path(self.root)
            if path.is_file() and path.stat().st_size == model.size_bytes:
                found.append(model)
        return sorted(found, key=lambda m: m.name)

    def get(self, name: str) -> InstalledModel | None:
        return next((m for m in self.list() if m.name == name), None)

    def find_by_path(self, path: Path) -> InstalledModel | None:
        try:
            resolved = path.expanduser().resolve()
        except OSError:
            return None
        return next((m for m in self.list() if m.path(self.root).resolve() == resolved), None)

    # ------------------------------------------------------------------ writing
    def _write(self, entries: list[dict[str, Any]]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.manifest_path.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"version": MANIFEST_VERSION, "models": entries}, indent=2),
            encoding="utf-8",
        )
        os.replace(tmp, self.manifest_path)

    def record(
        self, *, name: str, repo: str, revision: str, file: str, sha256: str, size_bytes: int
    ) -> InstalledModel:
        """Add (or replace) the entry for a verified file already at ``final_path``."""
        model = InstalledModel(
            name=name,
            repo=repo,
            revision=revision,
            file=file,
            sha256=sha256,
            size_bytes=size_bytes,
            relative_path=f"{name}/{file}",
            installed_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        with _lock:
            entries = [e for e in self._read() if e.get("name") != name]
            entries.append(asdict(model))
            self._write(entries)
        return model

    def remove(self, name: str) -> InstalledModel:
        """Delete an installed model's files and entry.  InputError when it is not installed."""
        with _lock:
            entries = self._read()
            kept = [e for e in entries if e.get("name") != name]
            if len(kept) == len(entries):
                raise InputError(f"'{name}' is not installed. See `aideon models list`.")
            removed = next(e for e in entries if e.get("name") == name)
            self._write(kept)
        folder = self.root / name
        shutil.rmtree(folder, ignore_errors=True)
        fields = InstalledModel.__dataclass_fields__
        return InstalledModel(**{k: removed.get(k, "") for k in fields})

    def disk_free_bytes(self) -> int:
        self.root.mkdir(parents=True, exist_ok=True)
        return shutil.disk_usage(self.root).free
