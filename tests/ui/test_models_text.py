"""The Models page's words: fit badges and notes for each verdict, download progress with
speed and time left, a paused download, and what a server model says about itself."""

from __future__ import annotations

from aideon_desktop.core.local_models.choices import ModelChoice
from aideon_desktop.core.local_models.download import DownloadProgress
from aideon_desktop.core.local_models.fit import FitReport, GiB, MiB
from aideon_desktop.core.local_models.servers import ServerModel
from aideon_desktop.ui.models_text import (
    facts_text,
    fit_badge,
    fit_note,
    paused_text,
    progress_text,
    recommendation_text,
)


def choice(verdict: str = "fits", **changes) -> ModelChoice:
    fit = FitReport(verdict, 3 * GiB, 5 * GiB, "memory", f"{verdict}: …")  # type: ignore[arg-type]
    fields = {"key": "m", "title": "M", "kind": "catalog", "ready": False, "fit": fit}
    return ModelChoice(**(fields | changes))  # type: ignore[arg-type]


def test_each_verdict_has_its_badge_and_the_note_gives_the_numbers() -> None:
    assert fit_badge(choice("fits")) == ("Fits this machine", "fits")
    assert fit_badge(choice("tight")) == ("Tight fit", "tight")
    assert fit_badge(choice("too_big")) == ("Too big", "too_big")
    assert fit_badge(choice(fit=None)) is None and fit_note(choice(fit=None)) == ""
    assert fit_note(choice("tight")) == "Needs about 3.0 GB of memory; 5.0 GB free"


def test_progress_says_bytes_speed_and_time_left() -> None:
    running = DownloadProgress("downloading", 512 * MiB, 2 * GiB, 8 * MiB)
    assert progress_text(running) == "Downloading: 512 MB of 2.0 GB · 8 MB/s · about 3 min left"
    assert progress_text(DownloadProgress("resolving", 0, GiB)) == "Asking the Hugging Face Hub…"
    verifying = DownloadProgress("verifying", GiB, 2 * GiB, 0)
    assert progress_text(verifying) == "Checking the file is intact: 1.0 GB of 2.0 GB"
    stalled = DownloadProgress("downloading", 10 * MiB, 24 * MiB, 0)
    assert progress_text(stalled) == "Downloading: 10 MB of 24 MB"


def test_a_paused_download_and_a_server_model_describe_themselves() -> None:
    paused = choice(size_bytes=24 * MiB, paused_bytes=10 * MiB)
    assert paused_text(paused) == "Paused at 10 MB of 24 MB; Resume continues from there."
    model = ServerModel("ollama", "qwen3:4b", 2 * GiB, "4.0B", "Q4_K_M")
    server = choice(kind="ollama", ready=True, fit=None, size_bytes=2 * GiB, server=model)
    assert facts_text(server) == "2.0 GB · 4.0B Q4_K_M · runs on this machine in Ollama"


def test_the_recommendation_line_says_whether_it_is_downloaded_and_what_it_needs() -> None:
    assert recommendation_text(choice(title="Qwen3 4B", ready=True)) == (
        "Recommended for this machine: Qwen3 4B, downloaded "
        "(needs about 3.0 GB of memory; 5.0 GB free)."
    )
    assert recommendation_text(None).startswith("None of the recommended downloads fits")
