"""The embedded model: llama.cpp through llama-cpp-python, on the user's own CPU or GPU.

* Loads lazily (optionally ahead of time in a background thread), stays warm, and unloads
  after a configurable idle time.
* One generation at a time per loaded model; a second request waits its turn.
* Cancel stops within one token and leaves the model usable.
* Conversations longer than the context window lose their oldest turns (system kept); a single
  prompt that cannot fit raises PromptTooLargeError.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
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
from aideon_desktop.core.hardware import physical_cores
from aideon_desktop.core.model_files import check_gguf_file

log = logging.getLogger(__name__)

LoadState = Literal["unloaded", "loading", "ready", "failed"]

# The smallest reply we are willing to leave room for when trimming a conversation.
MIN_REPLY_TOKENS = 16


@dataclass(frozen=True)
class LocalModelConfig:
    model_path: Path
    context_length: int = 4096
    threads: int = 0
    gpu_layers: int | Literal["auto"] = "auto"
    idle_unload_seconds: float = 600.0
    max_tokens: int = 512
    temperature: float = 0.7


def resolve_gpu_layers(setting: int | str, gpu_offload_supported: bool) -> int:
    """'auto' offloads every layer (-1) when the build can, else none (0)."""
    if setting == "auto":
        return -1 if gpu_offload_supported else 0
    return int(setting)


def trim_to_fit(
    messages: list[Message], count_tokens: Any, budget: int
) -> tuple[list[Message], int]:
    """Drop the oldest non-system turns until ``count_tokens(messages) <= budget``.

    The system message (if first) and the last message are always kept.  Returns the kept
    messages and their token count; the caller decides what to do if they still do not fit.
    """
    system = messages[:1] if messages and messages[0].role == "system" else []
    rest = messages[len(system) :]
    tokens = count_tokens(system + rest)
    while tokens > budget and len(rest) > 1:
        rest = rest[1:]
        # Never start the kept history with an assistant turn.
        while len(rest) > 1 and rest[0].role == "assistant":
            rest = rest[1:]
        tokens = count_tokens(system + rest)
    return system + rest, tokens


class LocalModelProvider:
    """llama.cpp chat provider.  Thread-safe."""

    name = "local"
    trusted = True  # runs on this device: may answer private prompts

    def __init__(self, config: LocalModelConfig) -> None:
        self.config = config
        self._llm: Any = None
        self._formatter: Any = None
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
    def model_label(self) -> str:
        return self.config.model_path.stem

    def preload(self) -> threading.Thread:
        """Start loading in a background thread (the GUI never waits on this)."""
        thread = threading.Thread(target=self._safe_load, name="aideon-model-load", daemon=True)
        thread.start()
        return thread

    def _safe_load(self) -> None:
        # A failure is kept in self._load_error and reported on the next request.
        with contextlib.suppress(ModelFileError):
            self.ensure_loaded()

    def ensure_loaded(self) -> Any:
        """Load the model if needed and return it; raises ModelFileError with a clear message."""
        with self._load_lock:
            if self._llm is not None:
                return self._llm
            self._state = "loading"
            try:
                self._llm, self._formatter = self._load()
            except ModelFileError as exc:
                self._state, self._load_error = "failed", exc
                raise
            self._state, self._load_error = "ready", None
            self._touch()
            return self._llm

    def _load(self) -> tuple[Any, Any]:
        import llama_cpp
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        path = self.config.model_path
        check_gguf_file(path)
        threads = self.config.threads or physical_cores()
        gpu_layers = resolve_gpu_layers(
            self.config.gpu_layers, bool(llama_cpp.llama_supports_gpu_offload())
        )
        started = time.perf_counter()
        try:
            llm = llama_cpp.Llama(
                model_path=str(path),
                n_ctx=self.config.context_length,
                n_threads=threads,
                n_threads_batch=threads,
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
            eos_token=self._token_text(llm, llm.token_eos()),
            bos_token=self._token_text(llm, llm.token_bos()),
        )
        log.info(
            "local model loaded: %s (threads=%d, gpu_layers=%d, n_ctx=%d) in %.2fs",
            path.name,
            threads,
            gpu_layers,
            llm.n_ctx(),
            time.perf_counter() - started,
        )
        return llm, formatter

    @staticmethod
    def _token_text(llm: Any, token: int) -> str:
        if token < 0:
            return ""
        return llm.detokenize([token], special=True).decode("utf-8", errors="ignore")

    def unload(self) -> None:
        """Free the model's memory; the next request loads it again."""
        with self._load_lock, self._generation_lock:
            if self._llm is not None:
                self._llm.close()
                self._llm = self._formatter = None
                self._state = "unloaded"
                log.info("local model unloaded")

    close = unload

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
        if not self._generation_lock.acquire(blocking=False):
            return  # busy: the end of that generation re-arms the timer
        self._generation_lock.release()
        self.unload()

    # -------------------------------------------------------------- generation
    def count_prompt_tokens(self, messages: list[Message]) -> int:
        llm = self.ensure_loaded()
        return len(self._tokenize(llm, self._format(messages)[0]))

    def _format(self, messages: list[Message]) -> tuple[str, list[str]]:
        response = self._formatter(messages=[m.as_dict() for m in messages])
        stop = response.stop
        stops = [stop] if isinstance(stop, str) else list(stop or [])
        return response.prompt, stops

    @staticmethod
    def _tokenize(llm: Any, text: str) -> list[int]:
        return llm.tokenize(text.encode("utf-8", errors="replace"), add_bos=False, special=True)

    def _fit(
        self, llm: Any, messages: list[Message], max_tokens: int
    ) -> tuple[str, list[str], int, int]:
        n_ctx = llm.n_ctx()
        reply_room = min(max_tokens, max(MIN_REPLY_TOKENS, n_ctx // 4))

        def count(msgs: list[Message]) -> int:
            return len(self._tokenize(llm, self._format(msgs)[0]))

        kept, prompt_tokens = trim_to_fit(messages, count, n_ctx - reply_room)
        if prompt_tokens > n_ctx - MIN_REPLY_TOKENS:
            raise PromptTooLargeError(
                f"The prompt is {prompt_tokens} tokens but {self.model_label} has a "
                f"{n_ctx}-token context window. Shorten it, raise the context length in "
                "Settings → Local model, or use a model with a larger window."
            )
        if len(kept) < len(messages):
            log.info("trimmed %d oldest messages to fit the context", len(messages) - len(kept))
        prompt, stops = self._format(kept)
        return prompt, stops, prompt_tokens, min(max_tokens, n_ctx - prompt_tokens)

    def stream(
        self, messages: list[Message], model: str = "", params: GenerationParams | None = None
    ) -> Iterator[StreamEvent]:
        """Stream the answer: TextDelta events, then one Usage."""
        params = params or GenerationParams()
        if self._state != "ready":
            yield Notice("model_loading", f"Loading the local model {self.model_label}…")
        llm = self.ensure_loaded()
        with self._generation_lock:
            started = time.perf_counter()
            max_tokens = params.max_tokens or self.config.max_tokens
            temperature = (
                self.config.temperature if params.temperature is None else params.temperature
            )
            prompt, stops, prompt_tokens, max_tokens = self._fit(llm, messages, max_tokens)
            pieces: list[str] = []
            first_token_at: float | None = None
            finish_reason = "length"
            completion = llm.create_completion(
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
            except (RuntimeError, ValueError) as exc:
                raise ProviderError(f"The local model failed while generating: {exc}") from exc
            finally:
                completion.close()
                self._touch()
            completion_tokens = len(self._tokenize(llm, "".join(pieces))) if pieces else 0
            ended = time.perf_counter()
            yield Usage(
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                finish_reason=finish_reason,
                time_to_first_token_s=None if first_token_at is None else first_token_at - started,
                total_time_s=ended - started,
            )
