"""Slowdown of a memory-traced test under each prodguard measuring tool, against pytest-memray's.

The same tests run in every mode; only the tracing differs:

* ``untraced``: no memory budget, no pytest-memray (the reference);
* ``tracemalloc``, ``memray``, ``memray+allocated``, ``rss``: ``@pytest.mark.budget(memory=...)``
  with ``prodguard_budgets_memory`` set to the tool (``memray+allocated`` also states
  ``allocated``, which needs memray's full capture);
* ``pytest-memray``: no budget, ``--memray`` (its default: aggregated capture, no native stacks).

Each test's time is its JUnit ``time`` (setup + call + teardown, so the tools' start and stop
are counted); a mode's figure per workload is the median over rounds of the summed times, and the
ratio is against ``untraced`` in the same round, so a busy machine moves both sides alike.

Run: ``python benchmarks/resource_overhead.py`` (``--rounds 2`` for a short run).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

WORKLOADS = {
    # Many small Python objects: the worst case for a per-allocation tracer.
    "small objects": """
    rows = [{"id": n, "name": str(n) * 3, "tags": list(range(n % 7))} for n in range(5_000)]
    assert len(json.loads(json.dumps(rows))) == 5_000
""",
    # A few large buffers: cheap for every tracer.
    "large buffers": """
    blocks = [bytearray(5_000_000) for _ in range(10)]
    assert sum(len(b) for b in blocks) == 50_000_000
""",
    # Arithmetic, hardly any allocation: what tracing costs when there is little to trace.
    "cpu bound": """
    total = 0
    for n in range(100_000):
        total += n * n % 7
    assert total > 0
""",
}
TESTS_PER_WORKLOAD = 4
MODES = ("untraced", "tracemalloc", "memray", "memray+allocated", "rss", "pytest-memray")


def make_suite(root: Path, mode: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pytest.ini").write_text("[pytest]\n")
    marker = ""
    if mode in ("tracemalloc", "memray", "rss"):
        marker = '@pytest.mark.budget(memory="2GB")\n'
    elif mode == "memray+allocated":
        marker = '@pytest.mark.budget(memory="2GB", allocated="20GB")\n'
    for index, (name, body) in enumerate(WORKLOADS.items()):
        tests = "".join(f"{marker}def test_{index}_{n}():\n{body.rstrip()}\n\n\n" for n in range(TESTS_PER_WORKLOAD))
        (root / f"test_{name.replace(' ', '_')}.py").write_text(f"import json\nimport pytest\n\n\n{tests}")


def command(mode: str, junit: Path) -> list[str]:
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}"]
    args += ["-p", "no:benchmark", "-p", "no:xdist", "-o", "prodguard_suite_budget=off"]
    if mode == "pytest-memray":
        return [*args, "--memray", "--hide-memray-summary"]
    args += ["-p", "no:memray"]
    if mode in ("tracemalloc", "memray", "rss"):
        args += ["-o", f"prodguard_budgets_memory={mode}"]
    elif mode == "memray+allocated":
        args += ["-o", "prodguard_budgets_memory=memray"]
    return args


def times(mode: str, root: Path) -> dict[str, float]:
    """Summed test times per workload of one run."""
    junit = root / "junit.xml"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRODGUARD_", "PYTEST_"))}
    done = subprocess.run(command(mode, junit), cwd=root, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode}: pytest failed:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    sums = dict.fromkeys(WORKLOADS, 0.0)
    names = list(WORKLOADS)
    for case in ET.parse(junit).iter("testcase"):
        index = int(case.get("name", "test_0").split("_")[1])
        sums[names[index]] += float(case.get("time", "0"))
    return sums


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds of every mode")
    args = parser.parse_args()
    ratios: dict[str, dict[str, list[float]]] = {mode: {w: [] for w in WORKLOADS} for mode in MODES}
    absolute: dict[str, list[float]] = {w: [] for w in WORKLOADS}
    with tempfile.TemporaryDirectory() as tmp:
        roots = {mode: Path(tmp) / mode.replace("+", "_") for mode in MODES}
        for mode, root in roots.items():
            make_suite(root, mode)
        for round_number in range(args.rounds):
            measured = {mode: times(mode, root) for mode, root in roots.items()}
            for workload in WORKLOADS:
                reference = measured["untraced"][workload]
                absolute[workload].append(reference / TESTS_PER_WORKLOAD)
                for mode in MODES:
                    ratios[mode][workload].append(measured[mode][workload] / reference)
            print(f"round {round_number + 1}/{args.rounds} done", file=sys.stderr)
    print(f"Slowdown of a test against the untraced run (median of {args.rounds} rounds; lower is better)\n")
    header = "| mode | " + " | ".join(WORKLOADS) + " |"
    print(header)
    print("| --- " * (len(WORKLOADS) + 1) + "|")
    print(
        "| untraced, per test | "
        + " | ".join(f"{statistics.median(absolute[w]) * 1e3:.1f} ms" for w in WORKLOADS)
        + " |"
    )
    for mode in MODES[1:]:
        cells = " | ".join(f"{statistics.median(ratios[mode][w]):.2f}x" for w in WORKLOADS)
        print(f"| {mode} | {cells} |")
    print("\nAgainst pytest-memray (ratio of ratios, same rounds):\n")
    for mode in MODES[1:-1]:
        against = {
            w: statistics.median(a / b for a, b in zip(ratios[mode][w], ratios["pytest-memray"][w], strict=True))
            for w in WORKLOADS
        }
        cells = ", ".join(f"{w} {ratio:.2f}x" for w, ratio in against.items())
        print(f"- {mode}: {cells}")


if __name__ == "__main__":
    main()
