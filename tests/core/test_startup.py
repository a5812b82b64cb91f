"""Start-up cost: every pytest run of every user loads prodguard, so a run that uses no part must
not import the parts' machinery nor run any per-test hook of theirs.

The run happens in a fresh interpreter: this session has long since imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Modules a run without budgets, gates, brand, a11y or browser use may load: the core, and each
# part's package, options and small plugin module. Anything else is a part's implementation.
# Each costs every run of every user (pytest rewrites a plugin package's modules on import), so
# the list is short on purpose: benchmarks/overhead.py --phases shows where the start-up goes.
STARTUP_MODULES = {
    "pytest_prodguard",
    "pytest_prodguard._lazy",
    "pytest_prodguard.attach",
    "pytest_prodguard.config",
    "pytest_prodguard.hookspecs",
    "pytest_prodguard.keys",
    "pytest_prodguard.options",
    "pytest_prodguard.parts",
    "pytest_prodguard.plugin",
    "pytest_prodguard.switched_off",  # its own entry point: loaded in every run, imports nothing
    "pytest_prodguard.units",
    "pytest_prodguard.suite",
    "pytest_prodguard.report",
    "pytest_prodguard.report.plugin",
    "pytest_prodguard.browser",
    "pytest_prodguard.browser.plugin",
    "pytest_prodguard.browser.options",
    *(
        f"pytest_prodguard.{part}{module}"
        for part in ("budgets", "gates", "brand", "a11y", "web")
        for module in ("", ".options", ".plugin")
    ),
}
# Loaded once the tests have run, for the terminal summary.
SUMMARY_MODULES = {"pytest_prodguard.ledger", "pytest_prodguard.report.terminal"}
# Named explicitly too, so a failure says plainly what regressed.
IMPLEMENTATION_MODULES = {
    "pytest_prodguard.record",  # only once something is recorded
    "pytest_prodguard.markers",  # marker help only for pytest --markers, validation once marked
    "pytest_prodguard.budgets.marker",
    "pytest_prodguard.brand.marker",
    "pytest_prodguard.a11y.marker",
    "pytest_prodguard.suite_checks",
    "pytest_prodguard.a11y.axe",
    "pytest_prodguard.a11y.scanning",
    "pytest_prodguard.a11y.fixture",
    "pytest_prodguard.brand.engine",
    "pytest_prodguard.gates.items",
    "pytest_prodguard.budgets.judging",
    "pytest_prodguard.budgets.fixture",
    "pytest_prodguard.browser.session",
    "pytest_prodguard.browser.server",
    "pytest_prodguard.web.fixture",
    "pytest_prodguard.web.items",
    "pytest_prodguard.web.loader",
    "pytest_prodguard.series",
    "pytest_prodguard.findings",
    "pytest_prodguard.baseline",
    "pytest_prodguard.collect",
    "pytest_prodguard._longrepr",
}
HEAVY_PACKAGES = {"playwright", "lxml", "tinycss2", "coloraide", "axe_playwright_python"}
PER_TEST_HOOKS = (
    "pytest_collect_file",
    "pytest_runtest_protocol",
    "pytest_runtest_setup",
    "pytest_runtest_call",
    "pytest_runtest_teardown",
    "pytest_runtest_makereport",
    "pytest_runtest_logreport",
    "pytest_report_teststatus",
    "pytest_prodguard_judge",
)

RUNNER = """
import json, sys
import pytest

class Spy:
    def pytest_sessionfinish(self, session):
        hooks = {name: sorted(impl.plugin_name for impl in getattr(session.config.hook, name).get_hookimpls())
                 for name in json.loads(sys.argv[2])}
        self.found = {"hooks": hooks, "plugins": [name for name, _ in session.config.pluginmanager.list_name_plugin()]}

spy = Spy()
# Other teams' plugins import what they like (pytest-playwright imports Playwright): only ours is measured.
others = ["-p", "no:playwright", "-p", "no:randomly", "-p", "no:asyncio"]
exit_code = pytest.main(["-q", "-p", "no:cacheprovider", *others, sys.argv[1]], plugins=[spy])
spy.found.update(exit_code=int(exit_code), modules=sorted(sys.modules))
print("prodguard-startup", json.dumps(spy.found))
"""

TRIVIAL_SUITE = """
import pytest

def test_plain():
    assert 1

@pytest.fixture
def value():
    return 2

@pytest.mark.parametrize("n", [1, 2])
def test_fixture_and_parameters(value, n):
    assert value * n

class TestGroup:
    def test_method(self, tmp_path):
        assert tmp_path.is_dir()
"""


def test_a_run_without_parts_imports_no_part_machinery(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "test_trivial.py").write_text(TRIVIAL_SUITE, encoding="utf-8")
    # Settings or plugins of the outer run (and of xdist workers) must not leak into the inner one.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PRODGUARD_"))}
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(tmp_path), json.dumps(PER_TEST_HOOKS)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("prodguard-startup ")), None)
    assert line is not None, done.stdout + done.stderr
    found = json.loads(line.removeprefix("prodguard-startup "))
    assert found["exit_code"] == 0, done.stdout
    modules = set(found["modules"])

    # The parts were there: each registered its small plugin module.
    assert {"prodguard", "prodguard.budgets", "prodguard.gates", "prodguard.brand", "prodguard.a11y"} <= set(
        found["plugins"]
    )
    assert "prodguard.browser" in found["plugins"]

    ours = {m for m in modules if m == "pytest_prodguard" or m.startswith("pytest_prodguard.")}
    assert ours & IMPLEMENTATION_MODULES == set()
    assert ours - STARTUP_MODULES - SUMMARY_MODULES == set()
    heavy = {m for m in modules if m.split(".")[0] in HEAVY_PACKAGES or m.startswith("http.server")}
    assert heavy == set()

    per_test = {
        hook: [name for name in plugins if name == "prodguard" or name.startswith("prodguard.")]
        for hook, plugins in found["hooks"].items()
    }
    # The one per-test hook of a run without parts: the findings flow, which the core always registers
    # (any conftest or plugin may record findings); its cost is measured by benchmarks/overhead.py.
    expected: dict[str, list[str]] = {hook: [] for hook in PER_TEST_HOOKS}
    expected["pytest_runtest_makereport"] = ["prodguard.attach"]
    assert per_test == expected
