"""The embedded llama.cpp provider, with the real SmolLM2 model."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# ---------------------------------------------------------------- provider protocol & trimming
def test_provider_protocol_attributes() -> None:
    assert LocalModelProvider.name == "local" and LocalModelProvider.trusted is True


def _old_trim(messages, count_tokens, budget):
    """The turn-by-turn trim this replaced (quadratic), kept as the reference behaviour."""
    system = messages[:1] if messages and messages[0].role == "system" else []
    rest = messages[len(system) :]
    tokens = count_tokens(system + rest)
    while tokens > budget and len(rest) > 1:
        rest = rest[1:]
        while len(rest) > 1 and rest[0].role == "assistant":
            rest = rest[1:]
        tokens = count_tokens(system + rest)
    return system + rest, tokens


@given(
    roles=st.lists(st.sampled_from(["user", "assistant", "system"]), min_size=0, max_size=40),
    lengths=st.lists(st.integers(min_value=0, max_value=30), min_size=40, max_size=40),
    leading_system=st.booleans(),
    budget=st.integers(min_value=0, max_value=400),
)
@settings(max_examples=300, deadline=None)
def test_trim_keeps_exactly_what_the_old_trim_kept(roles, lengths, leading_system, budget) -> None:
    messages = [Message("system", "rules")] if leading_system else []
    messages += [Message(r, "x" * n) for r, n in zip(roles, lengths, strict=False)]

    def count(msgs: list[Message]) -> int:
        return sum(len(m.content) + 3 for m in msgs)

    assert trim_to_fit(messages, count, budget) == _old_trim(messages, count, budget)


def _conversation(turns: int) -> list[Message]:
    history = [Message("system", "You are terse.")]
    for i in range(turns):
        history += [
            Message("user", f"Fact {i}: the sky was clear on day {i} of the trip."),
            Message("assistant", f"Noted fact {i}."),
        ]
    return [*history, Message("user", "Say OK.")]


def test_trimming_cost_does_not_grow_faster_than_the_conversation(
    local_provider: LocalModelProvider,
) -> None:
    """10,000 and 20,000 turns, trimmed with the real model's template and tokenizer.  The old
    trim took 181 s for 1,000 turns and grew with the square of the length."""
    timings, work = {}, {}
    for turns in (10_000, 20_000):
        history = _conversation(turns)
        counted = [0]

        def count(msgs: list[Message], counted=counted) -> int:
            counted[0] += len(msgs)
            return local_provider.count_prompt_tokens(msgs)

        best = float("inf")
        for _ in range(3):
            counted[0] = 0
            started = time.perf_counter()
            kept, tokens = trim_to_fit(history, count, 1536)
            best = min(best, time.perf_counter() - started)
        assert tokens <= 1536 and kept[-1].content == "Say OK." and kept[0].role == "system"
        assert local_provider.count_prompt_tokens(kept) == tokens
        timings[turns], work[turns] = best, counted[0]
    assert timings[20_000] < 3 * timings[10_000], timings  # linear: ~2x; quadratic: ~4x
    assert work[20_000] <= 2 * work[10_000] + 200, work


class _FitSpy(LocalModelProvider):
    """The real provider, recording when it has finished fitting a conversation."""

    fitted: threading.Event

    def _fit(self, *args, **kwargs):
        result = super()._fit(*args, **kwargs)
        self.fitted.set()
        return result


def test_a_long_conversation_is_fitted_while_another_answer_holds_the_model(
    model_path: Path,
) -> None:
    provider = _FitSpy(
        LocalModelConfig(model_path=model_path, context_length=1024, idle_unload_seconds=0)
    )
    provider.fitted = threading.Event()
    try:
        first = provider.stream(
            [Message("user", "Count to fifty.")], params=GenerationParams(max_tokens=64)
        )
        assert isinstance(next(e for e in first if isinstance(e, TextDelta)), TextDelta)
        provider.fitted.clear()  # the first answer is now generating and holds the lock
        second: list = []
        worker = threading.Thread(
            target=lambda: second.extend(
                provider.stream(_conversation(2_000), params=GenerationParams(max_tokens=8))
            )
        )
        worker.start()
        assert provider.fitted.wait(timeout=60), "fitting waited for the other answer"
        assert worker.is_alive() and not second  # it now waits its turn to generate
        first.close()  # the first answer ends; the second one runs
        worker.join(timeout=60)
        assert isinstance(second[-1], Usage) and second[-1].prompt_tokens <= 1024
    finally:
        provider.close()


# ----------------------------------------------------------------------------- switching
SECOND_TEMPLATE = (
    "{% for message in messages %}<<{{ message['role'] | upper }}>> {{ message['content'] }}\n"
    "{% endfor %}{% if add_generation_prompt %}<<ASSISTANT>> {% endif %}"
)


@pytest.fixture(scope="module")
def second_model(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled GGUF rewritten with another name and chat template (the gguf package)."""
    import gguf
    from gguf.scripts.gguf_new_metadata import MetadataDetails, copy_with_new_metadata

    out = tmp_path_factory.mktemp("models") / "smollm2-other-template.gguf"
    reader = gguf.GGUFReader(model_path, "r")
    arch = reader.get_field(gguf.Keys.General.ARCHITECTURE).contents()
    writer = gguf.GGUFWriter(out, arch=arch, endianess=reader.endianess)
    string = gguf.GGUFValueType.STRING
    copy_with_new_metadata(
        reader,
        writer,
        {
            gguf.Keys.Tokenizer.CHAT_TEMPLATE: MetadataDetails(string, SECOND_TEMPLATE),
            gguf.Keys.General.NAME: MetadataDetails(string, "SmolLM2 other template"),
        },
        [],
    )
    return out


