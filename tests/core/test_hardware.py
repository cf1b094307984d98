"""Facts about this machine: cores, memory, GPU memory (nvidia-smi read from its real output
format by a stand-in program on PATH)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import psutil
import pytest

from aideon_desktop.core import hardware


def test_cores_are_within_what_this_process_may_use() -> None:
    usable = hardware.usable_cpus()
    assert 1 <= usable <= (os.cpu_count() or 1)
    assert 1 <= hardware.physical_cores() <= usable


def test_memory_snapshot_matches_the_system() -> None:
    snap = hardware.memory_snapshot()
    total = psutil.virtual_memory().total
    assert snap.total_bytes == total and 0 < snap.available_bytes <= total and snap.gpu is None


def _fake_nvidia_smi(tmp_path: Path, body: str) -> Path:
    tool = tmp_path / "nvidia-smi"
    tool.write_text(f"#!/bin/sh\n{body}\n")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    return tmp_path


def test_gpu_memory_read_from_nvidia_smi(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _fake_nvidia_smi(tmp_path, "echo 'NVIDIA GeForce RTX 4070, 12282, 11000'")
    monkeypatch.setenv("PATH", str(folder))
    gpu = hardware.nvidia_gpu_memory()
    assert gpu == hardware.GpuMemory("NVIDIA GeForce RTX 4070", 12282 << 20, 11000 << 20)


@pytest.mark.parametrize("body", ["exit 9", "echo 'garbage'", "sleep 5"])
def test_a_failing_nvidia_smi_means_no_gpu(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    monkeypatch.setenv("PATH", str(_fake_nvidia_smi(tmp_path, body)))
    assert hardware.nvidia_gpu_memory(timeout_s=0.5) is None


def test_no_nvidia_smi_means_no_gpu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert hardware.nvidia_gpu_memory() is None
