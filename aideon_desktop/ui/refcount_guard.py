"""A guard against a PySide6 6.12 defect on Python 3.11.

PySide6 6.12.0 treats ``None``, ``True`` and ``False`` as immortal, as they are from Python
3.12 on: it returns them without taking a reference (``SignalInstance.emit()`` returns ``True``;
every Python slot or virtual override that returns ``None`` loses one).  On Python 3.11 each
call drops a reference, and after a few thousand signals or some tens of thousands of callbacks
— minutes of streaming answers — the interpreter frees ``True`` or ``None`` and aborts
("bool_dealloc" / "none_dealloc").  On Python < 3.12 this module gives the three objects the
huge reference count Python 3.12 gives them (they are never freed either way), so the lost
references can never reach zero.  On 3.12 and later it does nothing.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 48  # lost references it would take ~9 years at 1 million per second to use up


def make_singletons_immortal() -> bool:
    """Give None, True and False immortal-sized reference counts; True if it was needed."""
    if sys.version_info >= (3, 12):
        return False
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt, PyObject's first field
        if count.value < HEADROOM:
            count.value += HEADROOM
    return True
