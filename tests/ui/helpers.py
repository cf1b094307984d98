"""Helpers for the chat widget tests: a catalogue with readable names, and waiting for answers."""

from __future__ import annotations

from decimal import Decimal

from aideon_desktop.core.catalog import Baseline, Catalog, ModelEntry


def entry(provider: str, model_id: str, name: str, price: str, tasks=("general",)) -> ModelEntry:
    return ModelEntry(
        provider=provider,
        id=model_id,
        name=name,
        tasks=list(tasks),
        context_length=32768,
        input_per_million=Decimal(price),
        output_per_million=Decimal(price),
        tier=2,
    )


LLAMA = ("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo")
QWEN = ("huggingface", "Qwen/Qwen2.5-Coder-32B-Instruct")
UI_CATALOG = Catalog(
    prices_checked="2026-11-25",
    baseline=Baseline(
        name="premium", input_per_million=Decimal("2.5"), output_per_million=Decimal("10")
    ),
    model=[
        entry("local", "smollm2-135m-instruct", "SmolLM2 135M Instruct (embedded)", "0"),
        entry(*LLAMA, "Llama 3.3 70B", "0.88"),
        entry(*QWEN, "Qwen2.5 Coder 32B", "0.90", tasks=("general", "code")),
    ],
)


def wait_idle(qtbot, widget, timeout: int = 60000) -> None:
    qtbot.waitUntil(lambda: not widget.busy(), timeout=timeout)


def send_and_wait(qtbot, window, text: str, timeout: int = 60000) -> None:
    window.draft.setPlainText(text)
    window.send()
    wait_idle(qtbot, window, timeout)
