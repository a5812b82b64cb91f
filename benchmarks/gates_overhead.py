"""What a gate costs on top of running its tool by hand, measured side by side in one run.

Run: ``python benchmarks/gates_overhead.py [project-dir] [command]`` (defaults: this repository,
``ruff check .``). Each round times the command run directly, then the gate
``prodguard-gate::bench`` with the cache off (the tool runs) and with the cache on and the inputs
unchanged (the tool does not run; prodguard hashes the inputs and asks the tool's version). Gate
times are the item's own time from JUnit XML, so pytest's start-up is left out. Prints medians
and ratios.
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROUNDS = 5
QUIET = ["-p", "no:randomly", "-p", "no:hypothesispytest", "-p", "no:benchmark"]


def by_hand(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - start


def gate_time(project: Path, env: dict[str, str], *extra: str) -> float:
    with tempfile.TemporaryDirectory() as scratch:
        junit = Path(scratch) / "junit.xml"
        argv = [sys.executable, "-m", "pytest", "-q", *QUIET, f"--junitxml={junit}", "prodguard-gate::bench", *extra]
        done = subprocess.run(argv, cwd=project, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"the gate did not pass:\n{done.stdout}{done.stderr}")
        case = ET.parse(junit).getroot().find(".//testcase")
        assert case is not None
        return float(case.get("time", "nan"))


def main() -> None:
    project = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent).resolve()
    command = sys.argv[2] if len(sys.argv) > 2 else "ruff check ."
    env = dict(os.environ, PRODGUARD_GATES=f"bench: {command}")
    hand, fresh, cached = [], [], []
    for _ in range(ROUNDS):
        hand.append(by_hand(shlex.split(command), project))
        fresh.append(gate_time(project, env, "--prodguard-gates-fresh"))
        cached.append(gate_time(project, env))
    h, f, c = (statistics.median(values) for values in (hand, fresh, cached))
    print(f"{project}: {command!r}, medians of {ROUNDS} rounds")
    print(f"  by hand                  {h * 1000:8.1f} ms")
    print(f"  gate, tool runs          {f * 1000:8.1f} ms  ({f / h:.2f}x by hand)")
    print(f"  gate, passed from cache  {c * 1000:8.1f} ms  ({c / f:.2f}x the gate that runs)")


if __name__ == "__main__":
    main()
