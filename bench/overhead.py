"""Per-request overhead of the app's cloud path against a loopback fake server.

Every client streams the same instant reply from the same fake Together server:
  direct                     httpx + httpx-sse, nothing else (the floor)
  aideon (default)           Assistant.ask as users run it: history on, encrypted with SQLCipher
                             (privacy scan of prompt and history, task, decision, provider
                             stream, the prompt committed before sending, one final transaction)
  aideon, history plain      the same with [history] storage = "plain"
  aideon, no store           the request path alone, for reference
  litellm                    LiteLLM's Router (installed only for this bench)
Every Assistant is set up as the app and `aideon serve` set theirs up: the privacy tables are
built by ``prepare()`` before the first request (which also freezes them out of the cyclic
collector's walks).  Overhead = median(client) - median(direct).  The headline is the default
row.  Run:

    uv run --with litellm python bench/overhead.py [requests]

Every request carries a new prompt, so scans are not served from the verdict cache and the
response cache (on, as by default) is looked up and written but never hit.  Every
client holds chats of up to 20 turns: each request sends the conversation so far plus the new
prompt, so all of them put the same messages on the wire.  Aideon reads that history from its
store (or, with no store, is handed it as the API server is) and scans every earlier turn; the
direct client and LiteLLM keep it in a list.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import keyring
from httpx_sse import connect_sse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

from aideon_desktop.core.privacy import prepare
from tests.fake_cloud import FakeCloud
from tests.support.keyring_backend import FILE_VARIABLE, FileKeyring

PROMPTS = (f"Write a haiku about autumn rain, number {i}." for i in itertools.count())
MODEL = "meta-llama/Llama-3.2-3B-Instruct-Turbo"
CHAT_TURNS = 20
KEY = "bench-key-0123456789"
TARGET = 0.1  # issue 15: default path overhead ≤ 0.1 × LiteLLM Router's


def interleaved(
    clients: dict[str, Callable[[], object]], runs: int, rounds: int = 10
) -> dict[str, list[float]]:
    """Time every client ``runs`` times in ``rounds`` blocks taken in turn, so that load from
    other programs falls on all of them alike (each block warms up first)."""
    samples: dict[str, list[float]] = {name: [] for name in clients}
    for _ in range(rounds):
        for name, fn in clients.items():
            for _ in range(5):
                fn()
            for _ in range(max(1, runs // rounds)):
                t0 = time.perf_counter()
                fn()
                samples[name].append((time.perf_counter() - t0) * 1000)
    return samples


def use_a_keyring(home: Path) -> str:
    """A file-backed keyring, so history is encrypted as on a desktop and the API key lives
    where Settings puts it (the database key is read once when the store opens, the API key
    once per KEY_TTL_S, so the backend's own speed hardly matters)."""
    os.environ[FILE_VARIABLE] = str(home / "keyring.json")
    keyring.set_keyring(FileKeyring())
    return "file-backed (tests/support/keyring_backend.py)"


class Chat:
    """A client-side conversation: the turns so far, restarted every CHAT_TURNS answers."""

    def __init__(self) -> None:
        self.turns: list[dict[str, str]] = []

    def messages(self, prompt: str) -> list[dict[str, str]]:
        return [*self.turns, {"role": "user", "content": prompt}]

    def answered(self, prompt: str, reply: str) -> None:
        self.turns += [{"role": "user", "content": prompt}, {"role": "assistant", "content": reply}]
        if len(self.turns) >= 2 * CHAT_TURNS:
            self.turns = []


def direct_client(fake: FakeCloud) -> Callable[[], None]:
    client = httpx.Client(base_url=fake.base_url + "/")
    chat = Chat()

    def direct() -> None:
        prompt = next(PROMPTS)
        body = {"model": MODEL, "messages": chat.messages(prompt), "stream": True}
        headers = {"Authorization": f"Bearer {KEY}"}
        pieces = []
        with connect_sse(client, "POST", "chat/completions", json=body, headers=headers) as src:
            for event in src.iter_sse():  # read to the end, so the connection is reused
                if event.data == "[DONE]":
                    continue
                for choice in json.loads(event.data).get("choices", []):
                    pieces.append(choice.get("delta", {}).get("content") or "")
        chat.answered(prompt, "".join(pieces))

    return direct


def aideon_client(storage: str | None, home: Path) -> tuple[Callable[[], None], Callable[[], None]]:
    from aideon_desktop.core.answering import AskRequest, Assistant
    from aideon_desktop.core.chat import Message
    from aideon_desktop.core.config import load_settings

    os.environ["AIDEON_HOME"] = str(home / (storage or "nostore"))
    settings = load_settings().settings
    settings.provider("huggingface").enabled = False
    if storage is not None:
        settings.history.storage = storage  # type: ignore[assignment]
    assistant = Assistant(settings, use_store=storage is not None)
    if assistant.store is not None and assistant.store.unavailable:
        raise SystemExit(
            f"history is not being saved, nothing to measure: {assistant.store.unavailable}"
        )
    conversation: list[int | None] = [None]
    turns = [0]
    chat = Chat()  # with no store, the caller hands the history in (as the API server does)

    def ask() -> None:
        prompt = next(PROMPTS)
        if storage is None:
            history = tuple(Message(t["role"], t["content"]) for t in chat.turns)  # type: ignore[arg-type]
            request = AskRequest(prompt, history=history)
        else:
            request = AskRequest(prompt, conversation_id=conversation[0], new_conversation=True)
        answer = assistant.ask(request).drain()
        assert answer.route is not None and answer.route.provider == "together"
        chat.answered(prompt, answer.text)
        turns[0] += 1
        conversation[0] = answer.conversation_id if turns[0] % CHAT_TURNS else None

    return ask, assistant.close


def litellm_client(fake: FakeCloud) -> Callable[[], None] | None:
    try:
        from litellm import Router
    except ImportError:
        print("(litellm not installed: run with `uv run --with litellm`)")
        return None
    params = {"model": f"openai/{MODEL}", "api_base": fake.base_url, "api_key": KEY}
    router = Router(model_list=[{"model_name": "bench", "litellm_params": params}])
    chat = Chat()

    def call() -> None:
        prompt = next(PROMPTS)
        pieces = []
        for chunk in router.completion(model="bench", messages=chat.messages(prompt), stream=True):
            pieces.extend(choice.delta.content or "" for choice in chunk.choices)
        chat.answered(prompt, "".join(pieces))

    return call


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    home = Path(tempfile.mkdtemp(prefix="aideon-bench-"))
    with FakeCloud("together") as fake:
        os.environ["AIDEON_TOGETHER_BASE_URL"] = fake.base_url
        for name in ("TOGETHER_API_KEY", "HF_TOKEN"):
            os.environ.pop(name, None)
        backend = use_a_keyring(home)
        from aideon_desktop.core import secrets

        secrets.set_api_key("together", KEY)  # in the keyring, as Settings saves it
        clients: dict[str, Callable[[], object]] = {"direct": direct_client(fake)}
        closers = []
        for label, storage in (
            ("aideon (default: history on, encrypted)", "encrypted"),
            ("aideon, history plain", "plain"),
            ("aideon, no store", None),
        ):
            clients[label], close = aideon_client(storage, home)
            closers.append(close)
        prepare()  # as the app and `aideon serve` do at start-up (tables built, then frozen)
        litellm = litellm_client(fake)
        if litellm is not None:
            clients["litellm Router"] = litellm
        results = interleaved(clients, runs)
        for close in closers:
            close()
    shutil.rmtree(home, ignore_errors=True)
    report(results, runs, backend)


def report(results: dict[str, list[float]], runs: int, backend: str) -> None:
    floor = statistics.median(results["direct"])
    print(f"{runs} streamed requests per client against a loopback fake Together server")
    print(f"keyring: {backend}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    print(f"{'client':42} {'p50 ms':>8} {'p99 ms':>8} {'overhead p50':>13}")
    for name, samples in results.items():
        p50, p99 = statistics.median(samples), statistics.quantiles(samples, n=100)[98]
        print(f"{name:42} {p50:8.2f} {p99:8.2f} {p50 - floor:12.2f}ms")
    if "litellm Router" in results:
        ours = statistics.median(results["aideon (default: history on, encrypted)"]) - floor
        theirs = statistics.median(results["litellm Router"]) - floor
        verdict = "meets" if ours / theirs <= TARGET else "misses"
        print(
            f"\nheadline: aideon default overhead / LiteLLM Router overhead = {ours / theirs:.3f} "
            f"({verdict} the target ≤ {TARGET})"
        )


if __name__ == "__main__":
    main()
