"""Download a catalogue model from the Hugging Face Hub: resumable, verified, cancellable.

The Hub protocol is ``huggingface_hub``'s own: ``get_hf_file_metadata`` sends the HEAD to
``{endpoint}/{repo}/resolve/{revision}/{file}`` (following Hub redirects, stopping at the CDN
redirect) and returns the commit (``X-Repo-Commit``), the file's sha256 (``X-Linked-Etag``) and
size (``X-Linked-Size``); ``http_get`` streams the file from the CDN, sends the ``Range`` header
for a resume and retries a dropped connection from where it stopped.  We do not use
``hf_hub_download`` itself: since huggingface_hub 1.x it downloads into a process-unique temp
file that is deleted on any failure, so a cancelled, killed or rebooted download would start
from zero.  Instead the partial file lives in ``<data>/models/.partial`` until it is complete and
its sha256 matched; only then is it renamed to its final name (see installed.py).  Xet storage is
never used (``http_get`` is plain HTTPS), so no Xet headers or tokens are involved.

``download_model`` blocks; run it from a worker thread.  ``progress`` is called from a download
thread with a ``DownloadProgress``; setting ``cancel`` stops it within a moment, keeping what was
downloaded for the next attempt.  ``HF_ENDPOINT`` (huggingface_hub's own setting) is read at call
time, so tests can point it at a loopback fake Hub.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from aideon_desktop import __version__
from aideon_desktop.core.errors import AideonError
from aideon_desktop.core.local_models.catalog import CatalogModel
from aideon_desktop.core.local_models.fit import MiB, format_bytes
from aideon_desktop.core.local_models.installed import InstalledModel, ModelStore

log = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://huggingface.co"
DISK_RESERVE_BYTES = 16 * MiB  # never fill a disk to the last byte
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_workers: dict[str, threading.Thread] = {}
_workers_lock = threading.Lock()


class DownloadError(AideonError):
    """A model could not be downloaded; the message says why and what to do."""


class DownloadCancelledError(DownloadError):
    pass


class DiskFullError(DownloadError):
    pass


class ChecksumMismatchError(DownloadError):
    pass


class HubUnreachableError(DownloadError):
    pass


Phase = Literal["resolving", "downloading", "verifying", "done"]


@dataclass(frozen=True)
class DownloadProgress:
    phase: Phase
    done_bytes: int
    total_bytes: int
    bytes_per_second: float = 0.0

    @property
    def fraction(self) -> float:
        return self.done_bytes / self.total_bytes if self.total_bytes else 0.0

    @property
    def eta_seconds(self) -> float | None:
        if self.bytes_per_second <= 0:
            return None
        return max(0.0, (self.total_bytes - self.done_bytes) / self.bytes_per_second)


ProgressCallback = Callable[[DownloadProgress], None]


@dataclass(frozen=True)
class RemoteFile:
    url: str  # where the bytes are (the CDN location from the Hub's redirect)
    commit: str
    sha256: str
    size_bytes: int


def hub_endpoint(endpoint: str | None = None) -> str:
    return (endpoint or os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


def _no_telemetry() -> None:
    """huggingface_hub adds telemetry to its user agent (installed libraries, a fetched list of
    "agent harnesses") unless HF_HUB_DISABLE_TELEMETRY is set; a privacy-first app sends none."""
    from huggingface_hub import constants

    constants.HF_HUB_DISABLE_TELEMETRY = True


def _request_headers() -> dict[str, str]:
    return {"user-agent": f"aideon-desktop/{__version__}"}


# ------------------------------------------------------------------------------ resolving
def _metadata(model: CatalogModel, endpoint: str, timeout_s: float) -> Any:
    import httpx2
    from huggingface_hub import get_hf_file_metadata, hf_hub_url
    from huggingface_hub.errors import (
        HfHubHTTPError,
        OfflineModeIsEnabled,
        RemoteEntryNotFoundError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    _no_telemetry()
    revision = model.revision or "main"
    where = f"{model.repo}@{revision[:12]}"
    url = hf_hub_url(model.repo, model.file, revision=revision, endpoint=endpoint)
    try:
        return get_hf_file_metadata(
            url, token=False, timeout=timeout_s, headers=_request_headers(), endpoint=endpoint
        )
    except RepositoryNotFoundError:
        raise DownloadError(f"The Hub has no public repository {model.repo}.") from None
    except RevisionNotFoundError:
        raise DownloadError(f"Revision {revision} of {model.repo} is gone from the Hub.") from None
    except RemoteEntryNotFoundError:
        raise DownloadError(f"{model.file} is not in {where} on the Hub.") from None
    except OfflineModeIsEnabled:
        raise HubUnreachableError("HF_HUB_OFFLINE is set, so nothing can be downloaded.") from None
    except HfHubHTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "?"
        raise HubUnreachableError(
            f"The Hugging Face Hub answered HTTP {status} for {model.file}. Try again later."
        ) from None
    except httpx2.HTTPError as exc:
        raise HubUnreachableError(
            f"Could not reach the Hugging Face Hub at {endpoint} ({type(exc).__name__}). "
            "Check the network connection and try again."
        ) from None


def resolve_remote(
    model: CatalogModel, endpoint: str | None = None, timeout_s: float = 10.0
) -> RemoteFile:
    """Ask the Hub which commit, checksum and size the file has; check them against the
    catalogue.  Raises DownloadError subclasses with a user-readable message."""
    endpoint = hub_endpoint(endpoint)
    meta = _metadata(model, endpoint, timeout_s)
    commit = meta.commit_hash or ""
    if model.revision and commit != model.revision:
        raise DownloadError(
            f"The Hub served commit {commit[:12]} for {model.repo}, not the pinned "
            f"{model.revision[:12]}; not downloading."
        )
    etag = (meta.etag or "").lower()
    hub_sha = etag if _SHA256.match(etag) else ""
    if model.sha256 and hub_sha and hub_sha != model.sha256:
        raise ChecksumMismatchError(
            f"The Hub's checksum for {model.file} ({hub_sha[:12]}…) differs from the catalogue's "
            f"({model.sha256[:12]}…); not downloading. Update Aideon Desktop."
        )
    sha = model.sha256 or hub_sha
    if not sha:
        raise DownloadError(
            f"The Hub publishes no sha256 for {model.file}, so it cannot be verified; not "
            "downloading."
        )
    size = meta.size or model.size_bytes
    if model.pinned and size != model.size_bytes:
        raise ChecksumMismatchError(
            f"The Hub says {model.file} is {size} bytes, the catalogue {model.size_bytes}; "
            "not downloading."
        )
    return RemoteFile(url=meta.location, commit=commit, sha256=sha, size_bytes=size)


# ------------------------------------------------------------------------------ progress
class _Reporter:
    """Turns byte counts into DownloadProgress events with a speed over the last few seconds."""

    WINDOW_S = 3.0

    def __init__(self, callback: ProgressCallback | None, total: int) -> None:
        self._callback = callback
        self.total = total
        self.done = 0
        self._samples: deque[tuple[float, int]] = deque()

    def emit(self, phase: Phase, done: int) -> None:
        now = time.monotonic()
        self.done = done
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[1][0] > self.WINDOW_S:
            self._samples.popleft()
        t0, b0 = self._samples[0]
        speed = (done - b0) / (now - t0) if now > t0 and done > b0 else 0.0
        if self._callback is not None:
            self._callback(DownloadProgress(phase, done, self.total, speed))


class _CancelRequestedError(Exception):
    """Raised inside huggingface_hub's download loop when the user cancels."""


