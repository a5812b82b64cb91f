"""Overhead of prodguard (all parts, defaults) on a suite of trivial tests, against plain pytest.

Two measurements, both printed as ratios measured side by side in this one run:

* instructions counted by valgrind's callgrind (``PYTHONHASHSEED=0`` makes them repeatable) for
  a few hundred tests: the figure the target is judged on, immune to a busy machine;
* wall time of many alternating runs on 3,000 tests (median of each side): a sanity check.

Both sides load plugins the usual way (entry points) with every other installed plugin blocked,
and the plain side adds ``-p no:prodguard``: the only difference is prodguard.

With ``--per-plugin`` it also counts the instructions of runs with one of prodguard's plugins
blocked at a time (``-p no:prodguard.attach`` ...), so each one's share of the overhead is measured
rather than guessed. With ``--phases`` it splits both sides' counts at the hooks that bound pytest's
phases (start-up, configure, collection, the tests, session finish, exit), so the overhead of each
phase is measured too: callgrind dumps its counts whenever a tiny marker plugin calls ``getppid``.

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


#: The hooks that bound the phases, as (order, hook, argument) of the plugin that marks them.
_BOUNDS = (
    ("tryfirst", "pytest_cmdline_main", "config"),
    ("tryfirst", "pytest_sessionstart", "session"),
    ("trylast", "pytest_collection_finish", "session"),
    ("trylast", "pytest_unconfigure", "config"),
)
#: Marks the phase boundaries for ``--phases`` (each getppid call makes callgrind dump its counts).
#: The tests end where pytest's run-test loop returns, before any plugin's session-finish work.
PHASE_MARKS = (
    "import os\nimport pytest\n"
    + "".join(
        f"\n@pytest.hookimpl({order}=True)\ndef {hook}({arg}):\n    os.getppid()\n" for order, hook, arg in _BOUNDS
    )
    + "\n@pytest.hookimpl(wrapper=True)\ndef pytest_runtestloop(session):\n"
    + "    result = yield\n    os.getppid()\n    return result\n"
)
PHASES = ("start-up (imports, options)", "configure", "collection", "tests", "session finish, summary", "exit")


def environment(pythonpath: str | None = None) -> dict[str, str]:
    env = dict(os.environ, PYTHONHASHSEED="0")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # pytest caches its assertion-rewritten plugin modules
    return {k: v for k, v in env.items() if not k.startswith("PRODGUARD_")}


def run(command: list[str], cwd: Path, pythonpath: str | None = None) -> float:
    start = time.perf_counter()
    env = environment(pythonpath)
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
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


def phase_instructions(command: list[str], cwd: Path, marks: Path) -> list[int]:
    """Instructions per phase (see PHASES) of one run with the phase-marking plugin loaded."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        valgrind = ["valgrind", "--tool=callgrind", "--dump-before=getppid", f"--callgrind-out-file={out}"]
        run([*valgrind, *command, "-p", "prodguard_phase_marks"], cwd, pythonpath=str(marks))
        dumps = sorted(Path(tmp).glob("callgrind.out.*"), key=lambda path: int(path.suffix[1:]))
        counts = []
        for dump in [*dumps, out]:  # the numbered dumps in order, then the counts up to the exit
            for line in dump.read_text().splitlines():
                if line.startswith(("summary:", "totals:")):
                    counts.append(int(line.split()[1]))
                    break
        return counts


def print_phases(small: Path, tmp: Path) -> None:
    marks = tmp / "marks"
    marks.mkdir()
    (marks / "prodguard_phase_marks.py").write_text(PHASE_MARKS)
    plain = phase_instructions(pytest_command(False), small, marks)
    guarded = phase_instructions(pytest_command(True), small, marks)
    print("instructions per phase (both sides with the phase marks on PYTHONPATH):")
    for name, p, g in zip(PHASES, plain, guarded, strict=False):
        print(f"  {name:<28} plain {p:>14,}  prodguard {g:>14,}  overhead {g - p:>12,}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer tests and rounds")
    parser.add_argument("--callgrind-tests", type=int, default=500)
    parser.add_argument("--wall-tests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=10, help="alternating wall-time rounds per side")
    parser.add_argument("--per-plugin", action="store_true", help="instructions with each of our plugins blocked")
    parser.add_argument("--phases", action="store_true", help="instructions per phase of the run, both sides")
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
            if args.phases:
                print_phases(small, Path(tmp))
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
