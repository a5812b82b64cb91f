"""What page timing costs over bare page loads: 20 rounds per page, both ways, same browser.

    python benchmarks/web_timing_cost.py [--rounds 20] [--browser /usr/bin/chromium]

* bare cold: a new context and page per load, ``page.goto(url, wait_until="load")``, closed;
* ours cold: ``load_rounds(..., cold=True)`` (protocol session, network events, observers, read-out);
* bare warm: one page, ``goto`` again and again; ours warm: ``load_rounds(..., cold=False)``
  (which adds one untimed priming load);
* the optimisation findings' extra load with coverage, once per page.

Pages alternate between the modes so machine noise hits all alike. Prints wall time per page
and the ratios ours / bare.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from web_pages import serve, site

from pytest_prodguard.browser import LAUNCH_ARGS
from pytest_prodguard.web.loader import audit_load, load_rounds
from pytest_prodguard.web.throttle import PROFILES


def bare(browser: Browser, url: str, rounds: int, cold: bool) -> None:
    if cold:
        for _ in range(rounds):
            context = browser.new_context()
            context.new_page().goto(url, wait_until="load")
            context.close()
        return
    context = browser.new_context()
    page = context.new_page()
    for _ in range(rounds):
        page.goto(url, wait_until="load")
    context.close()


def step(browser: Browser, url: str, key: str, rounds: int) -> None:
    off = PROFILES["off"]
    if key.startswith("bare"):
        bare(browser, url, rounds, key.endswith("cold"))
    elif key.startswith("ours"):
        load_rounds(browser, url, rounds, cold=key.endswith("cold"), profile=off, timeout_ms=60_000)
    else:
        audit_load(browser, url, profile=off, timeout_ms=60_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--browser", default="/usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp) / "www") as origin, sync_playwright() as pw:
        pages = [p for p in site(Path(tmp) / "www") if p != "slow.html"]
        browser = pw.chromium.launch(executable_path=args.browser, args=list(LAUNCH_ARGS))
        bare(browser, f"{origin}/fast.html", 2, True)  # warm the browser up
        took: dict[str, list[float]] = {k: [] for k in ("bare cold", "ours cold", "bare warm", "ours warm", "audit")}
        for name in pages:
            url = f"{origin}/{name}"
            for key in took:
                start = time.perf_counter()
                step(browser, url, key, args.rounds)
                took[key].append(time.perf_counter() - start)
        browser.close()
    for key, values in took.items():
        print(f"{key:<10} median {statistics.median(values):.2f}s per page ({args.rounds} rounds; audit: 1 load)")
    for mode in ("cold", "warm"):
        ratio = statistics.median(took[f"ours {mode}"]) / statistics.median(took[f"bare {mode}"])
        print(f"ours / bare, {mode}: {ratio:.2f}")


if __name__ == "__main__":
    main()
