"""Real downloads through huggingface_hub against the loopback fake Hub: resume after a cut, a
cancel and a kill; checksum refusal; full disks; no network."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import tomli_w

from aideon_desktop.core.local_models.download import (
    ChecksumMismatchError,
    DiskFullError,
    DownloadCancelledError,
    DownloadError,
    DownloadProgress,
    HubUnreachableError,
    download_model,
    partial_bytes,
)
from aideon_desktop.core.local_models.installed import ModelStore
from tests.core.local_models.conftest import FILE, REPO, MiB, catalog_entry, tmpfs, wait_for_size
from tests.support.fake_hub import FakeHub

CHUNK = 10 * MiB  # huggingface_hub writes what it receives in 10 MiB chunks


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_download_verifies_installs_and_reports_progress(
    hub: FakeHub, model_bytes: bytes, tmp_path: Path
) -> None:
    store = ModelStore(tmp_path / "models")
    model = catalog_entry(hub, model_bytes)
    events: list[DownloadProgress] = []
    installed = download_model(model, store=store, progress=events.append)

    path = installed.path(store.root)
    assert path == store.root / "tiny-chat" / FILE and path.read_bytes() == model_bytes
    assert (installed.sha256, installed.size_bytes) == (sha(model_bytes), len(model_bytes))
    assert installed.revision == hub.repos[REPO].refs["main"]
    assert store.get("tiny-chat") == installed and not list(store.partial_dir.glob("*.part"))
    phases = [e.phase for e in events]
    assert phases[0] == "resolving" and phases[-1] == "done"
    assert phases.index("verifying") > phases.index("downloading")
    downloaded = [e.done_bytes for e in events if e.phase == "downloading"]
    assert downloaded == sorted(downloaded) and downloaded[-1] == len(model_bytes)
    assert any(e.bytes_per_second > 0 for e in events if e.phase == "downloading")
    # One HEAD on the Hub's resolve URL, then the bytes from the CDN it redirected to.
    (head,) = [r for r in hub.requests if r.server == "hub"]
    assert head.method == "HEAD" and head.path == f"/{REPO}/resolve/{model.revision}/{FILE}"
    (get,) = hub.cdn_gets()
    assert get.range is None
    # Plain HTTPS only: the Xet token route the Hub advertises is never called.
    assert not any("xet-read-token" in r.path or "reconstructions" in r.path for r in hub.requests)
    # Nothing identifying is sent: no token, no telemetry in the user agent.
    assert all(r.authorization is None for r in hub.requests)
    assert all(r.user_agent and r.user_agent.startswith("aideon-desktop/") for r in hub.requests)
    assert all(";" not in (r.user_agent or "") for r in hub.requests)
    # Asking again finds it installed and downloads nothing.
    assert download_model(model, store=store) == installed and len(hub.cdn_gets()) == 1


def test_resume_after_the_connection_is_cut(
    hub: FakeHub, model_bytes: bytes, tmp_path: Path
) -> None:
    store = ModelStore(tmp_path / "models")
    hub.cut_at(15 * MiB)
    installed = download_model(catalog_entry(hub, model_bytes), store=store)
    assert installed.path(store.root).read_bytes() == model_bytes
    first, second = hub.cdn_gets()
    assert first.range is None
    assert second.range == f"bytes={CHUNK}-"  # only the complete chunk was kept


def test_cancel_keeps_the_partial_file_and_the_next_download_resumes(
    hub: FakeHub, model_bytes: bytes, tmp_path: Path
) -> None:
    store = ModelStore(tmp_path / "models")
    model = catalog_entry(hub, model_bytes)
    cancel = threading.Event()
    hub.pause_at(12 * MiB)

    def cancel_after_first_chunk(progress: DownloadProgress) -> None:
        if progress.done_bytes >= CHUNK:
            cancel.set()

    with pytest.raises(DownloadCancelledError, match="paused at 10 MB of 24 MB"):
        download_model(model, store=store, progress=cancel_after_first_chunk, cancel=cancel)
    assert partial_bytes(model, store) == CHUNK and store.get(model.name) is None
    hub.release()

    installed = download_model(model, store=store)
    assert installed.path(store.root).read_bytes() == model_bytes
    assert [r.range for r in hub.cdn_gets()] == [None, f"bytes={CHUNK}-"]
    assert partial_bytes(model, store) == 0


def _write_catalog(path: Path, entries: list) -> Path:
    data = {"model": [e.model_dump(mode="json") for e in entries]}
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def test_a_killed_download_resumes_in_a_new_process(
    hub: FakeHub, model_bytes: bytes, tmp_path: Path, isolated_home: Path
) -> None:
    model = catalog_entry(hub, model_bytes)
    catalog = _write_catalog(tmp_path / "catalog.toml", [model])
    env = {
        **os.environ,
        "AIDEON_HOME": str(isolated_home),
        "HF_ENDPOINT": hub.endpoint,
        "AIDEON_LOCAL_MODELS_CATALOG": str(catalog),
    }
    hub.pause_at(12 * MiB)
    pull = subprocess.Popen(
        [sys.executable, "-m", "aideon_desktop", "models", "pull", model.name],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    store = ModelStore()
    try:
        wait_for_size(store.partial_dir / f"{model.sha256}.part", CHUNK)
    finally:
        pull.send_signal(signal.SIGKILL)  # like a crash or a power cut
        pull.wait(timeout=10)
    hub.release()
    assert pull.returncode == -signal.SIGKILL and store.get(model.name) is None

    installed = download_model(model, store=store)
    assert installed.path(store.root).read_bytes() == model_bytes
    assert hub.cdn_gets()[-1].range == f"bytes={CHUNK}-"


def test_a_corrupt_download_is_refused_and_deleted(
    hub: FakeHub, model_bytes: bytes, tmp_path: Path
) -> None:
    store = ModelStore(tmp_path / "models")
    model = catalog_entry(hub, model_bytes)
    hub.corrupt_next()
    with pytest.raises(ChecksumMismatchError, match=r"failed its checksum.*will not be used"):
        download_model(model, store=store)
    assert store.get(model.name) is None and store.list() == []
    assert not (store.root / model.name).exists() and partial_bytes(model, store) == 0


def test_a_catalogue_checksum_the_hub_disagrees_with_stops_before_downloading(
    hub: FakeHub, model_bytes: bytes, tmp_path: Path
) -> None:
    model = catalog_entry(hub, model_bytes, sha256="0" * 64)
    with pytest.raises(ChecksumMismatchError, match="differs from the catalogue"):
        download_model(model, store=ModelStore(tmp_path / "models"))
    assert hub.cdn_gets() == []


def test_an_unpinned_entry_takes_commit_and_checksum_from_the_hub(
    hub: FakeHub, model_bytes: bytes, tmp_path: Path
) -> None:
    store = ModelStore(tmp_path / "models")
    model = catalog_entry(hub, model_bytes, pinned=False, size_bytes=20 * MiB)
    installed = download_model(model, store=store)
    assert installed.revision == hub.repos[REPO].refs["main"]  # resolved from "main"
    assert installed.sha256 == sha(model_bytes) and installed.size_bytes == len(model_bytes)
    head = next(r for r in hub.requests if r.server == "hub")
    assert head.path == f"/{REPO}/resolve/main/{FILE}"


def test_not_enough_disk_space_is_refused_before_downloading(
    hub: FakeHub, model_bytes: bytes, tmp_path: Path
) -> None:
    with (
        tmpfs(tmp_path / "disk", 8) as disk,
        pytest.raises(DiskFullError, match=r"needs 24 MB more and .* has 8 MB free"),
    ):
        download_model(catalog_entry(hub, model_bytes), store=ModelStore(disk))
    assert hub.cdn_gets() == []


def test_a_disk_that_fills_up_mid_download_keeps_the_part_and_resumes(
    hub: FakeHub, model_bytes: bytes, tmp_path: Path
) -> None:
    model = catalog_entry(hub, model_bytes)
    with tmpfs(tmp_path / "disk", 48) as disk:
        store = ModelStore(disk)
        hub.pause_at(12 * MiB)
        outcome: dict[str, BaseException] = {}

        def pull() -> None:
            try:
                download_model(model, store=store)
            except DownloadError as exc:
                outcome["error"] = exc

        worker = threading.Thread(target=pull)
        worker.start()
        wait_for_size(store.partial_dir / f"{model.sha256}.part", CHUNK)
        filler = disk / "filler"
        filler.write_bytes(b"\0" * (30 * MiB))  # something else fills the disk meanwhile
        hub.release()
        worker.join(timeout=30)
        assert isinstance(outcome.get("error"), DiskFullError)
        assert "filled up" in str(outcome["error"]) and "resumes" in str(outcome["error"])
        assert partial_bytes(model, store) >= CHUNK and store.get(model.name) is None

        filler.unlink()
        installed = download_model(model, store=store)
        assert installed.path(store.root).read_bytes() == model_bytes
        assert hub.cdn_gets()[-1].range.startswith("bytes=")  # resumed, not restarted


def test_no_network_is_a_clear_error(model_bytes: bytes, tmp_path: Path) -> None:
    hub = FakeHub()  # never started: nothing listens on its port
    hub.add_file(REPO, FILE, model_bytes)
    with pytest.raises(HubUnreachableError, match=r"Could not reach .* network connection"):
        download_model(
            catalog_entry(hub, model_bytes),
            store=ModelStore(tmp_path / "models"),
            endpoint=hub.endpoint,
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"repo": "aideon-test/missing"}, "no public repository aideon-test/missing"),
        ({"file": "other.gguf"}, "other.gguf is not in"),
        ({"revision": "f" * 40}, "Revision f{40} of .* is gone"),
    ],
)
def test_missing_repo_file_or_revision_are_clear_errors(
    hub: FakeHub, model_bytes: bytes, tmp_path: Path, changes: dict, message: str
) -> None:
    with pytest.raises(DownloadError, match=message):
        download_model(catalog_entry(hub, model_bytes, **changes), store=ModelStore(tmp_path))
