"""The long fuzz run: 10,000 generated inputs over settings, budget markers, token files and CSS.

Run: ``python benchmarks/hostile_fuzz.py [cases]`` (default 10000, split evenly over the four
properties of ``tests/hostile/test_hostile_fuzz.py``; the suite runs 50 of each). Prints the
number of cases run and the outcome; exits non-zero when any input crashed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

PROPERTIES = 4
ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    per_property = -(-cases // PROPERTIES)
    env = {**os.environ, "HOSTILE_FUZZ_EXAMPLES": str(per_property)}
    command = [sys.executable, "-m", "pytest", "tests/hostile/test_hostile_fuzz.py", "-q", "-p", "no:randomly",
               "-p", "no:cacheprovider", "--prodguard-suite-budget=off"]  # fmt: skip
    started = time.perf_counter()
    status = subprocess.call(command, cwd=ROOT, env=env)
    elapsed = time.perf_counter() - started
    verdict = "no crash" if status == 0 else f"FAILED (pytest exit status {status})"
    print(f"hostile fuzz: {per_property * PROPERTIES} cases ({per_property} per property) in {elapsed:.0f}s: {verdict}")
    return status


if __name__ == "__main__":
    sys.exit(main())
