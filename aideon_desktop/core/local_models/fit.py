"""Will a model fit this machine?  Memory needed = weights + KV cache at the configured context
+ llama.cpp's working buffers, compared with the free RAM (or GPU memory on a GPU build).

The estimate follows how llama.cpp allocates (checked against its own reported buffer sizes and
against the measured resident memory of the bundled model in tests/core/local_models/test_fit.py):

* weights: the GGUF file is memory-mapped and every page is read while generating;
* KV cache: ``n_ctx × layers × kv_heads × (key_length + value_length)`` f16 values, allocated
  and cleared at load;
* compute: one 512-token micro-batch of activations: attention scores (``heads × n_ctx`` floats
  per token, the largest part once the context fills up) plus the feed-forward and embedding
  rows; logits are only kept for the last token;
* a fixed runtime overhead (threads, graph, output buffer).

Gemma-style sliding-window layers are counted at full context, so the estimate errs high.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from aideon_desktop.core.hardware import MemorySnapshot
from aideon_desktop.core.model_files import GgufFacts

MiB = 1 << 20
GiB = 1 << 30
KV_BYTES_PER_VALUE = 2  # llama.cpp's default KV cache type is f16
FLOAT_BYTES = 4
MICRO_BATCH = 512  # llama.cpp's default n_ubatch
RUNTIME_OVERHEAD_BYTES = 32 * MiB

Verdict = Literal["fits", "tight", "too_big"]


@dataclass(frozen=True)
class ModelShape:
    layers: int
    heads: int
    kv_heads: int
    key_length: int
    value_length: int
    embedding: int
    feed_forward: int
    vocab: int

    @classmethod
    def from_gguf(cls, facts: GgufFacts) -> ModelShape:
        return cls(
            layers=facts.block_count,
            heads=facts.head_count,
            kv_heads=facts.head_count_kv,
            key_length=facts.key_length,
            value_length=facts.value_length,
            embedding=facts.embedding_length,
            feed_forward=facts.feed_forward_length,
            vocab=facts.vocab_size,
        )


@dataclass(frozen=True)
class MemoryEstimate:
    context_length: int
    weights_bytes: int
    kv_cache_bytes: int
    compute_bytes: int
    overhead_bytes: int = RUNTIME_OVERHEAD_BYTES

    @property
    def total_bytes(self) -> int:
        return self.weights_bytes + self.kv_cache_bytes + self.compute_bytes + self.overhead_bytes


def estimate_memory(shape: ModelShape, weights_bytes: int, context_length: int) -> MemoryEstimate:
    """Peak memory llama.cpp needs for this model at ``context_length`` tokens."""
    kv = (
        context_length
        * shape.layers
        * shape.kv_heads
        * (shape.key_length + shape.value_length)
        * KV_BYTES_PER_VALUE
    )
    per_token = shape.heads * context_length + 2 * shape.feed_forward + 4 * shape.embedding
    compute = MICRO_BATCH * per_token * FLOAT_BYTES + 2 * shape.vocab * FLOAT_BYTES
    return MemoryEstimate(context_length, weights_bytes, kv, compute)


@dataclass(frozen=True)
class FitReport:
    verdict: Verdict
    needed_bytes: int
    available_bytes: int
    where: str  # "memory" or "GPU memory"
    message: str


def format_bytes(value: int) -> str:
    if value >= GiB:
        return f"{value / GiB:.1f} GB"
    return f"{value / MiB:.0f} MB"


def headroom_bytes(total_bytes: int) -> int:
    """Memory to leave for everything else: 10 % of the total, at least 512 MB."""
    return max(512 * MiB, total_bytes // 10)


def assess_fit(estimate: MemoryEstimate, memory: MemorySnapshot, use_gpu: bool) -> FitReport:
    """fits: leaves the headroom free; tight: fits only by eating into it (expect other programs
    to be pushed to swap); too_big: more than is free."""
    if use_gpu and memory.gpu is not None:
        where, available, total = "GPU memory", memory.gpu.free_bytes, memory.gpu.total_bytes
    else:
        where, available, total = "memory", memory.available_bytes, memory.total_bytes
    needed = estimate.total_bytes
    need, free = format_bytes(needed), format_bytes(available)
    if needed + headroom_bytes(total) <= available:
        verdict: Verdict = "fits"
        message = f"fits: needs about {need}, {free} of {where} free"
    elif needed <= available:
        verdict = "tight"
        message = (
            f"tight: needs about {need} of the {free} of {where} free; close other programs first"
        )
    else:
        verdict = "too_big"
        message = f"too big: needs about {need}, only {free} of {where} free"
    return FitReport(verdict, needed, available, where, message)
