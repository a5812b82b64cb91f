"""Our page timing against Lighthouse on the same local pages and the same Chromium.

    python benchmarks/web_vs_lighthouse.py [--rounds 6] [--runs 3] [--pages busy.html ...] [--browser /usr/bin/chromium]

Our rounds and Lighthouse's runs alternate per page. Lighthouse (npm, installed into
benchmarks/.cache on first use) runs with
``--throttling-method=provided`` (no simulation: it reports what it observed), desktop form
factor, no screen emulation, and our Chromium launch flags, so both tools load the same page the
same way. Per page: the median over our cold rounds and over Lighthouse's runs of LCP, CLS, TBT
and the load event, their ratio, and the wall time each tool takes per page load.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from web_node import tool
from web_pages import serve, site

from pytest_prodguard.browser import LAUNCH_ARGS
from pytest_prodguard.web.loader import load_rounds
from pytest_prodguard.web.throttle import PROFILES

METRICS = (  # ours (seconds, CLS unitless) -> Lighthouse's "metrics" audit key (ms)
    ("lcp", "observedLargestContentfulPaint"),
    ("cls", "observedCumulativeLayoutShift"),
    ("tbt", "totalBlockingTime"),
    ("load", "observedLoad"),
)


def lighthouse(url: str, browser: str, out: Path) -> tuple[dict[str, float], float]:
    flags = " ".join(["--headless=new", "--window-size=1280,720", *LAUNCH_ARGS])
    command = [
        str(tool("lighthouse")),
        url,
        "--quiet",
        "--only-categories=performance",
        "--throttling-method=provided",
        "--form-factor=desktop",
        "--screenEmulation.disabled",
        f"--chrome-path={browser}",
        f"--chrome-flags={flags}",
        "--output=json",
        f"--output-path={out}",
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    took = time.perf_counter() - start
    metrics = json.loads(out.read_text())["audits"]["metrics"]["details"]["items"][0]
    return {ours: float(metrics[key]) / (1 if ours == "cls" else 1000) for ours, key in METRICS}, took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6, help="our cold rounds per page")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--browser", default="/usr/bin/chromium")
    parser.add_argument("--pages", nargs="*", help="only these pages (fast.html, heavy.html, ...)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp) / "www") as origin, sync_playwright() as pw:
        pages = site(Path(tmp) / "www")
        browser = pw.chromium.launch(executable_path=args.browser, args=list(LAUNCH_ARGS))
        print(f"{'page':<11} {'metric':<5} {'ours':>9} {'lighthouse':>11} {'ratio':>6}")
        for name, what in pages.items():
            if args.pages and name not in args.pages:
                continue
            url = f"{origin}/{name}"
            # Interleaved (some of our rounds, one Lighthouse run, ...) so that a change in machine load
            # hits both tools alike.
            rounds, runs, ours_took = [], [], 0.0
            for i in range(args.runs):
                start = time.perf_counter()
                n = args.rounds // args.runs + (1 if i < args.rounds % args.runs else 0)
                rounds += load_rounds(browser, url, n, cold=True, profile=PROFILES["off"], timeout_ms=60_000)
                ours_took += time.perf_counter() - start
                runs.append(lighthouse(url, args.browser, Path(tmp) / f"lh{i}.json"))
            ours_took /= len(rounds)
            lh_took = statistics.median(took for _, took in runs)
            for series, _ in METRICS:
                ours = statistics.median(getattr(r, series) for r in rounds)
                theirs = statistics.median(figures[series] for figures, _ in runs)
                ratio = f"{ours / theirs:.2f}" if theirs else ("=" if ours == theirs else "-")
                unit = "" if series == "cls" else "s"
                print(f"{name:<11} {series:<5} {ours:>8.3f}{unit} {theirs:>10.3f}{unit} {ratio:>6}")
            print(f"{name:<11} time per load: ours {ours_took:.2f}s, Lighthouse {lh_took:.2f}s  ({what})")
        browser.close()


if __name__ == "__main__":
    main()
