"""Where our own suite's wall clock goes: each xdist worker's tests in order, and its idle tail.

As a pytest plugin it appends one JSON line per test to the file named by ``SUITE_TIMELINE``:
``{"worker", "nodeid", "start", "stop", "cpu"}`` (``cpu``: the worker's CPU seconds for the test,
its subprocesses included: on Linux the live ones too, such as a browser). Each worker also logs
when its session started and when its collection finished. Run as a script it prints the critical
path of each worker.

    SUITE_TIMELINE=timeline.jsonl PYTHONPATH=benchmarks pytest -n 2 -p suite_timeline
    python benchmarks/suite_timeline.py timeline.jsonl [--top N]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

ENV = "SUITE_TIMELINE"


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system + _live_descendants()


def _live_descendants() -> float:
    """CPU seconds of this process's live descendants (and of what they reaped), from /proc."""
    proc = Path("/proc")
    if not proc.is_dir():
        return 0.0
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command: state, ppid, ... utime (14th field), stime, cutime, cstime.
        parents[int(entry.name)] = int(fields[1])
        ticks[int(entry.name)] = sum(int(value) for value in fields[11:15])
    me, total = os.getpid(), 0
    for pid in parents:
        ancestor = parents[pid]
        while ancestor > 1 and ancestor != me:
            ancestor = parents.get(ancestor, 0)
        if ancestor == me:
            total += ticks[pid]
    return total / os.sysconf("SC_CLK_TCK")


def _log(line: dict[str, Any]) -> None:
    target = os.environ.get(ENV)
    if target:
        line = {"worker": os.environ.get("PYTEST_XDIST_WORKER", "main"), **line}
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")


def pytest_sessionstart(session: pytest.Session) -> None:
    _log({"event": "sessionstart", "at": time.time(), "cpu": _cpu()})


def pytest_collection_finish(session: pytest.Session) -> None:
    _log({"event": "collected", "at": time.time(), "cpu": _cpu()})


def pytest_sessionfinish(session: pytest.Session) -> None:
    _log({"event": "sessionfinish", "at": time.time(), "cpu": _cpu()})


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, Any, Any]:
    start, cpu = time.time(), _cpu()
    try:
        return (yield)
    finally:
        _log({"nodeid": item.nodeid, "start": start, "stop": time.time(), "cpu": _cpu() - cpu})


def report(path: Path, top: int) -> str:
    logged = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in logged if "nodeid" in row]
    events = {(row["worker"], row["event"]): row for row in logged if "event" in row}
    if not rows:
        return "no tests recorded"
    origin = events[("main", "sessionstart")]["at"] if ("main", "sessionstart") in events else rows[0]["start"]
    end = max(row["stop"] for row in rows)
    by_worker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_worker[row["worker"]].append(row)
    lines = [f"{len(rows)} tests; times from the controller's session start; last test stops at {end - origin:.2f} s"]
    if ("main", "sessionstart") in events and ("main", "sessionfinish") in events:
        start, finish = events[("main", "sessionstart")], events[("main", "sessionfinish")]
        lines.append(
            f"controller session {finish['at'] - start['at']:.2f} s, CPU of the whole tree "
            f"{finish['cpu'] - start['cpu']:.2f} s"
        )
    for worker in sorted(by_worker):
        ran = sorted(by_worker[worker], key=lambda row: row["start"])
        busy = sum(row["stop"] - row["start"] for row in ran)
        cpu = sum(row["cpu"] for row in ran)
        first, last = ran[0]["start"] - origin, ran[-1]["stop"] - origin
        lines.append(
            f"\n{worker}: {len(ran)} tests, {first:.2f} -> {last:.2f} s, busy {busy:.2f} s, "
            f"cpu {cpu:.2f} s, idle tail {end - origin - last:.2f} s"
        )
        if (worker, "sessionstart") in events and (worker, "collected") in events:
            began, collected = events[(worker, "sessionstart")], events[(worker, "collected")]
            lines.append(
                f"  session start {began['at'] - origin:.2f} s, collected {collected['at'] - origin:.2f} s "
                f"(collection cpu {collected['cpu'] - began['cpu']:.2f} s)"
            )
        slowest = sorted(ran, key=lambda row: row["stop"] - row["start"], reverse=True)[:top]
        for row in sorted(slowest, key=lambda row: row["start"]):
            lines.append(
                f"  {row['start'] - origin:6.2f} {row['stop'] - row['start']:6.2f} s  cpu {row['cpu']:5.2f}  "
                f"{row['nodeid']}"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("log", type=Path)
    parser.add_argument("--top", type=int, default=12, help="slowest tests shown per worker, in run order")
    args = parser.parse_args()
    print(report(args.log, args.top))


if __name__ == "__main__":
    main()
