"""The embedded model: llama.cpp through llama-cpp-python, on the user's own CPU or GPU.

* Loads lazily (optionally ahead of time in a background thread), stays warm, and unloads
  after a configurable idle time.
* The chat template comes from each GGUF's own metadata.
* ``switch_model`` swaps to another GGUF with no restart: an answer in progress finishes on the
  old model, the next one loads the new file.
* One generation at a time; a second request waits its turn.  Fitting a long conversation into
  the context (``trim_to_fit``, linear in its length) happens before waiting, outside the lock.
* Threads follow the load (see local_models/threads.py) unless fixed in the settings.
* Cancel stops within one token and leaves the model usable.
* Conversations longer than the context window lose their oldest turns (system kept); a single
  prompt that cannot fit raises PromptTooLargeError.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from aideon_desktop.core.chat import (
    GenerationParams,
    Message,
    Notice,
    StreamEvent,
    TextDelta,
    Usage,
)
from aideon_desktop.core.errors import ModelFileError, PromptTooLargeError, ProviderError
from aideon_desktop.core.local_models.threads import RECHECK_PERIOD_S, ThreadPlan, ThreadPolicy
from aideon_desktop.core.model_files import check_gguf_file

log = logging.getLogger(__name__)

LoadState = Literal["unloaded", "loading", "ready", "failed"]

# The smallest reply we are willing to leave room for when trimming a conversation.
MIN_REPLY_TOKENS = 16


@dataclass(frozen=True)
class LocalModelConfig:
    model_path: Path
    context_length: int = 4096
    threads: int = 0  # 0: the cores other programs leave free, re-checked while generating
    batch_threads: int = 0  # 0: follows threads
    gpu_layers: int | Literal["auto"] = "auto"
    idle_unload_seconds: float = 600.0
    max_tokens: int = 512
    temperature: float = 0.7
    display_name: str | None = None  # what the app calls the model; else the file's name


def resolve_gpu_layers(setting: int | str, gpu_offload_supported: bool) -> int:
    """'auto' offloads every layer (-1) when the build can, else none (0)."""
    if setting == "auto":
        return -1 if gpu_offload_supported else 0
    return int(setting)


def _kept_starts(rest: Sequence[Message]) -> list[int]:
    """Where the kept history may begin, oldest first: the whole conversation (0); otherwise
    never on an assistant turn; and the last message is always kept."""
    starts = [0] + [i for i in range(1, len(rest)) if rest[i].role != "assistant"]
    if starts[-1] != len(rest) - 1:
        starts.append(len(rest) - 1)
    return starts


def trim_to_fit(
    messages: list[Message], count_tokens: Callable[[list[Message]], int], budget: int
) -> tuple[list[Message], int]:
    """Drop the oldest non-system turns until ``count_tokens(kept) <= budget``.

    The system message (if first) and the last message are always kept, and a trimmed history
    never starts with an assistant turn.  Returns the kept messages and their token count; the
    caller decides what to do if they still do not fit.

    Searches from the newest turn back, galloping (1, 2, 4, … turns) and then bisecting: about
    2·log2(k) counts, none much longer than twice what fits (k turns, bounded by the context
    window), so a conversation of any length is never tokenized whole.  The old turn-by-turn
    loop re-counted the whole conversation after every dropped turn: quadratic, 181 s for 1,000
    turns.  (llama.cpp's tokenizer is itself worse than linear on a multi-megabyte string.)
    """
    system = messages[:1] if messages and messages[0].role == "system" else []
    rest = messages[len(system) :]
    if len(rest) <= 1:
        return system + rest, count_tokens(system + rest)
    starts = _kept_starts(rest)
    counts: dict[int, int] = {}

    def count_from(j: int) -> int:
        if j not in counts:
            counts[j] = count_tokens(system + rest[starts[j] :])
        return counts[j]

    good = len(starts) - 1  # keeps the fewest messages
    if count_from(good) > budget:
        return system + rest[starts[good] :], counts[good]
    bad, step = -1, 1  # bad: the largest index known not to fit (-1: none tested yet)
    while good - step >= 0:
        if count_from(good - step) > budget:
            bad = good - step
            break
        good -= step
        step *= 2
    while good - bad > 1:
        middle = (good + bad) // 2
        if count_from(middle) <= budget:
            good = middle
        else:
            bad = middle
    return system + rest[starts[good] :], counts[good]


class _LoadedModel:
    """One loaded GGUF.  Counted references keep it alive while a request uses it, so a switch
    or an idle unload never frees a model under a running answer."""

    def __init__(self, llm: Any, formatter: Any, path: Path, plan: ThreadPlan) -> None:
        self.llm = llm
        self.formatter = formatter
        self.path = path
        self.plan = plan
        self.users = 0
        self.retired = False

    def format(self, messages: list[Message]) -> tuple[str, list[str]]:
        response = self.formatter(messages=[m.as_dict() for m in messages])
        stop = response.stop
        stops = [stop] if isinstance(stop, str) else list(stop or [])
        return response.prompt, stops

    def tokenize(self, text: str) -> list[int]:
        return self.llm.tokenize(
            text.encode("utf-8", errors="replace"), add_bos=False, special=True
        )

    def count(self, messages: list[Message]) -> int:
        return len(self.tokenize(self.format(messages)[0]))

    def apply(self, plan: ThreadPlan) -> None:
        if plan != self.plan:
            import llama_cpp

            llama_cpp.llama_set_n_threads(self.llm.ctx, plan.threads, plan.batch_threads)
            self.plan = plan


def _token_text(llm: Any, token: int) -> str:
    if token < 0:
        return ""
    return llm.detokenize([token], special=True).decode("utf-8", errors="ignore")


def load_gguf(config: LocalModelConfig, plan: ThreadPlan) -> _LoadedModel:
    """Load ``config.model_path`` with llama.cpp and its own chat template.  Raises
    ModelFileError with a message that says what to do."""
    import llama_cpp
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    path = config.model_path
    check_gguf_file(path)
    gpu_layers = resolve_gpu_layers(config.gpu_layers, bool(llama_cpp.llama_supports_gpu_offload()))
    started = time.perf_counter()
    try:
        llm = llama_cpp.Llama(
            model_path=str(path),
            n_ctx=config.context_length,
            n_threads=plan.threads,
            n_threads_batch=plan.batch_threads,
            n_gpu_layers=gpu_layers,
            verbose=False,
        )
    except MemoryError as exc:
        raise ModelFileError(
            f"Not enough memory to load {path.name}. Close other programs, lower the "
            "context length, or choose a smaller model in Settings → Local model."
        ) from exc
    except (ValueError, RuntimeError, OSError) as exc:
        raise ModelFileError(
            f"llama.cpp could not load {path}: the file is corrupt, truncated, or uses a "
            "format this build does not support. Download it again or choose another GGUF "
            "file in Settings → Local model."
        ) from exc
    template = llm.metadata.get("tokenizer.chat_template")
    if not template:
        llm.close()
        raise ModelFileError(
            f"{path.name} has no chat template in its metadata, so it is not a chat "
            "(instruct) model. Choose an instruct/chat GGUF in Settings → Local model."
        )
    formatter = Jinja2ChatFormatter(
        template=template,
        eos_token=_token_text(llm, llm.token_eos()),
        bos_token=_token_text(llm, llm.token_bos()),
    )
    log.info(
        "local model loaded: %s (threads=%d/%d, gpu_layers=%d, n_ctx=%d) in %.2fs",
        path.name,
        plan.threads,
        plan.batch_threads,
        gpu_layers,
        llm.n_ctx(),
        time.perf_counter() - started,
    )
    return _LoadedModel(llm, formatter, path, plan)


class LocalModelProvider:
    """llama.cpp chat provider.  Thread-safe."""

    name = "local"
    trusted = True  # runs on the user's own hardware: may receive private prompts

    def __init__(self, config: LocalModelConfig, *, threads: ThreadPolicy | None = None) -> None:
        self.config = config
        self.threads = threads or ThreadPolicy(config.threads, config.batch_threads)
        self._model: _LoadedModel | None = None
        self._state: LoadState = "unloaded"
        self._load_error: ModelFileError | None = None
        self._load_lock = threading.Lock()
        self._generation_lock = threading.Lock()
        self._idle_timer: threading.Timer | None = None
        self._last_used = time.monotonic()

    # ----------------------------------------------------------------- loading
    @property
    def state(self) -> LoadState:
        return self._state

    @property
    def model_path(self) -> Path:
        return self.config.model_path

    @property
    def model_label(self) -> str:
        """The model's name as the app shows it (the catalogue's name of the bundled model,
        the file's name of one the user chose)."""
        return self.config.display_name or self.config.model_path.stem

    def preload(self) -> threading.Thread:
        """Start loading in a background thread (the GUI never waits on this)."""
        thread = threading.Thread(target=self._safe_load, name="aideon-model-load", daemon=True)
        thread.start()
        return thread

    def _safe_load(self) -> None:
        # A failure is kept in self._load_error and reported on the next request.
        with contextlib.suppress(ModelFileError):
            self._release(self._acquire())

    def ensure_loaded(self) -> Any:
        """Load the model if needed and return the llama.cpp object; raises ModelFileError."""
        model = self._acquire()
        self._release(model)
        return model.llm

    def _acquire(self) -> _LoadedModel:
        with self._load_lock:
            if self._model is None:
                self._state = "loading"
                try:
                    self._model = load_gguf(self.config, self.threads.plan())
                except ModelFileError as exc:
                    self._state, self._load_error = "failed", exc
                    raise
                self._state, self._load_error = "ready", None
                self.threads.start()
            self._model.users += 1
            self._touch()
            return self._model

    def _release(self, model: _LoadedModel) -> None:
        with self._load_lock:
            model.users -= 1
            if model.retired and model.users == 0:
                model.llm.close()

    def _retire_locked(self) -> None:
        model, self._model = self._model, None
        if model is None:
            return
        model.retired = True
        if model.users == 0:
            model.llm.close()
        self._state = "unloaded"
        self.threads.stop()
        log.info("local model unloaded: %s", model.path.name)

    def switch_model(self, model_path: Path, *, preload: bool = False) -> None:
        """Answer with another GGUF from the next request on — no restart.  An answer in
        progress finishes on the old model, which is freed when it is done.  Raises
        ModelFileError at once if the file is missing or not a GGUF."""
        check_gguf_file(model_path)
        with self._load_lock:
            self.config = replace(self.config, model_path=model_path)
            self._load_error = None
            self._retire_locked()
        log.info("local model switched to %s", model_path.name)
        if preload:
            self.preload()

    def unload(self) -> None:
        """Free the model's memory (once no answer uses it); the next request loads it again."""
        with self._load_lock:
            self._retire_locked()

    def close(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        self.unload()

    # ------------------------------------------------------------- idle unload
    def _touch(self) -> None:
        self._last_used = time.monotonic()
        delay = self.config.idle_unload_seconds
        if delay <= 0:
            return
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        self._idle_timer = threading.Timer(delay, self._unload_if_idle)
        self._idle_timer.daemon = True
        self._idle_timer.start()

    def _unload_if_idle(self) -> None:
        idle = time.monotonic() - self._last_used
        if idle + 0.05 < self.config.idle_unload_seconds:
            return
        with self._load_lock:
            if self._model is not None and self._model.users == 0:
                self._retire_locked()

    # -------------------------------------------------------------- generation
    def count_prompt_tokens(self, messages: list[Message]) -> int:
        model = self._acquire()
        try:
            return model.count(messages)
        finally:
            self._release(model)

    def render_prompt(self, messages: list[Message]) -> str:
        """The prompt text the current model's own chat template makes of ``messages``."""
        model = self._acquire()
        try:
            return model.format(messages)[0]
        finally:
            self._release(model)

    def _fit(
        self, model: _LoadedModel, messages: list[Message], max_tokens: int
    ) -> tuple[str, list[str], int, int]:
        n_ctx = model.llm.n_ctx()
        reply_room = min(max_tokens, max(MIN_REPLY_TOKENS, n_ctx // 4))
        kept, prompt_tokens = trim_to_fit(messages, model.count, n_ctx - reply_room)
        if prompt_tokens > n_ctx - MIN_REPLY_TOKENS:
            raise PromptTooLargeError(
                f"The prompt is {prompt_tokens} tokens but {model.path.stem} has a "
                f"{n_ctx}-token context window. Shorten it, raise the context length in "
                "Settings → Local model, or use a model with a larger window."
            )
        if len(kept) < len(messages):
            log.info("trimmed %d oldest messages to fit the context", len(messages) - len(kept))
        prompt, stops = model.format(kept)
        return prompt, stops, prompt_tokens, min(max_tokens, n_ctx - prompt_tokens)

    def stream(
        self, messages: list[Message], model: str = "", params: GenerationParams | None = None
    ) -> Iterator[StreamEvent]:
        """Stream the answer: TextDelta events, then one Usage."""
        params = params or GenerationParams()
        if self._state != "ready":
            yield Notice("model_loading", f"Loading the local model {self.model_label}…")
        loaded = self._acquire()
        try:
            max_tokens = params.max_tokens or self.config.max_tokens
            temperature = (
                self.config.temperature if params.temperature is None else params.temperature
            )
            prompt, stops, prompt_tokens, max_tokens = self._fit(loaded, messages, max_tokens)
            with self._generation_lock:
                yield from self._generate(
                    loaded, prompt, stops, prompt_tokens, max_tokens, temperature, params
                )
        finally:
            self._release(loaded)

    def _generate(
        self,
        loaded: _LoadedModel,
        prompt: str,
        stops: list[str],
        prompt_tokens: int,
        max_tokens: int,
        temperature: float,
        params: GenerationParams,
    ) -> Iterator[StreamEvent]:
        started = time.perf_counter()
        loaded.apply(self.threads.plan())
        next_plan = started + RECHECK_PERIOD_S
        pieces: list[str] = []
        first_token_at: float | None = None
        finish_reason = "length"
        completion = loaded.llm.create_completion(
            prompt, max_tokens=max_tokens, temperature=temperature, stop=stops, stream=True
        )
        try:
            for chunk in completion:
                if params.cancel.is_set():
                    finish_reason = "cancelled"
                    break
                choice = chunk["choices"][0]
                text = choice.get("text") or ""
                if text:
                    if first_token_at is None:
                        first_token_at = time.perf_counter()
                    pieces.append(text)
                    yield TextDelta(text)
                if choice.get("finish_reason"):
                    finish_reason = choice["finish_reason"]
                if self.threads.adaptive and time.perf_counter() >= next_plan:
                    loaded.apply(self.threads.plan())
                    next_plan = time.perf_counter() + RECHECK_PERIOD_S
        except (RuntimeError, ValueError) as exc:
            raise ProviderError(f"The local model failed while generating: {exc}") from exc
        finally:
            completion.close()
            self._touch()
        completion_tokens = len(loaded.tokenize("".join(pieces))) if pieces else 0
        ended = time.perf_counter()
        yield Usage(
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            finish_reason=finish_reason,
            time_to_first_token_s=None if first_token_at is None else first_token_at - started,
            total_time_s=ended - started,
        )
