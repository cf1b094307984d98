"""Privacy scan latency of this tree beside a baseline tree, and where a scan's time goes.

    uv run python bench/privacy_speed.py --baseline /work/main   (p50/p99, both trees)
    uv run python bench/privacy_speed.py --detectors             (per detector, this tree)

The latency table covers a short chat prompt (100 characters, scanned on every answer) and
bench/privacy.py's 2,000-, 64,000-character and mixed-script texts.  Each tree is measured in a
worker process of its own (the same texts, the same interpreter and packages); the workers
take turns, a slice of the texts at a time, so that load from the rest of the (shared) machine
falls on both alike.  ``--detectors`` times each detector's ``find`` and each shared scan of
``ScanContext`` on its own (exclusive times: a shared scan computed inside a detector is
counted once, as the scan's).
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SIZES: tuple[tuple[str, int, int], ...] = (
    ("100 ch", 100, 3_000),
    ("2000 ch", 2_000, 400),
    ("64000 ch", 64_000, 100),
    ("64000 mixed", 64_000, 30),
)
SLICES = 4  # turns each tree takes per size


def texts_for(label: str, size: int, runs: int) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from bench.privacy import mixed_script_texts, sample_texts

    return mixed_script_texts(size, runs) if "mixed" in label else sample_texts(size, runs)


def worker(root: str, texts_file: str) -> None:
    """Scan the texts with the tree at ``root``; print the milliseconds of each as JSON."""
    sys.path.insert(0, root)
    from aideon_desktop.core.privacy import prepare, scan

    prepare()
    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    scan(texts[0])
    samples = []
    for text in texts:
        t0 = time.perf_counter()
        scan(text)
        samples.append((time.perf_counter() - t0) * 1000)
    print(json.dumps(samples))


def measure(roots: list[Path], texts: list[str]) -> list[list[float]]:
    samples: list[list[float]] = [[] for _ in roots]
    step = -(-len(texts) // SLICES)
    with tempfile.TemporaryDirectory() as tmp:
        for turn, at in enumerate(range(0, len(texts), step)):
            piece = Path(tmp) / f"texts{turn}.json"
            piece.write_text(json.dumps(texts[at : at + step]), encoding="utf-8")
            order = list(enumerate(roots))
            for i, root in order[turn % len(order) :] + order[: turn % len(order)]:
                out = subprocess.run(
                    [sys.executable, __file__, "--worker", str(root), str(piece)],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                samples[i] += json.loads(out.stdout)
    return samples


def latency(baseline: Path | None) -> None:
    roots = [ROOT] + ([baseline] if baseline else [])
    names = ["this tree"] + ([f"baseline {baseline}"] if baseline else [])
    print("scan latency, ms (one process per tree, turns interleaved)")
    for name, root in zip(names, roots, strict=True):
        print(f"  {name}: {root}")
    head = "".join(f"{n[:14] + ' p50':>20}{n[:14] + ' p99':>20}" for n in names)
    print(f"{'prompt':12}{head}")
    for label, size, runs in SIZES:
        samples = measure(roots, texts_for(label, size, runs))
        cells = "".join(
            f"{statistics.median(xs):20.3f}{statistics.quantiles(xs, n=100)[98]:20.3f}"
            for xs in samples
        )
        print(f"{label:12}{cells}", flush=True)


class Timer:
    """Exclusive wall time per name: a timed call inside another is taken off the outer one."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self._stack = [0.0]

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            self._stack.append(0.0)
            try:
                result = fn(*args, **kwargs)
                return list(result) if hasattr(result, "__next__") else result
            finally:
                spent = time.perf_counter() - t0
                inner = self._stack.pop()
                self._stack[-1] += spent
                self.totals[name] = self.totals.get(name, 0.0) + spent - inner

        return timed


def instrument(timer: Timer) -> None:
    """Time every detector's ``find``/``complete`` and every shared scan of ScanContext."""
    from aideon_desktop.core.privacy import registry
    from aideon_desktop.core.privacy.context import ScanContext

    for d in registry.detectors():
        d.find = timer.wrap(d.name, d.find)  # type: ignore[method-assign]
        if isinstance(d, registry.RecordDetector):
            d.complete = timer.wrap(d.name, d.complete)  # type: ignore[method-assign]
    for name, attr in list(vars(ScanContext).items()):
        if isinstance(attr, functools.cached_property):
            prop = functools.cached_property(timer.wrap(f"context.{name}", attr.func))
            prop.__set_name__(ScanContext, name)
            setattr(ScanContext, name, prop)
    ScanContext.__init__ = timer.wrap("context (normalize)", ScanContext.__init__)  # type: ignore[method-assign]


def detectors() -> None:
    sys.path.insert(0, str(ROOT))
    from aideon_desktop.core.privacy import prepare, scan

    prepare()
    timer = Timer()
    instrument(timer)
    for label, size, runs in SIZES[:3]:
        texts = texts_for(label, size, max(20, runs // 10))
        timer.totals.clear()
        t0 = time.perf_counter()
        for text in texts:
            scan(text)
        whole = (time.perf_counter() - t0) * 1000 / len(texts)
        print(f"\n{label}: {whole:.3f} ms a scan (instrumented), exclusive ms per scan")
        ranked = sorted(timer.totals.items(), key=lambda kv: -kv[1])
        for name, spent in ranked[:25]:
            ms = spent * 1000 / len(texts)
            print(f"  {name:36}{ms:8.3f}{ms / whole * 100:7.1f} %")


def main() -> None:
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--detectors", action="store_true", help="time each detector")
    args = parser.parse_args()
    if args.detectors:
        detectors()
    else:
        latency(args.baseline)


if __name__ == "__main__":
    main()
