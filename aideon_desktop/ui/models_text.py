"""The words and numbers of the Models page: sizes, licence and languages, fit badges, download
progress.  Pure functions, no Qt (the widgets in models_row.py show them)."""

from __future__ import annotations

from aideon_desktop.core.local_models.choices import ModelChoice
from aideon_desktop.core.local_models.download import DownloadProgress
from aideon_desktop.core.local_models.fit import format_bytes

FIT_BADGES = {"fits": "Fits this machine", "tight": "Tight fit", "too_big": "Too big"}
PHASES = {
    "resolving": "Asking the Hugging Face Hub…",
    "downloading": "Downloading",
    "verifying": "Checking the file is intact",
    "done": "Downloaded and verified",
}


def facts_text(choice: ModelChoice) -> str:
    """ "2.5 GB · Apache-2.0 · 29 languages · runs on this machine (built into Aideon)" """
    bits = []
    if choice.size_bytes:
        bits.append(format_bytes(choice.size_bytes))
    if choice.catalog is not None:
        bits.append(f"{choice.catalog.parameters} parameters, {choice.catalog.quantization}")
    elif choice.server is not None and choice.server.parameter_size:
        bits.append(" ".join(b for b in (choice.server.parameter_size, choice.server.quantization)))
    if choice.licence:
        bits.append(choice.licence)
    if choice.languages_total:
        total = choice.languages_total
        bits.append("English" if total == 1 else f"{total} languages")
    if choice.kind != "catalog":  # the catalogue's models all run inside Aideon, like the list says
        bits.append(choice.where)
    return " · ".join(bits)


def fit_note(choice: ModelChoice) -> str:
    """The fit's numbers (the badge says the verdict): "Needs about 2.8 GB of memory; 21.5 GB
    free"."""
    fit = choice.fit
    if fit is None:
        return ""
    needed, free = format_bytes(fit.needed_bytes), format_bytes(fit.available_bytes)
    return f"Needs about {needed} of {fit.where}; {free} free"


def recommendation_text(best: ModelChoice | None) -> str:
    """ "Recommended for this machine: Qwen3 4B Instruct 2507, not downloaded yet (needs about
    2.8 GB of memory; 21.5 GB free)." """
    if best is None:
        return "None of the recommended downloads fits this machine's free memory now."
    state = "downloaded" if best.ready else "not downloaded yet"
    note = fit_note(best)
    fit = f" ({note[:1].lower()}{note[1:]})" if note else ""
    return f"Recommended for this machine: {best.title}, {state}{fit}."


def languages_tooltip(choice: ModelChoice) -> str:
    if choice.catalog is None:
        return ""
    return "Languages: " + ", ".join(choice.catalog.languages)


def fit_badge(choice: ModelChoice) -> tuple[str, str] | None:
    """(badge text, verdict) or None when the fit is unknown (server models)."""
    if choice.fit is None:
        return None
    return FIT_BADGES[choice.fit.verdict], choice.fit.verdict


def duration_text(seconds: float) -> str:
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def progress_text(progress: DownloadProgress) -> str:
    """ "Downloading: 120 MB of 2.5 GB · 11 MB/s · about 4 min left" """
    phase = PHASES[progress.phase]
    if progress.phase == "resolving":
        return phase
    amounts = f"{format_bytes(progress.done_bytes)} of {format_bytes(progress.total_bytes)}"
    bits = [f"{phase}: {amounts}"]
    if progress.phase == "downloading" and progress.bytes_per_second > 0:
        bits.append(f"{format_bytes(int(progress.bytes_per_second))}/s")
        eta = progress.eta_seconds
        if eta is not None and eta >= 1:
            bits.append(f"about {duration_text(eta)} left")
    return " · ".join(bits)


def paused_text(choice: ModelChoice) -> str:
    total = choice.size_bytes or 0
    return (
        f"Paused at {format_bytes(choice.paused_bytes)} of {format_bytes(total)}; "
        "Resume continues from there."
    )
