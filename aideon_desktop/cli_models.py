"""`aideon models list | pull NAME | use NAME | rm NAME` — the on-device models.

Exit codes as for `ask`: 0 ok, 2 usage or input error (unknown name, not downloaded), 3 could
not do it (no network, full disk, checksum mismatch), 130 interrupted (a download is kept and
resumes next time).
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from typing import Any, TextIO

from aideon_desktop.core.errors import EXIT_OK

_INTERRUPTED = 130


def add_models_parser(sub: Any) -> None:
    """Register `aideon models …` on the main parser's subcommands."""
    models = sub.add_parser("models", help="on-device models: list, download, choose, delete")
    actions = models.add_subparsers(dest="models_command", required=True)
    listing = actions.add_parser("list", help="models you can use on this device")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_cmd_list)
    pull = actions.add_parser("pull", help="download and verify a catalogue model (resumes)")
    pull.add_argument("name")
    pull.set_defaults(handler=_cmd_pull)
    use = actions.add_parser(
        "use", help="answer private prompts with this model (catalogue name, ollama:NAME, …)"
    )
    use.add_argument("name")
    use.set_defaults(handler=_cmd_use)
    remove = actions.add_parser("rm", help="delete a downloaded model")
    remove.add_argument("name")
    remove.set_defaults(handler=_cmd_rm)


# ------------------------------------------------------------------------------ helpers
def _settings() -> Any:
    from aideon_desktop.core.config import load_settings

    loaded = load_settings()
    for problem in loaded.problems:
        print(f"aideon: settings: {problem} (default used)", file=sys.stderr)
    return loaded.settings


def _save(settings: Any) -> None:
    from aideon_desktop.core.config import save_settings

    save_settings(settings)


def _servers(local: Any) -> list[Any]:
    from aideon_desktop.core.local_models.servers import detect_servers

    return detect_servers(local.ollama_url, local.lmstudio_url) if local.detect_servers else []


def _choices(settings: Any, servers: list[Any]) -> list[Any]:
    from aideon_desktop.core.hardware import gpu_offload_supported, memory_snapshot
    from aideon_desktop.core.local_models.catalog import load_catalog
    from aideon_desktop.core.local_models.choices import list_choices
    from aideon_desktop.core.local_models.installed import ModelStore

    gpu = settings.local.gpu_layers != 0 and gpu_offload_supported()
    memory = memory_snapshot(include_gpu=gpu)
    return list_choices(settings.local, load_catalog(), ModelStore(), servers, memory, gpu)


def _size(value: int | None) -> str:
    from aideon_desktop.core.local_models.fit import format_bytes

    return "?" if value is None else format_bytes(value)


# ------------------------------------------------------------------------------ list
def _choice_json(choice: Any) -> dict[str, Any]:
    return {
        "name": choice.key,
        "title": choice.title,
        "kind": choice.kind,
        "ready": choice.ready,
        "active": choice.active,
        "size_bytes": choice.size_bytes,
        "fit": choice.fit.verdict if choice.fit else None,
        "fit_message": choice.fit.message if choice.fit else None,
        "licence": choice.licence,
        "languages": choice.languages_total,
        "paused_bytes": choice.paused_bytes,
        "where": choice.where,
    }


def _cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.core.local_models.choices import recommended

    settings = _settings()
    servers = _servers(settings.local)
    choices = _choices(settings, servers)
    best = recommended(choices)
    if args.json:
        payload = {
            "models": [_choice_json(c) for c in choices],
            "servers": [
                {"server": s.server, "url": s.base_url, "running": s.running} for s in servers
            ],
            "recommended": best.key if best else None,
        }
        out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        return EXIT_OK
    out.write("Private prompts are answered on this device by the model marked *.\n")
    out.write(f"   {'NAME':30} {'SIZE':>8}  {'STATUS':12} FIT / NOTES\n")
    for choice in choices:
        status = "ready" if choice.ready else "download"
        if choice.paused_bytes:
            status = f"paused {_size(choice.paused_bytes)}"
        fit = choice.fit.message if choice.fit else choice.where
        mark = "*" if choice.active else " "
        out.write(f"{mark}  {choice.key:30} {_size(choice.size_bytes):>8}  {status:12} {fit}\n")
    for status in servers:
        out.write(f"   ({status.describe()})\n")
    if best is not None and not best.ready:
        out.write(
            f"Recommended for this machine: {best.key} ({best.title}); {best.fit.message}. "
            f"Download it with `aideon models pull {best.key}`.\n"
        )
    return EXIT_OK


