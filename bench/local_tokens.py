"""Embedded model speed, in two parts.

1. Raw llama-cpp-python streaming vs the same through the app's provider: same model file,
   threads, context, prompt, greedy sampling and token budget; runs alternate so both see the
   same machine state.  Prints tokens/s and time-to-first-token per run, the medians, and the
   app/raw ratio.
2. Threads under load: the provider with every fixed thread count from 1 to the physical cores,
   and with the default (threads = 0: the cores other programs leave free, re-checked while it
   runs), on a quiet machine and with a one-core CPU hog (another process spinning) beside it.
   Configurations alternate within each round.  Prints the median tokens/s of each, the
   default's ratio to the best fixed count (targets: >= 0.95 quiet, >= 0.9 loaded), and how
   many cores other processes really used meanwhile (on a shared machine "quiet" may not be).

Both rates count streamed text pieces (one per token) from the first piece to the end of the
stream.   Run: uv run python bench/local_tokens.py [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections import Counter

import llama_cpp
from llama_cpp import Llama
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

from aideon_desktop.core.chat import GenerationParams, Message, TextDelta
from aideon_desktop.core.hardware import physical_cores
from aideon_desktop.core.local_models.threads import CpuLoadMonitor
from aideon_desktop.core.model_files import default_model_path
from aideon_desktop.core.providers.local import LocalModelConfig, LocalModelProvider

PROMPT = "Write a short story about a lighthouse keeper who befriends a seagull."
MAX_TOKENS = 128
CTX = 2048


def raw_run(llm: Llama, formatter: Jinja2ChatFormatter) -> tuple[float, float, int]:
    start = time.perf_counter()
    formatted = formatter(messages=[{"role": "user", "content": PROMPT}])
    first = None
    tokens = 0
    for chunk in llm.create_completion(
        formatted.prompt, max_tokens=MAX_TOKENS, temperature=0.0, stop=formatted.stop, stream=True
    ):
        if chunk["choices"][0]["text"]:
            first = first or time.perf_counter()
            tokens += 1
    end = time.perf_counter()
    return tokens / (end - first), first - start, tokens


def app_run(provider: LocalModelProvider) -> tuple[float, float, int]:
    start = time.perf_counter()
    first = None
    tokens = 0
    for event in provider.stream(
        [Message("user", PROMPT)], params=GenerationParams(max_tokens=MAX_TOKENS, temperature=0.0)
    ):
        if isinstance(event, TextDelta):
            first = first or time.perf_counter()
            tokens += 1
    end = time.perf_counter()
    return tokens / (end - first), first - start, tokens


def raw_vs_app(runs: int) -> None:
    path = default_model_path()
    threads = physical_cores()
    llm = Llama(str(path), n_ctx=CTX, n_threads=threads, n_threads_batch=threads, verbose=False)
    eos = llm.detokenize([llm.token_eos()], special=True).decode()
    bos = llm.detokenize([llm.token_bos()], special=True).decode()
    formatter = Jinja2ChatFormatter(
        llm.metadata["tokenizer.chat_template"], eos_token=eos, bos_token=bos
    )
    provider = LocalModelProvider(
        LocalModelConfig(
            model_path=path, context_length=CTX, threads=threads, idle_unload_seconds=0
        )
    )
    provider.ensure_loaded()
    raw_run(llm, formatter)  # warm both
    app_run(provider)
    raw, app = [], []
    print(
        f"model {path.name}, threads {threads}, n_ctx {CTX}, max_tokens {MAX_TOKENS}, {runs} runs each"
    )
    print(f"{'run':>3} {'raw tok/s':>10} {'raw TTFT ms':>12} {'app tok/s':>10} {'app TTFT ms':>12}")
    for i in range(runs):
        r = raw_run(llm, formatter)
        a = app_run(provider)
        raw.append(r)
        app.append(a)
        print(f"{i + 1:>3} {r[0]:10.1f} {r[1] * 1000:12.1f} {a[0]:10.1f} {a[1] * 1000:12.1f}")
    raw_tps, app_tps = statistics.median(x[0] for x in raw), statistics.median(x[0] for x in app)
    raw_ttft, app_ttft = statistics.median(x[1] for x in raw), statistics.median(x[1] for x in app)
    print(
        f"median  raw {raw_tps:.1f} tok/s, TTFT {raw_ttft * 1000:.1f} ms | app {app_tps:.1f} tok/s, TTFT {app_ttft * 1000:.1f} ms"
    )
    print(f"app/raw tokens/s ratio: {app_tps / raw_tps:.3f} (target >= 0.97)")
    print(f"TTFT overhead: {(app_ttft - raw_ttft) * 1000:+.1f} ms (target <= 15 ms)")
    provider.close()
    llm.close()


def threads_under_load(runs: int) -> None:
    path = default_model_path()
    cores = physical_cores()
    configs: dict[str, int] = {f"{n} thread{'s' if n > 1 else ''}": n for n in range(1, cores + 1)}
    configs["default (0)"] = 0
    providers = {
        label: LocalModelProvider(
            LocalModelConfig(model_path=path, context_length=CTX, threads=n, idle_unload_seconds=0)
        )
        for label, n in configs.items()
    }
    for provider in providers.values():
        provider.ensure_loaded()
        app_run(provider)  # warm
    print(
        f"\nthreads under load: {path.name}, {cores} physical cores, n_ctx {CTX}, "
        f"max_tokens {MAX_TOKENS}, {runs} rounds per condition (configurations alternate)"
    )
    results: dict[str, dict[str, list[tuple[float, float, int]]]] = {}
    chosen: dict[str, Counter[int]] = {}
    for condition in ("quiet", "loaded"):
        hog = None
        if condition == "loaded":
            hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
            time.sleep(1.5)  # the load monitor has seen it
        load = os.getloadavg()[0]
        others = CpuLoadMonitor()  # CPU used by other processes (the hog included) meanwhile
        started = time.monotonic()
        try:
            results[condition] = {label: [] for label in configs}
            chosen[condition] = Counter()
            for round_no in range(runs):
                labels = list(configs)
                labels = labels[round_no % len(labels) :] + labels[: round_no % len(labels)]
                for label in labels:
                    results[condition][label].append(app_run(providers[label]))
                    if configs[label] == 0:  # the thread count the default ended the run with
                        ctx = providers[label].ensure_loaded().ctx
                        chosen[condition][llama_cpp.llama_n_threads(ctx)] += 1
            busy = others.sample()
        finally:
            if hog is not None:
                hog.kill()
                hog.wait()
        print(
            f"  {condition}: load average at start {load:.2f}; other processes kept "
            f"{busy:.2f} cores busy on average over the {time.monotonic() - started:.0f} s"
        )
    median = {
        c: {label: statistics.median(r[0] for r in runs_) for label, runs_ in per.items()}
        for c, per in results.items()
    }
    ttft = {
        c: {label: statistics.median(r[1] for r in runs_) for label, runs_ in per.items()}
        for c, per in results.items()
    }
    print(
        f"{'threads':>14} {'quiet tok/s':>12} {'quiet TTFT ms':>14} {'loaded tok/s':>13} {'loaded TTFT ms':>15}"
    )
    for label in configs:
        print(
            f"{label:>14} {median['quiet'][label]:12.1f} {ttft['quiet'][label] * 1000:14.1f} "
            f"{median['loaded'][label]:13.1f} {ttft['loaded'][label] * 1000:15.1f}"
        )
    for condition, counts in chosen.items():
        summary = ", ".join(f"{n} thread(s) in {k} runs" for n, k in sorted(counts.items()))
        print(f"{condition}: the default ended its runs with {summary}")
    for condition, target in (("quiet", 0.95), ("loaded", 0.9)):
        fixed = {k: v for k, v in median[condition].items() if k != "default (0)"}
        best_label = max(fixed, key=fixed.get)
        ratio = median[condition]["default (0)"] / fixed[best_label]
        verdict = "meets" if ratio >= target else "MISSES"
        print(
            f"{condition}: default / best fixed ({best_label}) = {ratio:.3f} "
            f"(target >= {target}; {verdict})"
        )
    for provider in providers.values():
        provider.close()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    raw_vs_app(runs)
    threads_under_load(runs)


if __name__ == "__main__":
    main()