def _bar_class(reporter: _Reporter, cancel: threading.Event) -> type:
    """A tqdm stand-in for http_get: it reports each chunk and stops the loop on cancel."""

    class _Bar:
        def __init__(self, *_: Any, initial: int = 0, **__: Any) -> None:
            self.n = initial
            reporter.emit("downloading", initial)

        def update(self, n: int = 1) -> None:
            if cancel.is_set():
                raise _CancelRequestedError
            self.n += n
            reporter.emit("downloading", self.n)

        def close(self) -> None:
            return None

        def __enter__(self) -> _Bar:
            return self

        def __exit__(self, *_: object) -> None:
            return None

    return _Bar


class _PartialFile:
    """The file object http_get writes to: appends, and writes every byte or raises.  (A raw
    short write on a full disk would otherwise be ignored and leave a silent gap.)"""

    def __init__(self, path: Path) -> None:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        self._fd = os.open(path, flags, 0o600)
        os.lseek(self._fd, 0, os.SEEK_END)

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]
        return len(data)

    def tell(self) -> int:
        return os.lseek(self._fd, 0, os.SEEK_CUR)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return os.lseek(self._fd, offset, whence)

    def truncate(self, size: int | None = None) -> int:
        size = self.tell() if size is None else size
        os.ftruncate(self._fd, size)
        return size

    def flush(self) -> None:
        return None

    def close(self) -> None:
        os.close(self._fd)


