"""Answers run on worker threads, never on the event loop.

The assistant is synchronous (a local generation holds its model's lock for seconds), so each
answer is planned and streamed on a thread of a bounded pool; its events reach the event loop
through a queue.  One slow answer therefore never delays another request, and the event loop
keeps accepting, reading and timing out connections meanwhile.  When a client goes away, its
answer is cancelled (the local model stops within a token).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from aideon_desktop.core.answering import Answer, AnswerStream
from aideon_desktop.core.chat import StreamEvent
from aideon_desktop.core.errors import AideonError

log = logging.getLogger(__name__)
T = TypeVar("T")
_END = object()


class ClientGoneError(Exception):
    """The client closed the connection before its answer was complete."""


class ServerStoppingError(AideonError):
    """The server is stopping: no new answer starts."""


class AnswerRunner:
    def __init__(self, workers: int) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="aideon-api")
        self._active: set[threading.Event] = set()
        self._lock = threading.Lock()
        self._closed = False

    def _submit(self, function: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        try:
            if self._closed:
                raise RuntimeError("closed")
            return asyncio.get_running_loop().run_in_executor(self._pool, function, *args)
        except RuntimeError:  # the pool is shut down
            raise ServerStoppingError("The local API is shutting down.") from None

    async def call(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` on a worker thread."""
        return await self._submit(function, *args)

    async def events(
        self, stream: AnswerStream, cancel: threading.Event
    ) -> AsyncIterator[StreamEvent]:
        """The stream's events as they come; leaving early (the client went away) cancels the
        answer.  An error raised by the stream is raised here."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[Any] = asyncio.Queue()

        def put(item: object) -> None:
            with contextlib.suppress(RuntimeError):  # the server is gone: nobody is listening
                loop.call_soon_threadsafe(queue.put_nowait, item)

        def pump() -> None:
            try:
                for event in stream:
                    put(event)
                put(_END)
            except Exception as exc:  # noqa: BLE001 - handed to the event loop, which decides
                put(exc)

        future = self._submit(pump)
        self._track(cancel)
        try:
            while (item := await queue.get()) is not _END:
                if isinstance(item, Exception):
                    raise item
                yield item
        finally:
            cancel.set()  # finished: harmless; client gone: the answer stops
            self._untrack(cancel)
            future.add_done_callback(_quiet)

    async def drain(
        self, stream: AnswerStream, cancel: threading.Event, disconnected: Awaitable[None]
    ) -> Answer:
        """The finished Answer; raises ClientGoneError (and cancels) if the client leaves first."""
        async for _ in self.events_until(stream, cancel, disconnected):
            pass
        return stream.answer

    async def events_until(
        self, stream: AnswerStream, cancel: threading.Event, disconnected: Awaitable[None]
    ) -> AsyncIterator[StreamEvent]:
        watcher = asyncio.ensure_future(disconnected)
        events = self.events(stream, cancel)
        try:
            while True:
                step = asyncio.ensure_future(anext(events))
                done, _ = await asyncio.wait({step, watcher}, return_when=asyncio.FIRST_COMPLETED)
                if step not in done:
                    step.cancel()
                    raise ClientGoneError
                try:
                    yield step.result()
                except StopAsyncIteration:
                    return
        finally:
            watcher.cancel()
            await events.aclose()

    def _track(self, cancel: threading.Event) -> None:
        with self._lock:
            self._active.add(cancel)

    def _untrack(self, cancel: threading.Event) -> None:
        with self._lock:
            self._active.discard(cancel)

    def close(self) -> None:
        """Cancel every running answer and let the workers finish on their own."""
        with self._lock:
            self._closed = True
            for cancel in self._active:
                cancel.set()
        self._pool.shutdown(wait=False, cancel_futures=True)


def _quiet(future: Any) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.info("api answer ended with %s", type(future.exception()).__name__)