# ------------------------------------------------------------------------------ pull
class _ProgressLine:
    """One progress line on stderr, rewritten in place on a terminal, every 2 s otherwise."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.tty = sys.stderr.isatty()
        self._last = 0.0
        self._phase = ""

    def __call__(self, progress: Any) -> None:
        now = time.monotonic()
        if not self.tty and now - self._last < 2 and progress.phase == self._phase:
            return
        self._last, self._phase = now, progress.phase
        speed = f", {_size(int(progress.bytes_per_second))}/s" if progress.bytes_per_second else ""
        eta = progress.eta_seconds if progress.phase == "downloading" else None
        left = f", {int(eta) // 60}m{int(eta) % 60:02d}s left" if eta is not None else ""
        line = (
            f"{progress.phase} {self.name}: {_size(progress.done_bytes)} of "
            f"{_size(progress.total_bytes)} ({progress.fraction:.0%}{speed}{left})"
        )
        print(("\r" + line.ljust(100)) if self.tty else line, end="" if self.tty else "\n",
              file=sys.stderr, flush=True)  # fmt: skip

    def finish(self) -> None:
        if self.tty:
            print(file=sys.stderr)


def _cmd_pull(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.core.local_models.catalog import find_model
    from aideon_desktop.core.local_models.download import DownloadCancelledError, download_model

    model = find_model(args.name)
    cancel = threading.Event()
    progress = _ProgressLine(model.name)
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["model"] = download_model(model, progress=progress, cancel=cancel)
        except Exception as exc:  # noqa: BLE001 - re-raised below in the main thread
            result["error"] = exc

    worker = threading.Thread(target=work, name="aideon-pull", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        cancel.set()
        worker.join(timeout=15)
        progress.finish()
        print(f"aideon: download of {model.name} paused; run the same command to resume.",
              file=sys.stderr)  # fmt: skip
        return _INTERRUPTED
    progress.finish()
    if "error" in result:
        error = result["error"]
        if isinstance(error, DownloadCancelledError):
            print(f"aideon: {error}", file=sys.stderr)
            return _INTERRUPTED
        raise error
    out.write(
        f"{model.name} is downloaded and verified (sha256 {result['model'].sha256[:16]}…). "
        f"Use it with `aideon models use {model.name}`.\n"
    )
    return EXIT_OK


# ------------------------------------------------------------------------------ use / rm
def _cmd_use(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.core.local_models.catalog import load_catalog
    from aideon_desktop.core.local_models.choices import apply_choice
    from aideon_desktop.core.local_models.installed import ModelStore

    settings = _settings()
    needs_servers = args.name.startswith(("ollama:", "lmstudio:"))
    servers = _servers(settings.local) if needs_servers else []
    settings.local = apply_choice(settings.local, args.name, load_catalog(), ModelStore(), servers)
    _save(settings)
    out.write(f"Private prompts will now be answered on this device by {args.name}.\n")
    return EXIT_OK


def _cmd_rm(args: argparse.Namespace, out: TextIO) -> int:
    from aideon_desktop.core.local_models.choices import BUNDLED_NAME, active_key
    from aideon_desktop.core.local_models.installed import ModelStore

    store = ModelStore()
    settings = _settings()
    was_active = active_key(settings.local, store) == args.name
    removed = store.remove(args.name)
    out.write(f"Deleted {removed.name} ({_size(removed.size_bytes)} freed).\n")
    if was_active:
        settings.local = settings.local.model_copy(update={"model_path": "", "engine": "embedded"})
        _save(settings)
        out.write(f"It was the active model; {BUNDLED_NAME} (built in) answers from now on.\n")
    return EXIT_OK
