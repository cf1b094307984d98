"""Real file systems for failure tests: a small tmpfs that fills up, a read-only mount.

Tests run as root, so permission bits do not stop writes; a read-only mount does.  Mounting
needs CAP_SYS_ADMIN: without it a test is skipped locally and fails under CI=true, like
``require_tool``.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import IN_CI, require_tool


def _mount(*args: str) -> None:
    mount = require_tool("mount")
    result = subprocess.run([mount, *args], capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        message = f"cannot mount here ({result.stderr.strip() or result.returncode})"
        if IN_CI:
            pytest.fail(message + " — CI must run these tests with mount privileges")
        pytest.skip(message)


def _unmount(target: Path) -> None:
    subprocess.run([require_tool("umount"), "-l", str(target)], capture_output=True, timeout=30)


@contextmanager
def tmpfs(target: Path, *, size: str = "1m", read_only: bool = False) -> Iterator[Path]:
    """A fresh tmpfs of ``size`` at ``target`` (created), unmounted afterwards."""
    target.mkdir(parents=True, exist_ok=True)
    options = f"size={size},mode=0700" + (",ro" if read_only else "")
    _mount("-t", "tmpfs", "-o", options, "tmpfs", str(target))
    try:
        yield target
    finally:
        _unmount(target)


@contextmanager
def read_only_view(source: Path, target: Path) -> Iterator[Path]:
    """``source`` seen through a read-only bind mount at ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(source), str(target))
    try:
        _mount("-o", "remount,bind,ro", str(target))
        yield target
    finally:
        _unmount(target)


def fill(folder: Path) -> Path:
    """Write a file in ``folder`` until the file system has no byte left; returns it."""
    filler = folder / "filler"
    block = b"\0" * 65536
    with open(filler, "wb", buffering=0) as fh:
        while True:
            try:
                fh.write(block)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                if len(block) == 1:
                    break
                block = block[: len(block) // 2]
    os.sync()
    return filler
