"""Shared test helpers: a tiny demo gate that records findings through the public API."""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
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
    # loaded lazily by the parts; an inner run that first imports one would drop it again and
    # leave what the modules above cached (coloraide colours) belonging to a discarded copy
    "coloraide",
    "coloraide.css.color_names",
    "tinycss2",
    "lxml.etree",
    "lxml.html",
    "json5",
    "playwright.sync_api",
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


INNER_RUN_BLOCKED = ("-p", "no:randomly", "-p", "no:asyncio", "-p", "no:playwright", "-p", "no:rerunfailures")


@pytest.fixture
def pytester(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> pytest.Pytester:
    """Inner runs skip plugins they do not test: hypothesis' costs ~0.7 s per in-process run,
    pytest-benchmark's ~16 ms (only the budgets tests bridge to it), pytest-timeout's ~8 ms (only
    the suite-gate tests check the interplay with it).

    Plugins teams run beside prodguard (pytest-randomly, pytest-asyncio, pytest-playwright,
    pytest-rerunfailures, pytest-cov, pytest-html) are off in inner runs too, unless a test turns
    one back on with ``-p NAME``: pytest-playwright's soft-assertion scope cannot nest inside the
    outer run's, and pytest-asyncio warns about its unset loop scope in every run.

    Set after pytester itself starts, because pytester clears PYTEST_ADDOPTS for isolation.
    """
    skipped = ["-p", "no:hypothesispytest", *INNER_RUN_BLOCKED]
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

#: Where the tests that start this process's Chromium live: under xdist the controller schedules
#: by node id alone (it collects nothing), so it cannot ask a test which fixtures it uses.
BROWSER_TESTS = (
    "tests/a11y/",
    "tests/browser/",
    "tests/hostile/test_hostile_browser.py",
    "tests/brand/test_brand_live",
    "tests/brand/test_brand_examples.py",
    "tests/web/test_web_page",
    "tests/report/test_report_html_browser.py",
    "tests/report/test_webapp_example.py",
    # Their inner runs start Chromium in worker processes: kept beside the other browser tests.
    "tests/compat/test_playwright_compat.py",
)
#: Tests there that start no Chromium in this process (their inner pytest runs start their own).
OUTER_BROWSER_UNUSED = ("tests/a11y/test_a11y_plugin.py::test_collected_pages_under_xdist",)


#: Tests that start other processes (an inner pytest under xdist, pytest-playwright's runs):
#: with the browser tests they make the end-to-end tier (marker ``e2e``), which CI runs as a run of
#: its own after the fast tier (see scripts/test).
MULTI_PROCESS_TESTS = (
    "tests/a11y/test_a11y_plugin.py::test_collected_pages_under_xdist",
    "tests/budgets/test_budgets_regression.py::test_under_xdist",
    "tests/budgets/test_budgets_resources.py::test_under_xdist_with_recorded_values",
    "tests/compat/test_reruns.py::test_reruns_count_the_final_attempt_only[xdist]",
    "tests/compat/test_playwright_compat.py",
    "tests/core/test_hooks_and_json.py::test_under_xdist_findings_hooks_and_baseline_update",
    "tests/core/test_suite_gate.py::test_breach_and_stop_on_breach_under_xdist",
    "tests/gates/test_gates_plugin.py::test_gates_are_distributed_under_xdist_with_the_same_findings",
    "tests/web/test_web_bundles.py::test_bundle_items_under_xdist",
)


def starts_the_browser(nodeid: str) -> bool:
    return nodeid.startswith(BROWSER_TESTS) and not nodeid.startswith(OUTER_BROWSER_UNUSED)


def is_end_to_end(nodeid: str) -> bool:
    return nodeid.startswith(BROWSER_TESTS) or nodeid.startswith(MULTI_PROCESS_TESTS)


def holds_end_to_end_tests(relative: str) -> bool:
    """Whether a test file (path from the rootdir) may hold a test :func:`is_end_to_end` picks."""
    return any(
        relative.startswith(prefix) or prefix.startswith(relative + "::")
        for prefix in BROWSER_TESTS + MULTI_PROCESS_TESTS
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Under ``-m e2e`` exactly (the end-to-end tier) a test file without an end-to-end test is not
    imported at all: every test in it would be deselected, and collecting the whole suite costs each
    xdist worker about a second. The fast tier collects everything, so the checks of
    :func:`pytest_collection_modifyitems` still see every test."""
    if config.getoption("markexpr", "") != "e2e" or not collection_path.name.startswith("test_"):
        return None
    if collection_path.suffix != ".py" or not collection_path.is_relative_to(config.rootpath):
        return None
    return not holds_end_to_end_tests(collection_path.relative_to(config.rootpath).as_posix()) or None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "outer_browser_unused: a browser-part test that starts no Chromium here")
    config.addinivalue_line(
        "markers", "e2e: end-to-end tier (a real Chromium or other processes); set by tests/conftest.py"
    )
    # Playwright's driver is a Node process, started by each process of ours that drives a browser
    # (this run's workers, inner xdist workers, subprocess runs): with Node's on-disk compile cache
    # each start costs about 0.13 s less CPU. Children inherit the variable.
    cache = getattr(config, "cache", None)
    if cache is not None:
        os.environ.setdefault("NODE_COMPILE_CACHE", str(cache.mkdir("node-compile-cache")))


def _uses_the_browser(item: pytest.Item) -> bool:
    if item.get_closest_marker("outer_browser_unused"):
        return False
    parts = item.path.parts
    uses = set(getattr(item, "fixturenames", ()))
    browser_file = item.path.name.startswith("test_web_page")
    return "a11y" in parts or "browser" in parts or browser_file or bool(uses & BROWSER_FIXTURES)


@pytest.hookimpl(tryfirst=True)  # before -m reads the markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The order every worker reports to the scheduler (``pytest_xdist_make_scheduler``): tests that
    may start the session's Chromium first, then the tests that run an inner pytest or a process
    (the costly ones: started early, they leave the cheap tests to even out the workers' ends).

    Playwright's sync API marks an asyncio loop as running in its thread while started, so a
    test that needs ``asyncio.run`` runs its inner pytest in a subprocess.
    """
    wrong = [item.nodeid for item in items if _uses_the_browser(item) and not starts_the_browser(item.nodeid)]
    wrong += [
        item.nodeid
        for item in items
        if item.get_closest_marker("outer_browser_unused") and not item.nodeid.startswith(OUTER_BROWSER_UNUSED)
    ]
    if wrong:
        raise pytest.UsageError(
            "tests/conftest.py: add these tests to BROWSER_TESTS or OUTER_BROWSER_UNUSED (the xdist controller "
            f"schedules by node id alone): {', '.join(wrong)}"
        )
    for item in items:
        if is_end_to_end(item.nodeid):
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: (not starts_the_browser(item.nodeid), not _runs_pytest_or_a_process(item)))


def _runs_pytest_or_a_process(item: pytest.Item) -> bool:
    module = getattr(item, "module", None)
    return "pytester" in getattr(item, "fixturenames", ()) or hasattr(module, "subprocess")


_WORKERS = pytest.StashKey[int]()


def pytest_xdist_setupnodes(config: pytest.Config, specs: list[Any]) -> None:
    config.stash[_WORKERS] = len(specs)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under ``-n`` (``--dist load``, the default), :class:`BrowserTestsTogether` schedules."""
    if config.getvalue("dist") != "load":
        return None
    return BrowserTestsTogether(config.stash.get(_WORKERS, 1), log)


class BrowserTestsTogether:
    """xdist's scheduler protocol, implemented here on its own (no xdist class or private method).

    Every test that starts the session's Chromium goes to one worker, in collection order: one
    Chromium for the run instead of one per worker (on two cores a second browser competes with
    the tests for CPU). The other tests form one queue that both workers draw from in chunks that
    shrink as it empties, so whichever worker is free takes the next test and both end together.
    A worker runs a test only once it knows the next one (or is told to stop), so each is kept
    with at least two pending. xdist's own ``--dist loadgroup`` cannot do this with pytest 9.2: it
    renames ``item._nodeid``, which pytest no longer reads, so its groups are silently ignored.
    """

    def __init__(self, workers: int, log: Any) -> None:
        self.workers = workers
        self.log = log
        self.node2collection: dict[Any, list[str]] = {}
        self.node2pending: dict[Any, list[int]] = {}
        self.collection: list[str] | None = None
        self.browser: list[int] = []
        self.shared: list[int] = []
        self.browser_node: Any = None
        self.stopped: set[Any] = set()

    @property
    def nodes(self) -> list[Any]:
        return list(self.node2pending)

    @property
    def collection_is_completed(self) -> bool:
        return len(self.node2collection) >= self.workers

    @property
    def tests_finished(self) -> bool:
        if not self.collection_is_completed or self.browser or self.shared:
            return False
        return all(len(pending) < 2 for pending in self.node2pending.values())

    @property
    def has_pending(self) -> bool:
        return bool(self.browser or self.shared or any(self.node2pending.values()))

    def add_node(self, node: Any) -> None:
        self.node2pending[node] = []

    def add_node_collection(self, node: Any, collection: Sequence[str]) -> None:
        self.node2collection[node] = list(collection)

    def mark_test_complete(self, node: Any, item_index: int, duration: float = 0) -> None:
        self.node2pending[node].remove(item_index)
        self._feed(node)

    def mark_test_pending(self, item: str) -> None:
        assert self.collection is not None
        self._requeue([self.collection.index(item)])
        for node in self.nodes:
            self._feed(node)

    def remove_pending_tests_from_node(self, node: Any, indices: Sequence[int]) -> None:
        raise NotImplementedError("this scheduler never asks a worker to give tests back")

    def remove_node(self, node: Any) -> str | None:
        """A worker died: the test it was running is the crash; the rest go back to the queues."""
        pending = self.node2pending.pop(node)
        if node is self.browser_node:
            self.browser_node = None
        if not pending:
            return None
        assert self.collection is not None
        crashed = self.collection[pending[0]]
        self._requeue(pending[1:])
        for other in self.nodes:
            self._feed(other)
        return crashed

    def schedule(self) -> None:
        if self.collection is None:
            collections = list(self.node2collection.values())
            for other in collections[1:]:
                if other != collections[0]:
                    differ = sorted(set(other) ^ set(collections[0]))[:5] or ["(the order differs)"]
                    self.log("**Different tests collected, aborting run**")
                    raise RuntimeError(f"xdist workers collected different tests: {', '.join(differ)}")
            self.collection = collections[0]
            for index, nodeid in enumerate(self.collection):
                (self.browser if starts_the_browser(nodeid) else self.shared).append(index)
        for node in self.nodes:
            if node in self.node2collection:
                self._feed(node)

    def _requeue(self, indices: list[int]) -> None:
        assert self.collection is not None
        self.browser[:0] = [i for i in indices if starts_the_browser(self.collection[i])]
        self.shared[:0] = [i for i in indices if not starts_the_browser(self.collection[i])]

    def _feed(self, node: Any) -> None:
        pending = self.node2pending[node]
        if node in self.stopped or self.collection is None or len(pending) > 2:
            return
        if self.browser and self.browser_node in (None, node):
            self.browser_node = node
            chosen, self.browser = self.browser, []
        else:
            chunk = min(16, max(2, len(self.shared) // (6 * self.workers)))
            chosen, self.shared = self.shared[:chunk], self.shared[chunk:]
        if chosen:
            pending.extend(chosen)
            node.send_runtest_some(chosen)
        elif len(pending) < 2:
            self.stopped.add(node)
            node.shutdown()


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
