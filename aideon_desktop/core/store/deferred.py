"""The history store, opened on first use.

SQLAlchemy, SQLModel and SQLCipher take about 40 MB and a second to import.  A tray app that
waits all day for a hotkey should not pay that until the user asks something or opens history,
so ``DeferredStore`` stands in for a ``Store`` and opens the real one the first time any of its
methods or properties is used (from any thread; opening happens once).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aideon_desktop.core.store.opening import StorageMode
    from aideon_desktop.core.store.store import Store


class DeferredStore:
    def __init__(self, path: Path, *, storage: StorageMode = "encrypted") -> None:
        self.path, self.storage = path, storage
        self._store: Store | None = None
        self._lock = threading.Lock()

    @property
    def opened(self) -> bool:
        return self._store is not None

    def real(self) -> Store:
        """The store itself, opened now if it was not yet."""
        if self._store is None:
            with self._lock:
                if self._store is None:
                    from aideon_desktop.core.store.store import Store

                    self._store = Store(self.path, storage=self.storage)
        return self._store

    def close(self) -> None:
        """Close the database if it was ever opened (closing never opens it)."""
        if self._store is not None:
            self._store.close()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.real(), name)