# ------------------------------------------------------------------------------ fetching
CANCEL_GRACE_S = 1.0  # how long a cancel waits for a chunk already received to be written


def _fetch_in_worker(
    remote: RemoteFile, part: Path, reporter: _Reporter, cancel: threading.Event
) -> Exception | None:
    """Run http_get in its own thread so a cancel returns at once even on a stalled connection
    (the thread stops at its next chunk or read timeout, holding the file lock until then)."""
    import filelock
    from huggingface_hub.file_download import http_get

    outcome: list[Exception | None] = [None]

    def work() -> None:
        lock = filelock.FileLock(str(part.with_suffix(".lock")), timeout=0)
        try:
            with lock, contextlib.closing(_PartialFile(part)) as fh:
                resume = fh.tell()
                http_get(
                    remote.url,
                    fh,  # type: ignore[arg-type]
                    resume_size=resume,
                    headers=_request_headers(),
                    expected_size=remote.size_bytes,
                    displayed_filename=part.name,
                    tqdm_class=_bar_class(reporter, cancel),
                )
        except Exception as exc:  # noqa: BLE001 - re-raised in the caller's thread
            outcome[0] = exc

    worker = threading.Thread(target=work, name="aideon-model-download", daemon=True)
    with _workers_lock:
        _workers[remote.sha256] = worker
    worker.start()
    while worker.is_alive():
        worker.join(0.1)
        if cancel.is_set():
            # huggingface_hub reports a chunk before it writes it: give the write a moment to
            # land (the worker stops at its next chunk), so "paused at" and resume are exact.
            worker.join(CANCEL_GRACE_S)
            return _CancelRequestedError()
    return outcome[0]


def _wait_for_previous_worker(sha: str, cancel: threading.Event) -> None:
    with _workers_lock:
        previous = _workers.get(sha)
    while previous is not None and previous.is_alive():
        if cancel.is_set():
            raise DownloadCancelledError("Download cancelled.")
        previous.join(0.1)


def _raise_fetch_error(error: BaseException, model: CatalogModel, part: Path, total: int) -> None:
    import filelock
    import httpx2
    from huggingface_hub.errors import HfHubHTTPError

    done = part.stat().st_size if part.exists() else 0
    saved = f"{format_bytes(done)} of {format_bytes(total)}"
    if isinstance(error, _CancelRequestedError):
        raise DownloadCancelledError(
            f"Download of {model.title} paused at {saved}; start it again to resume."
        )
    if isinstance(error, filelock.Timeout):
        raise DownloadError(
            f"{model.title} is already being downloaded by another Aideon window or command."
        )
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        raise DiskFullError(
            f"The disk filled up while downloading {model.title} ({saved} saved in "
            f"{part.parent}). Free some space, then download again: it resumes from there."
        )
    if isinstance(error, httpx2.HTTPError | HfHubHTTPError):
        raise HubUnreachableError(
            f"The connection to the Hugging Face Hub was lost ({type(error).__name__}) with "
            f"{saved} downloaded. Download again to resume."
        )
    if isinstance(error, OSError) and "Consistency check failed" in str(error):
        part.unlink(missing_ok=True)
        raise DownloadError(
            f"The download of {model.title} ended at the wrong size and was discarded. Try again."
        )
    raise error


# ------------------------------------------------------------------------------ verifying
def file_sha256(
    path: Path,
    on_bytes: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
) -> str:
    digest = hashlib.sha256()
    done = 0
    with path.open("rb") as fh:
        while chunk := fh.read(8 * MiB):
            if cancel is not None and cancel.is_set():
                raise DownloadCancelledError("Verification cancelled; the download is kept.")
            digest.update(chunk)
            done += len(chunk)
            if on_bytes is not None:
                on_bytes(done)
    return digest.hexdigest()


