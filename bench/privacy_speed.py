"""Privacy scan latency of this tree beside a baseline tree, and where a scan's time goes.

    uv run python bench/privacy_speed.py --baseline /work/main   (p50/p99, both trees)
    uv run python bench/privacy_speed.py --detectors             (per detector, this tree)

The latency table covers a short chat prompt (100 characters, scanned on every answer) and
bench/privacy.py's 2,000-, 64,000-character and mixed-script texts.  Each tree is measured in a
worker process of its own (the same texts, the same interpreter and packages), kept for the
whole run; the workers take turns text by text, so that load from the rest of the (shared)
machine falls on both alike.  ``--detectors`` times each detector's ``find`` and each shared scan of
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


def texts_for(label: str, size: int, runs: int) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from bench.privacy import mixed_script_texts, sample_texts

    return mixed_script_texts(size, runs) if "mixed" in label else sample_texts(size, runs)


def worker(root: str) -> None:
    """Serve scans with the tree at ``root``: read a JSON text per line, answer the
    milliseconds its scan took (wall clock, and this process's CPU time: the fastest of the
    repeats) and the CPU time of its first scan (what a user meets: a text is scanned once)."""
    sys.path.insert(0, root)
    from aideon_desktop.core.privacy import prepare, scan

    prepare()
    print("ready", flush=True)
    for line in sys.stdin:
        text, repeat = json.loads(line)
        best = [float("inf"), float("inf")]
        first = None
        for _ in range(repeat):  # the fastest of ``repeat`` scans: the least disturbed one
            t0, c0 = time.perf_counter(), time.process_time()
            scan(text)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            best = [min(best[0], wall * 1000), min(best[1], cpu * 1000)]
            first = cpu * 1000 if first is None else first
        print(json.dumps([*best, first]), flush=True)


class Worker:
    """A worker process of one tree, kept for the whole run."""

    def __init__(self, root: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        if self.proc.stdout.readline().strip() != "ready":
            raise RuntimeError(f"the worker for {root} did not start")

    def scan(self, text: str, repeat: int) -> tuple[float, float, float]:
        """(fastest wall ms, fastest CPU ms, first scan's CPU ms) of ``repeat`` scans."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps([text, repeat]) + "\n")
        self.proc.stdin.flush()
        wall, cpu, first = json.loads(self.proc.stdout.readline())
        return wall, cpu, first

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait()


def measure(
    workers: list[Worker], texts: list[str], repeat: int
) -> list[list[tuple[float, float, float]]]:
    """Each text is scanned by every tree in turn (the first tree changing text by text), so
    that both see the machine's load of the same moment."""
    samples: list[list[tuple[float, float, float]]] = [[] for _ in workers]
    for i, text in enumerate(texts):
        order = list(enumerate(workers))
        for k, worker in order[i % len(order) :] + order[: i % len(order)]:
            samples[k].append(worker.scan(text, repeat))
    return samples


def latency(baseline: Path | None, repeat: int = 1) -> None:
    roots = [ROOT] + ([baseline] if baseline else [])
    names = ["this tree"] + (["baseline"] if baseline else [])
    print("scan latency, ms: wall clock p50 / p99, then CPU time p50 / p99 (the machine is shared:")
    print("CPU time is less disturbed by other processes); texts alternate between the trees")
    if repeat > 1:
        print(f"each text scanned {repeat} times, its fastest scan counted (load filtered out);")
        print("'1st p99': CPU p99 of each text's first scan (what a user meets: cold caches count)")
    for name, root in zip(names, roots, strict=True):
        print(f"  {name}: {root}")
    head = "".join(
        f"{n[:9] + ' p50':>14}{n[:9] + ' p99':>14}{'cpu p50':>9}{'cpu p99':>9}{'1st p99':>9}"
        for n in names
    )
    print(f"{'prompt':12}{head}")
    workers = [Worker(root) for root in roots]
    try:
        for label, size, runs in SIZES:
            samples = measure(workers, texts_for(label, size, runs), repeat)
            cells = ""
            for xs in samples:
                wall = [x[0] for x in xs]
                cpu = [x[1] for x in xs]
                p99 = statistics.quantiles(wall, n=100)[98]
                cpu_p99 = statistics.quantiles(cpu, n=100)[98]
                first_p99 = statistics.quantiles([x[2] for x in xs], n=100)[98]
                cells += f"{statistics.median(wall):14.3f}{p99:14.3f}"
                cells += f"{statistics.median(cpu):9.3f}{cpu_p99:9.3f}{first_p99:9.3f}"
            print(f"{label:12}{cells}", flush=True)
    finally:
        for worker in workers:
            worker.close()


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
    from aideon_desktop.core.privacy.context import OncePerScan, ScanContext

    for d in registry.detectors():
        d.find = timer.wrap(d.name, d.find)  # type: ignore[method-assign]
        if isinstance(d, registry.RecordDetector):
            d.complete = timer.wrap(d.name, d.complete)  # type: ignore[method-assign]
    for name, attr in list(vars(ScanContext).items()):
        if isinstance(attr, functools.cached_property | OncePerScan):
            prop = type(attr)(timer.wrap(f"context.{name}", attr.func))
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
        worker(sys.argv[2])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--detectors", action="store_true", help="time each detector")
    parser.add_argument(
        "--repeat", type=int, default=1, help="scans per text; the fastest counts (default 1)"
    )
    args = parser.parse_args()
    if args.detectors:
        detectors()
    else:
        latency(args.baseline, args.repeat)


if __name__ == "__main__":
    main()
