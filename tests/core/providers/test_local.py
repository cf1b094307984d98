"""The embedded llama.cpp provider, with the real SmolLM2 model."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from aideon_desktop.core.chat import GenerationParams, Message, TextDelta, Usage
from aideon_desktop.core.errors import ModelFileError, PromptTooLargeError
from aideon_desktop.core.providers.local import (
    LocalModelConfig,
    LocalModelProvider,
    resolve_gpu_layers,
    trim_to_fit,
)
from tests.support.streams import collect_events

collect = collect_events


def test_streams_text_then_exact_usage(local_provider: LocalModelProvider) -> None:
    deltas, usage, _ = collect(
        local_provider.stream([Message("user", "Say hello in one short sentence.")])
    )
    text = "".join(deltas)
    assert len(deltas) >= 2, "the answer should arrive as several deltas"
    assert text.strip()
    assert usage is not None and usage.estimated is False
    llm = local_provider.ensure_loaded()
    assert usage.completion_tokens == len(llm.tokenize(text.encode(), add_bos=False, special=True))
    assert usage.prompt_tokens == local_provider.count_prompt_tokens(
        [Message("user", "Say hello in one short sentence.")]
    )
    assert usage.time_to_first_token_s is not None and usage.time_to_first_token_s > 0


def test_cancel_mid_stream_then_model_still_answers(local_provider: LocalModelProvider) -> None:
    params = GenerationParams(max_tokens=200)
    received = []
    usage = None
    for event in local_provider.stream(
        [Message("user", "Count from one to one hundred in words.")], params=params
    ):
        if isinstance(event, TextDelta):
            received.append(event.text)
            if len(received) == 3:
                params.cancel.set()
        elif isinstance(event, Usage):
            usage = event
    assert len(received) == 3, "generation must stop within one token of the cancel"
    assert usage is not None and usage.finish_reason == "cancelled"
    deltas, usage2, _ = collect(local_provider.stream([Message("user", "Say yes.")]))
    assert "".join(deltas).strip() and usage2 is not None and usage2.finish_reason != "cancelled"


def test_concurrent_requests_complete_one_at_a_time(local_provider: LocalModelProvider) -> None:
    spans: dict[int, tuple[float, float]] = {}
    texts: dict[int, str] = {}

    def run(i: int) -> None:
        stamps, pieces = [], []
        for event in local_provider.stream([Message("user", f"Name a colour. ({i})")]):
            if isinstance(event, TextDelta):
                stamps.append(time.perf_counter())
                pieces.append(event.text)
        spans[i] = (stamps[0], stamps[-1])
        texts[i] = "".join(pieces)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert set(texts) == {0, 1} and all(texts.values())
    (_a0, a1), (b0, _b1) = sorted(spans.values())
    assert a1 <= b0, "token streams of two requests interleaved: generation was not serialized"


def test_conversation_longer_than_context_is_trimmed(model_path: Path) -> None:
    provider = LocalModelProvider(
        LocalModelConfig(
            model_path=model_path, context_length=512, max_tokens=16, idle_unload_seconds=0
        )
    )
    try:
        history = [Message("system", "You are terse.")]
        for i in range(40):
            history += [
                Message("user", f"Fact {i}: the sky was clear on day {i} of the long trip."),
                Message("assistant", f"Noted fact {i} about the weather on that day."),
            ]
        history.append(Message("user", "Say OK."))
        assert provider.count_prompt_tokens(history) > 512
        deltas, usage, _ = collect(provider.stream(history))
        assert usage is not None and usage.prompt_tokens <= 512
        assert "".join(deltas).strip()
    finally:
        provider.close()


def test_single_prompt_larger_than_context_is_a_clear_error(model_path: Path) -> None:
    provider = LocalModelProvider(
        LocalModelConfig(model_path=model_path, context_length=256, idle_unload_seconds=0)
    )
    try:
        with pytest.raises(PromptTooLargeError, match="context window"):
            collect(provider.stream([Message("user", "word " * 2000)]))
    finally:
        provider.close()


@pytest.mark.parametrize(
    ("content", "expected"),
    [(None, "not found"), (b"not a model at all", "not a GGUF"), ("truncate", "could not load")],
)
def test_bad_model_files_give_clear_errors(
    tmp_path: Path, model_path: Path, content, expected: str
) -> None:
    path = tmp_path / "model.gguf"
    if content == "truncate":
        path.write_bytes(model_path.read_bytes()[:4096])
    elif content is not None:
        path.write_bytes(content)
    provider = LocalModelProvider(LocalModelConfig(model_path=path))
    with pytest.raises(ModelFileError) as info:
        collect(provider.stream([Message("user", "hi")]))
    assert (expected in str(info.value) and str(path) in str(info.value)) or path.name in str(
        info.value
    )
    assert provider.state == "failed"


def test_idle_unload_and_reload(model_path: Path) -> None:
    provider = LocalModelProvider(
        LocalModelConfig(model_path=model_path, idle_unload_seconds=0.3, max_tokens=4)
    )
    try:
        _, _, notices = collect(provider.stream([Message("user", "Hi")]))
        assert notices and notices[0].kind == "model_loading"
        deadline = time.monotonic() + 10
        while provider.state != "unloaded" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert provider.state == "unloaded"
        _deltas, usage, _ = collect(provider.stream([Message("user", "Hi")]))
        assert usage is not None and provider.state == "ready"
    finally:
        provider.close()


def test_preload_runs_in_background(model_path: Path) -> None:
    provider = LocalModelProvider(LocalModelConfig(model_path=model_path, idle_unload_seconds=0))
    try:
        thread = provider.preload()
        thread.join(timeout=60)
        assert provider.state == "ready"
    finally:
        provider.close()


def test_trim_keeps_system_and_latest() -> None:
    msgs = [Message("system", "s")] + [
        Message("user" if i % 2 == 0 else "assistant", "x" * 10) for i in range(9)
    ]
    kept, tokens = trim_to_fit(msgs, lambda m: sum(len(x.content) for x in m), 35)
    assert kept[0].role == "system" and kept[-1] == msgs[-1]
    assert kept[1].role == "user" and tokens <= 35


def test_gpu_layers_auto() -> None:
    assert resolve_gpu_layers("auto", True) == -1
    assert resolve_gpu_layers("auto", False) == 0
    assert resolve_gpu_layers(12, True) == 12
