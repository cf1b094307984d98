"""Full-batch Adam, as both training scripts fit their linear models (deterministic: the same
gradients give the same weights)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def adam(
    params: list[np.ndarray], grads: Callable[[], list[np.ndarray]], steps: int, rate: float
) -> None:
    """Update ``params`` in place for ``steps`` steps; ``grads()`` reads them as they stand."""
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for t in range(1, steps + 1):
        for p, g, (m, v) in zip(params, grads(), moments, strict=True):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= rate * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
