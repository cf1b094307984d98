"""``ComputedOnce``: a value worked out on first use and kept in the object.

``functools.cached_property`` does the same but takes a lock on every first use (Python 3.11;
3.12 dropped it).  The objects that use this (one prompt's analysis, one privacy scan's context)
live in one thread and ask for a dozen such values each, so the lock only cost time: about a
fifth of the task classifier's time on a short prompt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

_T = TypeVar("_T")


class ComputedOnce(Generic[_T]):
    """A non-data descriptor: the first read calls ``func`` and stores the value in the
    instance's ``__dict__`` under the same name, so later reads never reach the descriptor."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> _T:
        if instance is None:
            return self  # type: ignore[return-value]
        value = instance.__dict__[self.name] = self.func(instance)
        return value
