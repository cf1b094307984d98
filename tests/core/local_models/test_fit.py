"""The memory estimate against the resident memory the bundled model really uses, and the
fits / tight / too big verdict."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aideon_desktop.core.hardware import GpuMemory, MemorySnapshot
from aideon_desktop.core.local_models.catalog import load_catalog
from aideon_desktop.core.local_models.fit import (
    GiB,
    MemoryEstimate,
    MiB,
    ModelShape,
    assess_fit,
    estimate_memory,
)
from aideon_desktop.core.model_files import gguf_facts

# Load the bundled model at a 2048-token context through the app's provider and fill most of the
# context (a ~1900-token prompt), in a fresh interpreter so nothing else shares its heap; print
# the growth of resident memory (file-backed weights + KV cache + buffers).
MEASURE = """
import json, sys, psutil
from pathlib import Path
import llama_cpp, llama_cpp.llama_chat_format  # imported before measuring: code, not model
from aideon_desktop.core.chat import GenerationParams, Message
from aideon_desktop.core.providers.local import LocalModelConfig, LocalModelProvider

proc = psutil.Process()
before = proc.memory_info().rss
provider = LocalModelProvider(LocalModelConfig(
    model_path=Path(sys.argv[1]), context_length=2048, threads=1, idle_unload_seconds=0))
prompt = " ".join(f"word{i}" for i in range(480)) + " Say OK."
messages = [Message("user", prompt)]
events = list(provider.stream(messages, params=GenerationParams(max_tokens=8, temperature=0)))
print(json.dumps({"rss_growth": proc.memory_info().rss - before,
                  "prompt_tokens": events[-1].prompt_tokens}))
"""


@pytest.mark.slow
def test_estimate_matches_the_measured_resident_memory_of_the_bundled_model(
    model_path: Path,
) -> None:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(model_path)],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    measured = json.loads(out.stdout.strip().splitlines()[-1])
    assert measured["prompt_tokens"] > 1700, "the check needs a nearly full context"
    facts = gguf_facts(model_path)
    estimate = estimate_memory(ModelShape.from_gguf(facts), model_path.stat().st_size, 2048)
    assert estimate.kv_cache_bytes == 45 * MiB  # llama.cpp reports "KV buffer size = 45.00 MiB"
    ratio = estimate.total_bytes / measured["rss_growth"]
    assert 0.8 <= ratio <= 1.25, (
        f"estimate {estimate.total_bytes / MiB:.0f} MiB vs measured "
        f"{measured['rss_growth'] / MiB:.0f} MiB"
    )


def test_the_estimate_grows_with_the_context(model_path: Path) -> None:
    shape = ModelShape.from_gguf(gguf_facts(model_path))
    size = model_path.stat().st_size
    small, large = estimate_memory(shape, size, 1024), estimate_memory(shape, size, 8192)
    assert large.kv_cache_bytes == 8 * small.kv_cache_bytes
    assert large.compute_bytes > small.compute_bytes and large.weights_bytes == size


def test_catalogue_estimates_are_sane() -> None:
    for model in load_catalog():
        estimate = model.estimate(4096)
        assert model.size_bytes < estimate.total_bytes < model.size_bytes * 2, model.name
        assert estimate.kv_cache_bytes > 0 and estimate.compute_bytes > 0


def _snapshot(available: float, total: float = 16, gpu_free_gib: float | None = None):
    gpu = None
    if gpu_free_gib is not None:
        gpu = GpuMemory("Test GPU", int(24 * GiB), int(gpu_free_gib * GiB))
    return MemorySnapshot(int(total * GiB), int(available * GiB), gpu)


NEEDS_3_GIB = MemoryEstimate(4096, 2 * GiB, GiB // 2, GiB // 4, GiB // 4)


@pytest.mark.parametrize(
    ("available", "verdict", "words"),
    [
        (8.0, "fits", "fits: needs about 3.0 GB, 8.0 GB of memory free"),
        (4.0, "tight", "tight: needs about 3.0 GB of the 4.0 GB of memory free"),
        (2.5, "too_big", "too big: needs about 3.0 GB, only 2.5 GB of memory free"),
    ],
)
def test_verdicts(available: float, verdict: str, words: str) -> None:
    report = assess_fit(NEEDS_3_GIB, _snapshot(available), use_gpu=False)
    assert report.verdict == verdict and report.message.startswith(words)


def test_a_gpu_build_is_judged_by_free_gpu_memory() -> None:
    memory = _snapshot(available=2.0, gpu_free_gib=20.0)
    on_gpu = assess_fit(NEEDS_3_GIB, memory, use_gpu=True)
    assert on_gpu.verdict == "fits" and on_gpu.where == "GPU memory"
    assert assess_fit(NEEDS_3_GIB, memory, use_gpu=False).verdict == "too_big"
    no_reading = assess_fit(NEEDS_3_GIB, _snapshot(available=8.0), use_gpu=True)
    assert no_reading.where == "memory"  # no GPU reading: RAM is what we know
