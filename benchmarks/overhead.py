"""Overhead of prodguard (all parts, defaults) on a suite of trivial tests, against plain pytest.

Two measurements, both printed as ratios measured side by side in this one run:

* instructions counted by valgrind's callgrind (``PYTHONHASHSEED=0`` makes them repeatable) for
  a few hundred tests: the figure the target is judged on, immune to a busy machine;
* wall time of many alternating runs on 3,000 tests (median of each side): a sanity check.

Both sides load plugins the usual way (entry points) with every other installed plugin blocked,
and the plain side adds ``-p no:prodguard``: the only difference is prodguard.

With ``--per-plugin`` it also counts the instructions of runs with one of prodguard's plugins
blocked at a time (``-p no:prodguard.attach`` ...), so each one's share of the overhead is measured
rather than guessed.

Run: ``python benchmarks/overhead.py`` (``--quick`` for a short run).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import entry_points
from pathlib import Path

TARGET = 1.03


def make_suite(root: Path, tests: int, per_file: int = 100) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pytest.ini").write_text("[pytest]\n")
    for index in range(0, tests, per_file):
        body = "".join(
            f"def test_{n}():\n    assert {n} == {n}\n\n" for n in range(index, min(tests, index + per_file))
        )
        (root / f"test_trivial_{index // per_file}.py").write_text(body)


def other_plugins() -> list[str]:
    """Every other installed pytest plugin, blocked on both sides so only prodguard differs."""
    names = {ep.name for ep in entry_points(group="pytest11")} - {"prodguard"}
    return [arg for name in sorted(names) for arg in ("-p", f"no:{name}")]


OUR_PLUGINS = (
    "prodguard.attach",
    "prodguard.suite",
    "prodguard.browser",
    "prodguard.budgets",
    "prodguard.brand",
    "prodguard.a11y",
    "prodguard.gates",
    "prodguard.report",
)


def pytest_command(with_prodguard: bool, blocked: str | None = None) -> list[str]:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *other_plugins()]
    if blocked:
        command += ["-p", f"no:{blocked}"]
    if not with_prodguard:
        return [*command, "-p", "no:prodguard"]
    # Under valgrind a run takes minutes: the suite gate still measures, but must not fail the run.
    return [*command, "-o", "prodguard_suite_budget=1h"]


def environment() -> dict[str, str]:
    env = dict(os.environ, PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # pytest caches its assertion-rewritten plugin modules
    return {k: v for k, v in env.items() if not k.startswith("PRODGUARD_")}


def run(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, env=environment(), capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"benchmark run failed ({' '.join(command)}):\n{completed.stdout[-2000:]}{completed.stderr}")
    return elapsed


def instructions(command: list[str], cwd: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command], cwd)
        for line in out.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise SystemExit("callgrind wrote no instruction total")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer tests and rounds")
    parser.add_argument("--callgrind-tests", type=int, default=300)
    parser.add_argument("--wall-tests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=10, help="alternating wall-time rounds per side")
    parser.add_argument("--per-plugin", action="store_true", help="instructions with each of our plugins blocked")
    args = parser.parse_args()
    if args.quick:
        args.wall_tests, args.rounds = 500, 3

    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small", Path(tmp) / "large"
        make_suite(small, args.callgrind_tests)
        make_suite(large, args.wall_tests)
        # Warm the bytecode caches of pytest and prodguard so neither side pays for compiling.
        run(pytest_command(True), small)

        if shutil.which("valgrind"):
            plain = instructions(pytest_command(False), small)
            guarded = instructions(pytest_command(True), small)
            ratio = guarded / plain
            print(f"instructions, {args.callgrind_tests} tests: plain {plain:,}  prodguard {guarded:,}")
            verdict = "ok" if ratio <= TARGET else "OVER TARGET"
            print(f"instruction ratio: {ratio:.4f} (target <= {TARGET}) {verdict}", flush=True)
            if args.per_plugin:
                for name in OUR_PLUGINS:
                    without = instructions(pytest_command(True, blocked=name), small)
                    share = (guarded - without) / (guarded - plain) if guarded > plain else 0.0
                    cost = guarded - without
                    print(f"  {name:<18} {cost:>12,} instructions ({share:.0%} of the overhead)", flush=True)
        else:
            print("valgrind not found: instruction counts skipped (apt-get install valgrind)")

        plain_times: list[float] = []
        guarded_times: list[float] = []
        for _ in range(args.rounds):
            plain_times.append(run(pytest_command(False), large))
            guarded_times.append(run(pytest_command(True), large))
        plain_median, guarded_median = statistics.median(plain_times), statistics.median(guarded_times)
        print(
            f"wall time, {args.wall_tests} tests, {args.rounds} alternating rounds: "
            f"plain {plain_median:.3f}s  prodguard {guarded_median:.3f}s (medians)"
        )
        print(f"wall-time ratio: {guarded_median / plain_median:.4f}")


if __name__ == "__main__":
    main()
