"""Hostile cases too slow for the suite: a gate printing 50 MB, pages that hang (before load; after, at 30 s).

Run: ``python benchmarks/hostile_slow.py``. Each case runs pytest on a small generated project
and checks the promise of issue 11: it ends (no hang), with no INTERNALERROR, and what it wrote
is bounded. Prints one line per case with its time and the sizes; exits non-zero on a failure.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUIET = ["-p", "no:randomly", "-p", "no:hypothesispytest", "-p", "no:benchmark", "-p", "no:cacheprovider"]
LOUD_GATE = """
import sys
chunk = "\\x1b[31m" + "x" * 1_000_000 + "\\x1b]0;title\\x07\\n"
for _ in range(50):
    sys.stdout.write(chunk)
sys.exit(1)
"""
HUNG_PAGE = (
    '<!doctype html><html lang="en"><head><title>spin</title></head><body><main><p>x</p></main>'
    '<script>addEventListener("load",()=>setTimeout(()=>{while(true){}},0))</script></body></html>'
)
SPIN_INLINE = (
    '<!doctype html><html lang="en"><head><title>spin</title></head><body><main><p>x</p></main>'
    "<script>while(true){}</script></body></html>"
)
GOOD_PAGE = '<!doctype html><html lang="en"><head><title>ok</title></head><body><main><p>ok</p></main></body></html>'


def pytest_run(project: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *QUIET, "--prodguard-json=r.json", "--junitxml=junit.xml", *args],
        cwd=project, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    return done, time.perf_counter() - started


def check(name: str, done: subprocess.CompletedProcess[str], elapsed: float, project: Path, expect: int) -> bool:
    output = done.stdout + done.stderr
    sizes = {f: (project / f).stat().st_size for f in ("r.json", "junit.xml") if (project / f).exists()}
    ok = done.returncode == expect and "INTERNALERROR" not in output and "\x1b" not in done.stdout
    ok = ok and len(output) < 200_000 and all(size < 200_000 for size in sizes.values()) and len(sizes) == 2
    print(f"{name:<28} exit {done.returncode} in {elapsed:5.1f}s; output {len(output)} chars; files {sizes}: "
          f"{'ok' if ok else 'FAILED'}")  # fmt: skip
    return ok


def loud_gate(project: Path) -> bool:
    (project / "loud.py").write_text(LOUD_GATE)
    (project / "pytest.ini").write_text(f"[pytest]\nprodguard_gates = loud: {sys.executable} loud.py\n")
    done, elapsed = pytest_run(project)
    ok = check("gate printing 50 MB", done, elapsed, project, 1)
    report = json.loads((project / "r.json").read_text())
    return ok and "bytes cut" in json.dumps(report["findings"])


def hung_page(project: Path) -> bool:
    (project / "a_hung.html").write_text(HUNG_PAGE)
    (project / "b_good.html").write_text(GOOD_PAGE)
    (project / "pytest.ini").write_text("[pytest]\nprodguard_a11y_pages = *.html\n")
    done, elapsed = pytest_run(project, "-rA")
    ok = check("hung page, default timeout", done, elapsed, project, 1)
    return ok and "PASSED b_good.html::a11y" in done.stdout and elapsed < 120


def inline_spin(project: Path) -> bool:
    (project / "a_spins.html").write_text(SPIN_INLINE)
    (project / "b_good.html").write_text(GOOD_PAGE)
    (project / "pytest.ini").write_text("[pytest]\nprodguard_a11y_pages = *.html\nprodguard_a11y_timeout = 2s\n")
    done, elapsed = pytest_run(project, "-rA")
    ok = check("page spinning before load", done, elapsed, project, 1)
    return ok and "PASSED b_good.html::a11y" in done.stdout and elapsed < 60


def main() -> int:
    results = []
    for case in (loud_gate, inline_spin, hung_page):
        with tempfile.TemporaryDirectory() as folder:
            results.append(case(Path(folder)))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
