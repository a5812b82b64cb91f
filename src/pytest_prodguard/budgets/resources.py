"""Measuring the memory and CPU of a test's call phase, with the tool the run asks for.

* ``tracemalloc`` (default): the Python heap (everything allocated through Python's allocators,
  numpy's buffers too); no native ``malloc`` of C extensions. Peak and still-held bytes.
* ``memray`` (when installed and asked for): native allocations too (C extensions, buffers),
  with Python's small objects seen through pymalloc's arenas, as pytest-memray does by default;
  ``allocated`` switches to a full capture of every object and every record, which is slower.
* ``rss``: the resident-set high-water mark of the process (Linux resets it per test through
  ``/proc/self/clear_refs``); pages actually touched, by anything, but only at page granularity
  and blind to memory the allocator reuses.

CPU time is ``time.process_time()`` (user + system of the whole process) over the same call.
A meter is made only for a test whose budget states a resource statistic, so other tests pay
nothing; when pytest-memray already traces the test, its capture is read instead of tracing twice.
"""

from __future__ import annotations

import gc
import re
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .spec import CPU_STATS, MEMORY_STATS

MEMRAY_MARKERS = ("limit_memory", "limit_leaks", "limit_leaked_objects")
DESCRIPTIONS = {
    "tracemalloc": "tracemalloc (Python heap)",
    "memray": "memray (native and Python allocations)",
    "memray-plugin": "memray (pytest-memray's capture of this test)",
    "rss": "the RSS high-water mark",
}

_USE_MEMRAY = "set prodguard_budgets_memory = memray"


@dataclass
class Usage:
    """What one call used. A statistic the tool cannot measure is absent and ``missing`` says why."""

    tool: str
    values: dict[str, float] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    @property
    def described(self) -> str:
        return DESCRIPTIONS.get(self.tool, self.tool)

    def record(self) -> dict[str, Any]:
        return {"tool": self.tool, **{stat: round(value, 6) for stat, value in sorted(self.values.items())}}


class _Cpu:
    def __init__(self) -> None:
        self.cpu = time.process_time()
        self.wall = time.perf_counter()

    def stop(self, usage: Usage) -> None:
        cpu = time.process_time() - self.cpu
        wall = time.perf_counter() - self.wall
        usage.values["cpu"] = cpu
        usage.values["cpu_ratio"] = cpu / wall if wall > 0 else 0.0


class _Tracemalloc:
    def __init__(self, leaks: bool) -> None:
        self.leaks = leaks
        # Already tracing (python -X tracemalloc, another plugin): read it, and leave it on afterwards.
        self.owned = not tracemalloc.is_tracing()
        if self.owned:
            tracemalloc.start()
        tracemalloc.reset_peak()
        self.start = tracemalloc.get_traced_memory()[0]

    def stop(self, usage: Usage) -> None:
        if self.leaks:
            gc.collect()  # garbage cycles are not a leak
        current, peak = tracemalloc.get_traced_memory()
        if self.owned:
            tracemalloc.stop()
        usage.values["memory"] = max(0, peak - self.start)
        usage.values["leaked"] = max(0, current - self.start)
        usage.missing["allocated"] = (
            "tracemalloc cannot total the bytes allocated; set prodguard_budgets_memory = memray"
        )


# Allocators that hand out memory; the rest (free, munmap, pymalloc free) give it back.
_DEALLOCATING = frozenset({"FREE", "MUNMAP", "PYMALLOC_FREE"})


def memray_usage(path: Path, tool: str, *, every_allocation: bool) -> Usage:
    """Peak, leaked and (from a full capture) allocated bytes of a memray capture file."""
    from memray import AllocatorType, FileReader

    usage = Usage(tool)
    reader = FileReader(path)
    try:
        usage.values["memory"] = reader.metadata.peak_memory
        usage.values["leaked"] = sum(record.size for record in reader.get_leaked_allocation_records(merge_threads=True))
        if every_allocation:
            usage.values["allocated"] = sum(
                record.size
                for record in reader.get_allocation_records()
                if AllocatorType(record.allocator).name not in _DEALLOCATING
            )
        else:
            usage.missing["allocated"] = "pytest-memray's capture keeps no per-allocation records"
    finally:
        reader.close()
    return usage


class _Memray:
    def __init__(self, every_allocation: bool) -> None:
        from memray import FileFormat, Tracker

        self.every_allocation = every_allocation
        self.dir = tempfile.TemporaryDirectory(prefix="prodguard-memray-")
        self.path = Path(self.dir.name) / "call.bin"
        # Like pytest-memray's default, pymalloc is seen through its arenas (what the process really
        # holds) unless `allocated` is asked: a total of bytes needs every object and every record.
        file_format = FileFormat.ALL_ALLOCATIONS if every_allocation else FileFormat.AGGREGATED_ALLOCATIONS
        self.tracker = Tracker(self.path, file_format=file_format, trace_python_allocators=every_allocation)
        self.tracker.__enter__()

    def stop(self, usage: Usage) -> None:
        self.tracker.__exit__(None, None, None)
        try:
            measured = memray_usage(self.path, "memray", every_allocation=self.every_allocation)
        finally:
            self.dir.cleanup()
        usage.values.update(measured.values)
        usage.missing.update(measured.missing)


_STATUS_RE = re.compile(r"^(VmRSS|VmHWM):\s+(\d+)\s+kB", re.MULTILINE)


def _status() -> dict[str, int] | None:
    try:
        text = Path("/proc/self/status").read_text()
    except OSError:
        return None
    return {name: int(kb) * 1024 for name, kb in _STATUS_RE.findall(text)}


class _Rss:
    def __init__(self) -> None:
        self.linux = False
        try:
            Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
            status = _status()
            self.linux = status is not None and "VmRSS" in status
        except OSError:
            status = None
        self.start = status["VmRSS"] if self.linux and status else _maxrss()

    def stop(self, usage: Usage) -> None:
        status = _status() if self.linux else None
        if status is not None:
            usage.values["memory"] = max(0, status["VmHWM"] - self.start)
            usage.values["leaked"] = max(0, status["VmRSS"] - self.start)
        else:
            # Elsewhere the high-water mark cannot be reset: only growth past the process's old peak shows.
            usage.values["memory"] = max(0, _maxrss() - self.start)
            usage.missing["leaked"] = "the RSS fallback cannot see what is still held off Linux"
        usage.missing["allocated"] = f"RSS cannot total the bytes allocated; {_USE_MEMRAY}"


def _maxrss() -> int:
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # macOS reports bytes, Linux kilobytes


class Meter:
    """Measures one call: start at construction, ``stop()`` after the call."""

    def __init__(self, tool: str, stats: frozenset[str], *, plugin_traces: bool) -> None:
        wants_memory = bool(stats & set(MEMORY_STATS))
        self.plugin_traces = plugin_traces and wants_memory
        self.usage = Usage("memray-plugin" if self.plugin_traces else tool)
        self.memory: _Tracemalloc | _Memray | _Rss | None = None
        if wants_memory and not self.plugin_traces:
            if tool == "memray":
                self.memory = _Memray("allocated" in stats)
            elif tool == "rss":
                self.memory = _Rss()
            else:
                self.memory = _Tracemalloc("leaked" in stats)
        # Started last, stopped first: the CPU time excludes the tracer's own start and stop.
        self.cpu = _Cpu() if stats & set(CPU_STATS) else None

    def stop(self) -> Usage:
        if self.cpu is not None:
            self.cpu.stop(self.usage)
        if self.memory is not None:
            self.memory.stop(self.usage)
        return self.usage
