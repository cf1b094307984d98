"""Downloads for the Models page, each on its own thread: progress (throttled for the eye),
cancel, and a clear reason when one fails.  A cancelled download keeps its partial file, so
starting it again resumes where it stopped (core.local_models.download does the work)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from aideon_desktop.core.errors import AideonError
from aideon_desktop.core.local_models.catalog import CatalogModel
from aideon_desktop.core.local_models.download import (
    ChecksumMismatchError,
    DiskFullError,
    DownloadCancelledError,
    DownloadProgress,
    HubUnreachableError,
    download_model,
)
from aideon_desktop.core.local_models.installed import ModelStore
from aideon_desktop.core.logs import mask_secrets

PROGRESS_INTERVAL_S = 0.1  # at most ten bar updates a second per download


def failure_kind(error: BaseException) -> str:
    """What went wrong, in one word the page can style and tests can check."""
    if isinstance(error, DiskFullError):
        return "disk_full"
    if isinstance(error, HubUnreachableError):
        return "network"
    if isinstance(error, ChecksumMismatchError):
        return "checksum"
    return "error"


def failure_message(error: BaseException) -> str:
    if isinstance(error, AideonError):
        return mask_secrets(str(error))
    return mask_secrets(f"Unexpected error: {type(error).__name__}: {error}")


@dataclass
class _Job:
    model: CatalogModel
    cancel: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    last_emit: float = 0.0
    last_phase: str = ""
    last_fraction: float = 0.0


class DownloadController(QObject):
    """One download per catalogue model at a time.  Signals arrive on the GUI thread."""

    progress = Signal(str, object)  # model name, DownloadProgress
    finished = Signal(str, object)  # model name, InstalledModel
    failed = Signal(str, str, str)  # model name, failure_kind, message
    cancelled = Signal(str, str)  # model name, message ("paused at 10 MB of 24 MB…")
    _ended = Signal(str)

    def __init__(self, store: ModelStore | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._jobs: dict[str, _Job] = {}
        self._ended.connect(self._forget)

    def running(self, name: str) -> bool:
        return name in self._jobs

    def names(self) -> list[str]:
        return list(self._jobs)

    def start(self, model: CatalogModel) -> bool:
        """Start (or resume) ``model``'s download; False when it is already running."""
        if model.name in self._jobs:
            return False
        job = _Job(model)
        job.thread = threading.Thread(
            target=self._run, args=(job,), name=f"aideon-download-{model.name}", daemon=True
        )
        self._jobs[model.name] = job
        job.thread.start()
        return True

    def cancel(self, name: str) -> None:
        """Stop soon; the bytes so far stay on disk for the next start."""
        job = self._jobs.get(name)
        if job is not None:
            job.cancel.set()

    def cancel_all(self) -> None:
        for job in self._jobs.values():
            job.cancel.set()

    def wait(self, timeout_s: float = 30.0) -> bool:
        """Block until every download thread has returned (tests, closing the app)."""
        deadline = time.monotonic() + timeout_s
        for job in list(self._jobs.values()):
            if job.thread is not None:
                job.thread.join(max(0.0, deadline - time.monotonic()))
        return all(j.thread is None or not j.thread.is_alive() for j in self._jobs.values())

    # ------------------------------------------------------------ download thread
    def _run(self, job: _Job) -> None:
        name = job.model.name
        try:
            installed = download_model(
                job.model,
                store=self.store,
                progress=lambda p: self._report(job, p),
                cancel=job.cancel,
            )
        except DownloadCancelledError as exc:
            self._ended.emit(name)  # first: the page sees the job gone when it hears the end
            self.cancelled.emit(name, failure_message(exc))
        except Exception as exc:  # noqa: BLE001 - every failure is shown in the page
            self._ended.emit(name)
            self.failed.emit(name, failure_kind(exc), failure_message(exc))
        else:
            self._ended.emit(name)
            self.finished.emit(name, installed)

    def _report(self, job: _Job, progress: DownloadProgress) -> None:
        """Every phase change, the end, and a step of a percent or more pass at once; smaller
        steps at most every PROGRESS_INTERVAL_S."""
        now = time.monotonic()
        step = progress.fraction - job.last_fraction
        small = progress.phase == job.last_phase and 0 <= step < 0.01 and progress.fraction < 1
        if small and now - job.last_emit < PROGRESS_INTERVAL_S:
            return
        job.last_emit, job.last_phase, job.last_fraction = now, progress.phase, progress.fraction
        self.progress.emit(job.model.name, progress)

    def _forget(self, name: str) -> None:
        self._jobs.pop(name, None)
