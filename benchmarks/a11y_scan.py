"""prodguard's axe scan against a bare axe-playwright-python ``Axe().run(page)``, side by side.

    python benchmarks/a11y_scan.py [--pages 50] [--rounds 3] [--browser /usr/bin/chromium]

One browser, one local server, generated static pages of a few hundred elements each (with
some known problems). Modes run interleaved page by page, so machine noise hits both alike:

* first scan of a freshly loaded page: ours (inject into every frame + violations only, compact
  result) vs ``Axe().run(page)``;
* a second scan of the same page (as after an interaction): ours reuses the injected axe, the
  stock wrapper injects the whole script again;
* the collected-pages path: all pages loaded one after another in one guarded tab and scanned,
  the browser launched once.

Prints medians and the ratios (ours / stock; below 1 means faster).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import sync_playwright

from pytest_prodguard.a11y.axe import ScanOptions, run
from pytest_prodguard.a11y.options import DEFAULT_TAGS
from pytest_prodguard.browser import LAUNCH_ARGS, PageServer, discover, guard_context
from pytest_prodguard.config import parse_list

GIF = "data:image/gif;base64,R0lGODlhAQABAAAAACw="


def make_page(index: int) -> str:
    rows = "".join(
        f"<tr><td>Item {index}-{r}</td><td>{r * 3}</td><td><a href='#r{r}'>More</a></td></tr>" for r in range(40)
    )
    fields = "".join(
        f"<label for='f{f}'>Field {f}</label><input id='f{f}' type='text'>"
        if f % 7
        else f"<input id='f{f}' type='text'>"
        for f in range(20)
    )
    alts = ["" if i % 5 == 0 else f" alt='Picture {i}'" for i in range(20)]
    images = "".join(f"<img src='{GIF}' width='8' height='8'{alt}>" for alt in alts)
    items = "".join(f"<li><a href='page{(index + i) % 50}.html'>Page {i}</a></li>" for i in range(30))
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Page {index}</title></head><body>"
        f"<header><nav><ul>{items}</ul></nav></header><main><h1>Page {index}</h1>"
        f"<p style='color:#999'>Low contrast intro text.</p><table><thead><tr><th>Name</th><th>Value</th>"
        f"<th>Link</th></tr></thead><tbody>{rows}</tbody></table><form>{fields}</form>{images}</main>"
        "<footer><p>Footer</p></footer></body></html>"
    )


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=1, help="passes over the pages for the scan comparison")
    parser.add_argument("--browser", type=Path, default=None)
    args = parser.parse_args()

    options = ScanOptions(tags=parse_list(DEFAULT_TAGS))
    stock_options = {"resultTypes": ["violations"], "runOnly": {"type": "tag", "values": list(options.tags)}}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        root = Path(tmp)
        for index in range(args.pages):
            (root / f"page{index}.html").write_text(make_page(index), encoding="utf-8")
        server = PageServer(root)
        found = discover(args.browser, "--browser", Path(playwright.chromium.executable_path))
        browser = playwright.chromium.launch(executable_path=str(found.path), args=list(LAUNCH_ARGS))
        stock = Axe()
        page = browser.new_page()
        first: dict[str, list[float]] = {"ours": [], "stock": []}
        again: dict[str, list[float]] = {"ours": [], "stock": []}
        for round_ in range(args.rounds):
            for index in range(args.pages):
                url = server.url_for(f"page{index}.html")
                order = ("ours", "stock") if (index + round_) % 2 == 0 else ("stock", "ours")
                for mode in order:
                    page.goto(url)
                    for bucket in (first, again):
                        started = time.perf_counter()
                        if mode == "ours":
                            run(page, options, url)
                        else:
                            stock.run(page, options=stock_options)
                        bucket[mode].append(time.perf_counter() - started)
        page.close()

        context = browser.new_context()
        guard_context(context, server)
        tab = context.new_page()
        started = time.perf_counter()
        violations = 0
        for index in range(args.pages):
            tab.goto(server.url_for(f"page{index}.html"), wait_until="load")
            violations += run(tab, options, f"page{index}.html").violation_count
        site_seconds = time.perf_counter() - started
        context.close()
        browser.close()
        server.close()

    print(f"browser: {found.path} ({found.source}); {args.pages} pages x {args.rounds} rounds, interleaved")
    for label, bucket in (("first scan of a page", first), ("second scan, same page", again)):
        ours, theirs = median_ms(bucket["ours"]), median_ms(bucket["stock"])
        print(f"{label:24} ours {ours:7.1f} ms   Axe().run {theirs:7.1f} ms   ratio {ours / theirs:.2f}")
    print(
        f"{args.pages} static pages, one launch, one tab: {site_seconds:.2f} s "
        f"({site_seconds / args.pages * 1000:.0f} ms per page, load + scan), {violations} violations"
    )


if __name__ == "__main__":
    main()