def test_switching_models_uses_each_files_own_template_without_a_restart(
    model_path: Path, second_model: Path
) -> None:
    provider = LocalModelProvider(
        LocalModelConfig(model_path=model_path, context_length=1024, idle_unload_seconds=0)
    )
    chat = [Message("system", "Be brief."), Message("user", "Name a colour.")]
    params = GenerationParams(max_tokens=32, temperature=0.0)
    try:
        first = provider.render_prompt(chat)
        assert first.startswith("<|im_start|>system\nBe brief.<|im_end|>")
        deltas, usage, _ = collect(provider.stream(chat, params=params))
        assert "".join(deltas).strip() and usage is not None

        provider.switch_model(second_model)
        assert provider.state == "unloaded" and provider.model_label == second_model.stem
        second = provider.render_prompt(chat)
        assert second == "<<SYSTEM>> Be brief.\n<<USER>> Name a colour.\n<<ASSISTANT>> "
        deltas, usage, _ = collect(provider.stream(chat, params=params))
        assert "".join(deltas).strip() and usage is not None
        assert usage.prompt_tokens == provider.count_prompt_tokens(chat)

        provider.switch_model(model_path)
        assert provider.render_prompt(chat) == first
    finally:
        provider.close()


def test_an_answer_in_progress_finishes_on_the_old_model(
    model_path: Path, second_model: Path
) -> None:
    provider = LocalModelProvider(
        LocalModelConfig(model_path=model_path, context_length=1024, idle_unload_seconds=0)
    )
    try:
        stream = provider.stream(
            [Message("user", "Count to twenty.")], params=GenerationParams(max_tokens=32)
        )
        next(e for e in stream if isinstance(e, TextDelta))
        provider.switch_model(second_model)  # mid-answer
        rest = list(stream)
        assert isinstance(rest[-1], Usage) and rest[-1].completion_tokens > 1
        assert provider.render_prompt([Message("user", "hi")]).startswith("<<USER>>")
    finally:
        provider.close()


def test_switching_to_a_missing_file_is_refused_and_keeps_the_current_model(
    local_provider: LocalModelProvider, tmp_path: Path, model_path: Path
) -> None:
    with pytest.raises(ModelFileError, match="not found"):
        local_provider.switch_model(tmp_path / "nope.gguf")
    assert local_provider.model_path == model_path and local_provider.state == "ready"


# ----------------------------------------------------------------------------- threads
@pytest.mark.slow
def test_threads_drop_when_another_program_keeps_a_core_busy(model_path: Path) -> None:
    import llama_cpp

    from aideon_desktop.core.hardware import physical_cores

    if physical_cores() < 2:
        pytest.skip("needs two cores to leave one free")
    provider = LocalModelProvider(
        LocalModelConfig(model_path=model_path, context_length=1024, idle_unload_seconds=0)
    )
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        provider.ensure_loaded()
        time.sleep(1.6)  # three monitor periods with the hog running
        collect(provider.stream([Message("user", "Hi")], params=GenerationParams(max_tokens=8)))
        ctx = provider.ensure_loaded().ctx
        assert llama_cpp.llama_n_threads(ctx) <= physical_cores() - 1
        assert llama_cpp.llama_n_threads_batch(ctx) <= physical_cores() - 1
    finally:
        hog.kill()
        hog.wait()
        provider.close()


def test_fixed_threads_are_used_as_set(model_path: Path) -> None:
    import llama_cpp

    provider = LocalModelProvider(
        LocalModelConfig(
            model_path=model_path,
            context_length=512,
            threads=1,
            batch_threads=2,
            idle_unload_seconds=0,
        )
    )
    try:
        collect(provider.stream([Message("user", "Hi")], params=GenerationParams(max_tokens=4)))
        ctx = provider.ensure_loaded().ctx
        assert (llama_cpp.llama_n_threads(ctx), llama_cpp.llama_n_threads_batch(ctx)) == (1, 2)
        assert provider.threads.monitor is None
    finally:
        provider.close()
