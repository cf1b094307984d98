"""Per-request overhead of the app's full cloud path against a loopback fake server.

Three clients stream the same instant reply from the same fake Together server:
  direct   httpx + httpx-sse, nothing else (the floor)
  aideon   Assistant.ask: privacy scan + task + decision + provider stream + usage accounting
  litellm  LiteLLM's Router (installed only for this bench)
Overhead = median(client) - median(direct).  Run:

    LITELLM_LOCAL_MODEL_COST_MAP=True uv run --with litellm python bench/overhead.py [requests]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from httpx_sse import connect_sse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

from tests.fake_cloud import FakeCloud

PROMPT = "Write a haiku about autumn rain."
MODEL = "meta-llama/Llama-3.2-3B-Instruct-Turbo"


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    for _ in range(20):
        fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with FakeCloud("together") as fake:
        os.environ.update(
            {
                "TOGETHER_API_KEY": "bench-key-0123456789",
                "AIDEON_TOGETHER_BASE_URL": fake.base_url,
                "AIDEON_HOME": str(Path("/tmp/aideon-bench-home")),
            }
        )
        os.environ.pop("HF_TOKEN", None)
        client = httpx.Client(base_url=fake.base_url + "/")

        def direct() -> None:
            body = {
                "model": MODEL,
                "messages": [{"role": "user", "content": PROMPT}],
                "stream": True,
            }
            with connect_sse(
                client,
                "POST",
                "chat/completions",
                json=body,
                headers={"Authorization": "Bearer bench-key-0123456789"},
            ) as source:
                for event in source.iter_sse():
                    if event.data == "[DONE]":
                        break
                    json.loads(event.data)

        from aideon_desktop.core.answering import AskRequest, Assistant
        from aideon_desktop.core.config import load_settings

        settings = load_settings().settings
        settings.provider("huggingface").enabled = False
        settings.routing.cache_max_entries = 0  # measure the request path, not cache hits
        assistant = Assistant(settings, use_store=False)

        def aideon() -> None:
            answer = assistant.ask(AskRequest(PROMPT)).drain()
            assert answer.route is not None and answer.route.provider == "together"

        results = {"direct": timed(direct, runs), "aideon": timed(aideon, runs)}
        stored = Assistant(settings)

        def aideon_with_store() -> None:
            stored.ask(AskRequest(PROMPT, new_conversation=True)).drain()

        results["aideon+history"] = timed(aideon_with_store, max(50, runs // 3))
        try:
            from litellm import Router

            router = Router(
                model_list=[
                    {
                        "model_name": "bench",
                        "litellm_params": {
                            "model": f"openai/{MODEL}",
                            "api_base": fake.base_url,
                            "api_key": "bench-key-0123456789",
                        },
                    }
                ]
            )

            def litellm_router() -> None:
                for _ in router.completion(
                    model="bench", messages=[{"role": "user", "content": PROMPT}], stream=True
                ):
                    pass

            results["litellm"] = timed(litellm_router, runs)
        except ImportError:
            print("(litellm not installed: run with `uv run --with litellm`)")
        assistant.close()
        stored.close()

    floor = statistics.median(results["direct"])
    print(f"{runs} streamed requests each against a loopback fake Together server\n")
    print(f"{'client':16} {'p50 ms':>8} {'p99 ms':>8} {'overhead p50':>13}")
    for name, samples in results.items():
        p50, p99 = statistics.median(samples), statistics.quantiles(samples, n=100)[98]
        print(f"{name:16} {p50:8.2f} {p99:8.2f} {p50 - floor:12.2f}ms")
    if "litellm" in results:
        ours = statistics.median(results["aideon"]) - floor
        theirs = statistics.median(results["litellm"]) - floor
        print(f"\naideon overhead / litellm overhead = {ours / theirs:.2f} (target <= 0.5)")


if __name__ == "__main__":
    main()
