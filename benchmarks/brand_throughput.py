"""Brand throughput: prodguard's brand check against stylelint on Bootstrap's full stylesheet.

Fetches ``bootstrap`` from the npm registry and installs ``stylelint`` with
``stylelint-declaration-strict-value`` into ``benchmarks/.cache/brand`` (git-ignored) on first
run, then times whole processes in the same run (1 warm-up, then the median of ``--runs``):

* ``prodguard (pytest)``: a pytest run whose one collected item is ``bootstrap.css::brand``,
  the palette read from Bootstrap's own theme blocks (``:root`` and ``[data-bs-theme=dark]``
  custom properties, extracted into ``tokens.css``: a project's tokens live in their own file);
* ``prodguard (pytest, cached)``: the same run with pytest's cache on and the file unchanged;
* ``prodguard-brand (cli)``: the same check through the ``prodguard-brand`` command (no pytest);
* ``prodguard (api)``: the same check through the Python API in a bare interpreter;
* ``stylelint``: stylelint with strict-value on colour properties and font-family;
* ``pytest startup, no checks``: the same pytest command in an empty directory, so the check's
  own share of the pytest run can be told apart from pytest's (and its plugins') start-up.

It prints wall and CPU (user+sys of the child) medians, the ratios against stylelint (target:
at most 0.5), and the in-process check time for 1x, 2x and 4x concatenations of the file
(growth should be linear: about 2x and 4x). Children may write bytecode caches (as on any
developer machine; Node keeps its own compile cache too), so the warm-up run pays for compiling.

Before timing, it checks that the fast stylesheet outline finds exactly what tinycss2's full
parse finds on this file (a faster check that checked less would be no result).

Usage: ``python benchmarks/brand_throughput.py [--runs 5]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import textwrap
import time
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache" / "brand"
STYLELINT_CONFIG = {
    "plugins": ["stylelint-declaration-strict-value"],
    "rules": {
        "scale-unlimited/declaration-strict-value": [
            ["/color$/", "fill", "stroke", "font-family"],
            {"ignoreValues": ["currentColor", "inherit", "initial", "unset", "transparent", "none"]},
        ]
    },
}
PEER_PACKAGES = ("stylelint", "stylelint-declaration-strict-value")
API_SCRIPT = """
import sys
from pathlib import Path
from pytest_prodguard.brand.engine import Engine, Profile, scan_file
from pytest_prodguard.brand.engine.tolerance import Tolerance
css = Path(sys.argv[1])
engine = Engine(css.parent)
profile = Profile(("tokens.css",), Tolerance(), "allow", (), (), ())
print(len(scan_file(engine, profile, css).issues))
"""


def fetch_bootstrap() -> Path:
    target = CACHE / "bootstrap.css"
    if target.exists():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(
        ["npm", "pack", "bootstrap@5", "--pack-destination", str(CACHE), "--silent"],
        check=True,
        capture_output=True,
        text=True,
    )
    archive = CACHE / out.stdout.strip().splitlines()[-1]
    with tarfile.open(archive) as tar:
        member = tar.extractfile("package/dist/css/bootstrap.css")
        if member is None:
            raise SystemExit("bootstrap package holds no dist/css/bootstrap.css")
        target.write_bytes(member.read())
    return target


def theme_tokens(css: str) -> str:
    """Bootstrap's theme blocks (``:root, [data-bs-theme=light]`` and ``[data-bs-theme=dark]``)."""
    blocks = re.findall(r"^(?::root|\[data-bs-theme=[a-z]+\])[^{]*\{[^}]*\}", css, flags=re.MULTILINE)
    if not blocks:
        raise SystemExit("no theme blocks found in bootstrap.css")
    return "\n".join(blocks) + "\n"


def install_stylelint() -> Path | None:
    binary = CACHE / "node" / "node_modules" / ".bin" / "stylelint"
    if binary.exists():
        return binary
    if shutil.which("npm") is None or shutil.which("node") is None:
        return None
    (CACHE / "node").mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--prefix", str(CACHE / "node"), "--no-audit", "--no-fund", "--silent", *PEER_PACKAGES],
        check=True,
    )
    return binary


def sane(name: str, command: list[str], cwd: Path, codes: set[int]) -> str:
    """Run once and make sure the tool really checked the file (a crashed peer would look fast)."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=CHILD_ENV)
    if done.returncode not in codes:
        raise SystemExit(f"{name} exited {done.returncode}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done.stdout + done.stderr


CHILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
# Only pytest and prodguard: other plugins installed here (xdist, hypothesis...) are not what is measured.
CHILD_ENV["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
PYTEST = [sys.executable, "-m", "pytest", "-q", "-p", "pytest_prodguard.plugin"]


def timed(commands: dict[str, tuple[list[str], Path]], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each command over ``runs`` rounds (after one warm-up round).

    Every round runs every command once, so a machine that speeds up or slows down during the
    benchmark shifts all of them alike and the ratios stay fair.
    """
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for index in range(runs + 1):
        for name, (command, cwd) in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(
                command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=CHILD_ENV
            )
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if index:
                walls[name].append(wall)
                cpus[name].append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in commands}


