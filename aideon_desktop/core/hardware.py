"""Facts about the machine the app runs on: cores, free memory, GPU memory."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass

import psutil

log = logging.getLogger(__name__)


def usable_cpus() -> int:
    """Logical CPUs this process may run on (CPU affinity, e.g. in a container or taskset)."""
    getaffinity = getattr(os, "sched_getaffinity", None)
    if getaffinity is not None:
        try:
            return max(1, len(getaffinity(0)))
        except OSError:
            pass
    return os.cpu_count() or 1


def physical_cores() -> int:
    """Physical CPU cores this process can use (llama.cpp is fastest with at most one thread
    per physical core)."""
    physical = psutil.cpu_count(logical=False) or os.cpu_count() or 1
    return max(1, min(physical, usable_cpus()))


@dataclass(frozen=True)
class GpuMemory:
    name: str
    total_bytes: int
    free_bytes: int


@dataclass(frozen=True)
class MemorySnapshot:
    """RAM (and, where known, GPU memory) at one moment."""

    total_bytes: int
    available_bytes: int
    gpu: GpuMemory | None = None


def nvidia_gpu_memory(timeout_s: float = 2.0) -> GpuMemory | None:
    """Free memory of the first NVIDIA GPU, from ``nvidia-smi``; None when there is none."""
    tool = shutil.which("nvidia-smi")
    if tool is None:
        return None
    try:
        out = subprocess.run(
            [tool, "--query-gpu=name,memory.total,memory.free", "--format=csv,noheader,nounits"],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=True,
        ).stdout
        name, total, free = (part.strip() for part in out.splitlines()[0].split(","))
        return GpuMemory(name, int(total) << 20, int(free) << 20)
    except (OSError, subprocess.SubprocessError, ValueError, IndexError) as exc:
        log.info("nvidia-smi gave no GPU memory reading: %s", exc)
        return None


def gpu_offload_supported() -> bool:
    """Whether this llama.cpp build can put layers on a GPU (CUDA, Metal, Vulkan…)."""
    import llama_cpp

    return bool(llama_cpp.llama_supports_gpu_offload())


def memory_snapshot(include_gpu: bool = False) -> MemorySnapshot:
    vm = psutil.virtual_memory()
    return MemorySnapshot(
        total_bytes=int(vm.total),
        available_bytes=int(vm.available),
        gpu=nvidia_gpu_memory() if include_gpu else None,
    )