def _verify(
    part: Path, remote: RemoteFile, title: str, reporter: _Reporter, cancel: threading.Event
) -> None:
    actual = file_sha256(part, lambda n: reporter.emit("verifying", n), cancel)
    if actual != remote.sha256:
        part.unlink(missing_ok=True)
        raise ChecksumMismatchError(
            f"{title} failed its checksum (expected {remote.sha256[:12]}…, got "
            f"{actual[:12]}…). The file was deleted and will not be used; download it again."
        )


def _check_disk(store: ModelStore, needed: int, title: str) -> None:
    free = store.disk_free_bytes()
    if free < needed + DISK_RESERVE_BYTES:
        raise DiskFullError(
            f"Not enough free disk space for {title}: it needs {format_bytes(needed)} more and "
            f"{store.root} has {format_bytes(free)} free. Free some space and try again."
        )


# ------------------------------------------------------------------------------ public
def download_model(
    model: CatalogModel,
    *,
    store: ModelStore | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    endpoint: str | None = None,
) -> InstalledModel:
    """Download, verify and install ``model``; resumes a partial download.  Returns the manifest
    entry.  Raises DownloadCancelledError, DiskFullError, ChecksumMismatchError,
    HubUnreachableError or DownloadError."""
    store = store or ModelStore()
    cancel = cancel or threading.Event()
    installed = store.get(model.name)
    if installed is not None and installed.sha256 == (model.sha256 or installed.sha256):
        return installed
    reporter = _Reporter(progress, model.size_bytes)
    reporter.emit("resolving", 0)
    remote = resolve_remote(model, endpoint)
    reporter.total = remote.size_bytes
    store.partial_dir.mkdir(parents=True, exist_ok=True)
    part = store.partial_dir / f"{remote.sha256}.part"
    _wait_for_previous_worker(remote.sha256, cancel)
    _discard_stale_partials(store, model, remote.sha256)
    done = part.stat().st_size if part.exists() else 0
    if done > remote.size_bytes:
        part.unlink()
        done = 0
    _write_partial_info(part, model, remote)
    if done < remote.size_bytes:
        _check_disk(store, remote.size_bytes - done, model.title)
        error = _fetch_in_worker(remote, part, reporter, cancel)
        if error is not None:
            _raise_fetch_error(error, model, part, remote.size_bytes)
    _verify(part, remote, model.title, reporter, cancel)
    final = store.final_path(model.name, model.file)
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(part, final)
    for leftover in (part.with_suffix(".json"), part.with_suffix(".lock")):
        leftover.unlink(missing_ok=True)
    reporter.emit("done", remote.size_bytes)
    log.info("installed %s (%s, commit %s)", model.name, model.file, remote.commit[:12])
    return store.record(
        name=model.name,
        repo=model.repo,
        revision=remote.commit,
        file=model.file,
        sha256=remote.sha256,
        size_bytes=remote.size_bytes,
    )


def _write_partial_info(part: Path, model: CatalogModel, remote: RemoteFile) -> None:
    info = {
        "name": model.name,
        "repo": model.repo,
        "file": model.file,
        "commit": remote.commit,
        "sha256": remote.sha256,
        "size_bytes": remote.size_bytes,
    }
    part.with_suffix(".json").write_text(json.dumps(info), encoding="utf-8")


def _partials_of(model: CatalogModel, store: ModelStore) -> list[Path]:
    """The ``.part`` files (existing or not) recorded for this model's repo and file."""
    found = []
    for info_path in store.partial_dir.glob("*.json"):
        try:
            info = json.loads(info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if info.get("repo") == model.repo and info.get("file") == model.file:
            found.append(info_path.with_suffix(".part"))
    return found


def _discard_stale_partials(store: ModelStore, model: CatalogModel, sha256: str) -> None:
    """A partial download of an older version of the file can never be resumed: delete it."""
    for part in _partials_of(model, store):
        if part.stem != sha256:
            for path in (part, part.with_suffix(".json"), part.with_suffix(".lock")):
                path.unlink(missing_ok=True)


def partial_bytes(model: CatalogModel, store: ModelStore | None = None) -> int:
    """Bytes of an unfinished download of ``model`` on disk (0 when there is none)."""
    store = store or ModelStore()
    return sum(p.stat().st_size for p in _partials_of(model, store) if p.exists())