def same_as_full_parse(css: Path) -> None:
    """The outline-based scan must report exactly what tinycss2's full parse reports."""
    from pytest_prodguard.brand.engine import Engine, Profile
    from pytest_prodguard.brand.engine.tolerance import Tolerance

    engine = Engine(css.parent)
    profile = Profile(("tokens.css",), Tolerance(), "allow", (), (), ())
    text = css.read_text(encoding="utf-8")
    fast, full = engine.scan(profile, text), engine.scan(profile, text)
    fast.stylesheet(text)
    full.full_parse(text)
    if (fast.issues, fast.checked) != (full.issues, full.checked):
        raise SystemExit("the outline-based scan and the full parse disagree on bootstrap.css")
    print(f"outline scan = full parse: {len(fast.issues)} issues, {fast.checked} declarations")


def growth(css: Path) -> list[tuple[int, float]]:
    """In-process check CPU time (best of 5) of 1x, 2x and 4x concatenations of the stylesheet."""
    from pytest_prodguard.brand.engine import Engine, Profile, scan_file
    from pytest_prodguard.brand.engine.matching import Matcher, Policy
    from pytest_prodguard.brand.engine.scan import Scan
    from pytest_prodguard.brand.engine.tolerance import Tolerance

    engine = Engine(css.parent)
    profile = Profile(("tokens.css",), Tolerance(), "allow", (), (), ())
    scan_file(engine, profile, css)  # warm the imports and colour caches
    palette = engine.palette(profile)
    text = css.read_text(encoding="utf-8")
    results = []
    for factor in (1, 2, 4):
        source = text * factor
        best = float("inf")
        for _ in range(5):
            # CPU time, not wall time: the growth check must not depend on the machine's other load.
            start = time.process_time()
            scan = Scan(Matcher(palette, Policy()), source)
            scan.stylesheet(source)
            best = min(best, time.process_time() - start)
        results.append((factor, best))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    css = fetch_bootstrap()
    stylelint = install_stylelint()
    work = CACHE / "run"
    work.mkdir(exist_ok=True)
    shutil.copy(css, work / "bootstrap.css")
    (work / "tokens.css").write_text(theme_tokens(css.read_text(encoding="utf-8")), encoding="utf-8")
    (work / "pytest.ini").write_text(
        "[pytest]\nprodguard_brand_tokens = tokens.css\nprodguard_brand_paths = bootstrap.css\n", encoding="utf-8"
    )
    (work / ".stylelintrc.json").write_text(json.dumps(STYLELINT_CONFIG), encoding="utf-8")
    size = css.stat().st_size
    print(f"input: bootstrap.css, {size:,} bytes, {css.read_text(encoding='utf-8').count(chr(10)):,} lines")

    commands = {
        "prodguard (pytest)": [*PYTEST, "-p", "no:cacheprovider"],
        "prodguard-brand (cli)": [str(Path(sys.executable).with_name("prodguard-brand")), "bootstrap.css"],
        "prodguard (api)": [sys.executable, "-c", textwrap.dedent(API_SCRIPT), "bootstrap.css"],
    }
    report = sane("prodguard (pytest)", commands["prodguard (pytest)"], work, {0, 1})
    findings = re.search(r"prodguard brand: (\d+) new finding", report)
    print(f"prodguard findings: {findings.group(1) if findings else 0}")
    sane("prodguard (api)", commands["prodguard (api)"], work, {0})
    cli = sane("prodguard-brand (cli)", commands["prodguard-brand (cli)"], work, {0, 1})
    print(f"prodguard-brand: {cli.strip().splitlines()[-1]}")
    same_as_full_parse(work / "bootstrap.css")
    if stylelint is not None:
        commands["stylelint + strict-value"] = [
            str(stylelint), "bootstrap.css", "--config-basedir", str(CACHE / "node"), "--formatter", "json"
        ]  # fmt: skip
        output = sane("stylelint", commands["stylelint + strict-value"], work, {0, 2})
        print(f"stylelint warnings: {output.count('declaration-strict-value')}")
    empty = work / "empty"
    empty.mkdir(exist_ok=True)
    (empty / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    runnable = {name: (command, work) for name, command in commands.items()}
    # An unchanged file is not checked again: its result comes from pytest's cache.
    runnable["prodguard (pytest, cached)"] = (PYTEST, work)
    runnable["pytest startup, no checks"] = (commands["prodguard (pytest)"], empty)
    rows = timed(runnable, runs)
    for name, (wall, cpu) in rows.items():
        print(f"{name:26} wall {wall:6.2f}s  cpu {cpu:6.2f}s")
    marginal = rows["prodguard (pytest)"][1] - rows["pytest startup, no checks"][1]
    print(f"prodguard's own cost inside pytest (cpu, minus an empty pytest run): {marginal:.2f}s")
    if stylelint is not None:
        peer_wall, peer_cpu = rows["stylelint + strict-value"]
        for name in ("prodguard (pytest)", "prodguard (pytest, cached)", "prodguard-brand (cli)", "prodguard (api)"):
            wall, cpu = rows[name]
            verdict = "ok" if wall <= 0.5 * peer_wall else "ABOVE TARGET"
            ratios = f"wall {wall / peer_wall:.2f}, cpu {cpu / peer_cpu:.2f}"
            print(f"ratio {name} / stylelint: {ratios} ({verdict}, target <= 0.5)")
    else:
        print("Node.js not found: stylelint comparison skipped")
    points = growth(work / "bootstrap.css")
    base = points[0][1]
    print("growth (in-process check, cpu): " + ", ".join(f"{f}x {t:.3f}s ({t / base:.2f})" for f, t in points))
    linear = all(0.7 * f <= t / base <= 1.3 * f for f, t in points)
    print(f"linear: {'yes' if linear else 'NO'} (each ratio within 30% of its size factor)")
    sys.stdout.flush()
    os._exit(0 if linear else 1)


if __name__ == "__main__":
    main()
