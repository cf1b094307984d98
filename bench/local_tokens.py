"""Embedded model speed: raw llama-cpp-python streaming vs the same through the app's provider.

Same model file, threads, context, prompt, greedy sampling and token budget; runs alternate
so both see the same machine state.  Both rates count streamed text pieces (one per token)
from the first piece to the end of the stream, so they compare the same output.  Prints tokens/s and time-to-first-token per run, the
medians, and the app/raw ratio.   Run: uv run python bench/local_tokens.py [runs]
"""

from __future__ import annotations

import statistics
import sys
import time

from llama_cpp import Llama
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

from aideon_desktop.core.chat import GenerationParams, Message, TextDelta
from aideon_desktop.core.hardware import physical_cores
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


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
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


if __name__ == "__main__":
    main()
