"""Shared test helpers: a tiny demo gate that records findings through the public API."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pytest_prodguard.brand.engine.palette import Palette

# pytester's in-process runs drop every module first imported during the run. prodguard loads
# its machinery lazily, so without this each inner run would import (and assertion-rewrite) the
# parts and their libraries again; imported once here, the inner runs share them.
PRELOADED = (
    "pytest_prodguard.findings",
    "pytest_prodguard.baseline",
    "pytest_prodguard._longrepr",
    "pytest_prodguard.report.json_report",
    "pytest_prodguard.budgets.judging",
    "pytest_prodguard.gates.items",
    "pytest_prodguard.brand.engine",
    "pytest_prodguard.brand.items",
    "pytest_prodguard.brand.fixture",
    "pytest_prodguard.a11y.scanning",
    "pytest_prodguard.a11y.fixture",
    "pytest_prodguard.a11y.items",
    "pytest_prodguard.browser.session",
    "pytest_prodguard.browser.server",
    "pytest_prodguard.web.fixture",
    "pytest_prodguard.web.items",
    # loaded lazily by the brand part; an inner run that first imports it would drop it again and
    # leave the colours cached by the modules above belonging to a discarded copy
    "coloraide",
    "coloraide.css.color_names",
)
for _module in PRELOADED:
    importlib.import_module(_module)

DEMO_GATE_CONFTEST = """
from pytest_prodguard import Finding, Severity, mark_checked, record_finding

def pytest_prodguard_judge(item, call):
    if call.when != "call":
        return
    mark_checked(item, "demo")
    for marker in item.iter_markers("demo_finding"):
        record_finding(item, Finding(
            gate="demo", rule=marker.kwargs.get("rule", "r1"), message=marker.args[0],
            severity=Severity(marker.kwargs.get("severity", "error")),
            path="site.css", line=3, col=7, key=marker.args[0], fix="use var(--brand)",
        ))

def pytest_configure(config):
    config.addinivalue_line("markers", "demo_finding(message, rule='r1', severity='error'): test helper")
"""


@pytest.fixture
def demo_gate(pytester: pytest.Pytester) -> pytest.Pytester:
    """A pytester whose conftest records a 'demo' finding for each ``demo_finding`` marker."""
    pytester.makeconftest(DEMO_GATE_CONFTEST)
    return pytester


@pytest.fixture
def pytester(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> pytest.Pytester:
    """Inner runs skip plugins they do not test: hypothesis' costs ~0.7 s per in-process run,
    pytest-benchmark's ~16 ms (only the budgets tests bridge to it), pytest-timeout's ~8 ms (only
    the suite-gate tests check the interplay with it).

    Set after pytester itself starts, because pytester clears PYTEST_ADDOPTS for isolation.
    """
    skipped = ["-p", "no:hypothesispytest"]
    if "budgets" not in request.node.path.parts:
        skipped += ["-p", "no:benchmark"]
    if request.node.path.name != "test_suite_gate.py":
        skipped += ["-p", "no:timeout"]
    if request.node.path.name != "test_budgets_resources.py":
        skipped += ["-p", "no:memray"]  # ~0.4 s to import in each fresh interpreter
    monkeypatch.setenv("PYTEST_ADDOPTS", " ".join(skipped))
    # Inner runs must not inherit this run's prodguard settings, nor look like xdist workers when
    # this suite itself runs under xdist (pytest-benchmark and prodguard read these variables).
    for name in list(os.environ):
        if name.startswith(("PRODGUARD_", "PYTEST_XDIST_")):
            monkeypatch.delenv(name)
    return pytester


BROWSER_FIXTURES = {"prodguard_browser", "prodguard_page", "prodguard_server", "chromium", "page_timing"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "outer_browser_unused: a browser-part test that starts no Chromium here")


def _starts_the_browser(item: pytest.Item) -> bool:
    if item.get_closest_marker("outer_browser_unused"):
        return False
    parts = item.path.parts
    uses = set(getattr(item, "fixturenames", ()))
    browser_file = item.path.name.startswith("test_web_page")
    return "a11y" in parts or "browser" in parts or browser_file or bool(uses & BROWSER_FIXTURES)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that may start the session's Chromium run first (see ``pytest_xdist_make_scheduler``).

    Playwright's sync API marks an asyncio loop as running in its thread while started, so a
    test that needs ``asyncio.run`` runs its inner pytest in a subprocess.
    """
    items.sort(key=lambda item: not _starts_the_browser(item))


#: Node-id prefixes of the tests that start the session's Chromium (the controller sees only ids).
BROWSER_TESTS = (
    "tests/a11y/",
    "tests/browser/",
    "tests/hostile/test_hostile_browser.py",
    "tests/brand/test_brand_live",
    "tests/brand/test_brand_examples.py",
    "tests/web/test_web_page",
    "tests/report/test_report_html_browser.py",
    "tests/report/test_webapp_example.py",
)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under ``-n``, every browser test goes to one worker, the other tests to whichever is free.

    One Chromium for the run instead of one per worker: on two cores a second browser competes
    with the tests for CPU (measured: about 20 s instead of 22 to 27 s for the whole suite).
    xdist's own ``--dist loadgroup`` cannot do this with pytest 9.2: it renames ``item._nodeid``,
    which pytest no longer reads, so its groups are silently ignored.
    """
    if config.getvalue("dist") not in {"load", "loadgroup"}:
        return None
    from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped,unused-ignore]

    class BrowserTestsTogether(LoadScopeScheduling):  # type: ignore[misc,unused-ignore]
        def _split_scope(self, nodeid: str) -> str:
            return "browser" if nodeid.startswith(BROWSER_TESTS) else nodeid

    return BrowserTestsTogether(config, log)


@pytest.fixture
def palette(tmp_path: Path) -> Palette:
    """The brand tests' sample palette (tests/brand/brand_helpers.py writes its tokens)."""
    from brand_helpers import write_tokens

    from pytest_prodguard.brand.engine.tokens import load_palette

    return load_palette([write_tokens(tmp_path)], tmp_path)


@pytest.fixture(scope="session")
def chromium(prodguard_browser: Any) -> Any:
    """The session's shared Chromium: a second Playwright in one thread is refused."""
    return prodguard_browser
