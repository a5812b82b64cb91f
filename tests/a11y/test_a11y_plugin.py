"""The a11y plugin end to end: collected pages, threshold, baseline, fixture, marker, xdist.

Inner runs are in-process and reuse this session's browser (Playwright's sync API runs once
per process), so only the xdist run pays for launching browsers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

PAGES = Path(__file__).parent / "pages"


@pytest.fixture(autouse=True)
def _keep_browser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold the process-wide browser open so inner runs reuse it instead of relaunching."""
    monkeypatch.setenv("COLUMNS", "400")  # short summary lines in full
    if not request.node.get_closest_marker("outer_browser_unused"):
        request.getfixturevalue("prodguard_browser")


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    # hypothesis's plugin costs about two seconds per in-process run and is not used here.
    return pytester.runpytest("-p", "no:hypothesispytest", *args)


def site(pytester: pytest.Pytester, **pages: str) -> None:
    """Copy test pages: ``site(pytester, **{"build/a.html": "image-alt.html"})``."""
    for target, source in pages.items():
        path = pytester.path / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text((PAGES / source).read_text(encoding="utf-8"), encoding="utf-8")


def findings(pytester: pytest.Pytester, name: str = "report.json") -> list[dict[str, Any]]:
    report = json.loads((pytester.path / name).read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = report["findings"]
    return found


def fingerprints(pytester: pytest.Pytester, name: str = "report.json") -> list[str]:
    return sorted(f["fingerprint"] for f in findings(pytester, name))


BLOCKED = (
    '<link rel="stylesheet" href="https://cdn.example.invalid/site.css"><img src="escape/secret.png" alt="A secret">'
)


def test_collected_pages_and_threshold(pytester: pytest.Pytester) -> None:
    _site_with_blocked_requests(pytester)
    result = run(pytester, "-v", "-rA", "--prodguard-json=report.json", "--junitxml", "junit.xml")
    result.assert_outcomes(passed=1, failed=3)
    cases = ElementTree.parse(pytester.path / "junit.xml").getroot().iter("testcase")
    assert sorted((c.get("classname"), c.get("name"), c.find("failure") is not None) for c in cases) == [
        ("build/a.html", "a11y", True),
        ("build/b.html", "a11y", True),
        ("build/ok.html", "a11y", False),
        ("build/sub/c.html", "a11y", True),
    ]
    result.stdout.fnmatch_lines(
        [
            "build/a.html::a11y FAILED*",
            "build/b.html::a11y FAILED*",
            "build/ok.html::a11y PASSED*",
            "build/sub/c.html::a11y FAILED*",
            "prodguard a11y: Images must have alternative text (critical): "
            "Element does not have an alt attribute (or 4 other fixes)",
            "  [[]a11y:image-alt[]] build/a.html img (fix: https://dequeuniversity.com/rules/axe/4.*/image-alt?application=axeAPI)",
            "FAILED build/a.html::a11y - prodguard a11y: Images must have*",
        ]
    )
    result.stdout.fnmatch_lines_random(
        [
            "  [[]a11y:blocked-request[]] [[]warning[]] build/ok.html: request blocked while loading the page: "
            "https://cdn.example.invalid/site.css (network request blocked) (fix: serve the resource from under "
            "prodguard_a11y_root*",
            "  [[]a11y:blocked-request[]] [[]warning[]] build/ok.html: request blocked while loading the page: "
            f"/build/escape/secret.png (outside the served root {pytester.path}) (fix: *",
        ]
    )
    serial = fingerprints(pytester)
    assert [f for f in serial if "blocked-request" not in f] == SERIAL_FINGERPRINTS
    assert "INTERNALERROR" not in result.stdout.str()


def _site_with_blocked_requests(pytester: pytest.Pytester) -> None:
    site(
        pytester,
        **{
            "build/a.html": "image-alt.html",
            "build/b.html": "contrast.html",
            "build/ok.html": "clean.html",
            "build/sub/c.html": "label.html",
        },
    )
    # ok.html also asks for a stylesheet from the network and a file through a symlink out of the root.
    ok = pytester.path / "build/ok.html"
    ok.write_text(ok.read_text(encoding="utf-8").replace("</main>", BLOCKED + "</main>"), encoding="utf-8")
    private = pytester.path.parent / f"{pytester.path.name}-private"
    private.mkdir()
    (pytester.path / "build/escape").symlink_to(private)
    pytester.makeini("[pytest]\nprodguard_a11y_pages = build/**/*.html\n")


SERIAL_FINGERPRINTS = [
    "a11y|color-contrast|build/b.html|needs-review p:nth-child(3)",
    "a11y|color-contrast|build/b.html|p:nth-child(2)",
    "a11y|image-alt|build/a.html|img",
    "a11y|label|build/sub/c.html|#search",
]


@pytest.mark.outer_browser_unused  # the inner workers start their own Chromium; this process none
def test_collected_pages_under_xdist(pytester: pytest.Pytester) -> None:
    _site_with_blocked_requests(pytester)
    # Under xdist every worker collects the same pages and the findings are the same as serially.
    # The threshold too: color-contrast is "serious", so with "critical" it is reported, not failed.
    result = run(pytester, "-n", "2", "--prodguard-json=xdist.json", "--prodguard-a11y-impact", "critical")
    result.assert_outcomes(passed=2, failed=2)
    severities = sorted((f["rule"], f["severity"]) for f in findings(pytester, "xdist.json"))
    assert severities == [
        ("blocked-request", "warning"),
        ("blocked-request", "warning"),
        ("color-contrast", "info"),
        ("color-contrast", "warning"),  # text over an image needs review: reported, never failed
        ("image-alt", "error"),
        ("label", "error"),
    ]
    assert [f for f in fingerprints(pytester, "xdist.json") if "blocked-request" not in f] == SERIAL_FINGERPRINTS


def test_baseline_keeps_known_issues_and_fails_new_ones(pytester: pytest.Pytester) -> None:
    site(pytester, **{"build/a.html": "image-alt.html", "build/z.html": "clean.html"})
    pytester.makeini("[pytest]\nprodguard_a11y_pages = build/*.html\n")
    run(pytester, "--prodguard-update-baseline", "-k", "a.html").assert_outcomes(passed=1, deselected=1)
    recorded = json.loads((pytester.path / ".prodguard/baseline.json").read_text(encoding="utf-8"))
    assert list(recorded["findings"]) == ["a11y|image-alt|build/a.html|img"]

    site(pytester, **{"build/a.html": "two-issues.html"})
    result = run(pytester, "-rA", "--prodguard-json=report.json", "-k", "a.html")
    result.assert_outcomes(failed=1, deselected=1)
    result.stdout.fnmatch_lines(
        ["prodguard a11y: Form elements must have labels*", "  [[]a11y:label[]] build/a.html #search (fix: *"]
    )
    failure = result.stdout.str().split("FAILURES", 1)[1].split("short test summary", 1)[0]
    assert "a11y:image-alt" not in failure
    assert [(f["rule"], f["known"]) for f in findings(pytester)] == [("image-alt", True), ("label", False)]


def test_pages_glob_that_matches_nothing_fails(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nprodguard_a11y_pages = dist/**/*.html\n")
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*prodguard_a11y_pages (dist/**/*.html) matched no file under the rootdir*"])
    # Running only some named tests does not promise a scan of the site.
    pytester.makepyfile(test_other="def test_other(): pass")
    run(pytester, "test_other.py").assert_outcomes(passed=1)


def test_root_that_is_not_a_directory_fails_the_page(pytester: pytest.Pytester) -> None:
    site(pytester, **{"build/a.html": "clean.html"})
    pytester.makeini("[pytest]\nprodguard_a11y_pages = build/*.html\nprodguard_a11y_root = public\n")
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [f"FAILED build/a.html::a11y - prodguard: prodguard_a11y_root '{pytester.path / 'public'}' is not a directory"]
    )
    (pytester.path / "public").mkdir()
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [f"FAILED build/a.html::a11y - prodguard: {pytester.path / 'build/a.html'} is outside prodguard_a11y_root *"]
    )


INNER_TESTS = """
import pytest
from pytest_prodguard.browser import browser_session


@pytest.fixture(scope="module")
def page(request, prodguard_browser):
    # Stands in for pytest-playwright's page fixture: the marker scans a page of either name.
    opened = browser_session(request.config).new_page(prodguard_browser)
    yield opened
    opened.context.close()

@pytest.mark.a11y
def test_marker_page_never_opened(page):
    pass

def test_check(page, prodguard_server, a11y):
    page.goto(prodguard_server.url_for("site/contrast.html"))
    assert a11y.check(page, impact="critical").rule_ids == ["color-contrast"]
    page.goto(prodguard_server.url_for("site/img.html"))
    assert a11y.check(page).rule_ids == ["image-alt"]

def test_check_bad_impact(a11y):
    a11y.check(None, impact="huge")

@pytest.mark.a11y
def test_marker_scans_at_the_end(page, prodguard_server):
    page.goto(prodguard_server.url_for("site/label.html"))

@pytest.mark.a11y(disable=["label"])
def test_marker_disable(page, prodguard_server):
    page.goto(prodguard_server.url_for("site/label.html"))

@pytest.mark.a11y(impact="huge")
def test_bad_marker(page):
    pass

@pytest.mark.a11y(tags="wcag2a", rules=5)
def test_bad_marker_rules(page):
    pass

@pytest.mark.a11y
def test_marker_without_page():
    pass
"""


def test_fixture_and_marker(pytester: pytest.Pytester) -> None:
    site(
        pytester,
        **{"site/img.html": "image-alt.html", "site/contrast.html": "contrast.html", "site/label.html": "label.html"},
    )
    pytester.makepyfile(test_pages=INNER_TESTS)
    result = run(pytester, "-rA", "--prodguard-a11y-screenshots=shots", "--prodguard-json=report.json")
    result.assert_outcomes(passed=1, failed=4, errors=3)
    result.stdout.fnmatch_lines_random(
        [
            "FAILED test_pages.py::test_check - prodguard a11y: Images must have alternative text*",
            "FAILED test_pages.py::test_check_bad_impact - ValueError: impact must be one of minor, moderate, "
            "serious, critical, got 'huge'",
            "FAILED test_pages.py::test_marker_scans_at_the_end - prodguard a11y: Form elements must have labels*",
            "FAILED test_pages.py::test_marker_page_never_opened - prodguard a11y: the page was never "
            "opened (it is about:blank)*",
            "ERROR test_pages.py::test_bad_marker - Failed: prodguard: bad @pytest.mark.a11y on test_pages.py::"
            "test_bad_marker: impact must be one of minor, moderate, serious, critical, got 'huge'",
            "ERROR test_pages.py::test_bad_marker_rules - Failed: prodguard: bad @pytest.mark.a11y on *: "
            "rules must be a string or a list of strings, got 5",
            "ERROR test_pages.py::test_marker_without_page - Failed: prodguard: bad @pytest.mark.a11y on *: no "
            "page to scan: use the prodguard_page fixture (or pytest-playwright's page)",
        ]
    )
    assert "INTERNALERROR" not in result.stdout.str()
    by_test = {(f["nodeid"].split("::")[1], f["rule"], f["severity"]) for f in findings(pytester)}
    assert by_test == {
        ("test_check", "image-alt", "error"),
        ("test_check", "color-contrast", "info"),
        ("test_check", "color-contrast", "warning"),
        ("test_marker_scans_at_the_end", "label", "error"),
        ("test_marker_page_never_opened", "scan-error", "error"),
    }
    shots = sorted(p.name for p in (pytester.path / "shots").iterdir())
    assert shots == ["site_img.html--image-alt--1.png", "site_label.html--label--1.png"]
    assert (pytester.path / "shots" / shots[0]).read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("flag", "value", "accepted"),
    [
        ("--prodguard-a11y-impact", "huge", "one of minor, moderate, serious, critical"),
        ("--prodguard-a11y-tags", " , ", "comma-separated axe tags (wcag2a, wcag2aa, best-practice...) or 'all'"),
        ("--prodguard-a11y-timeout", "0s", "a duration such as 250us, 500ms, 2s or 1m (a bare number is seconds)"),
        ("--prodguard-a11y-preload", "soon", "a duration such as *, or off (do not wait)"),
        ("--prodguard-a11y-missing-browser", "ignore", "error or skip"),
    ],
)
def test_bad_settings_are_usage_errors(pytester: pytest.Pytester, flag: str, value: str, accepted: str) -> None:
    result = run(pytester, flag, value)
    result.stderr.fnmatch_lines(
        [f"*prodguard: invalid value for {flag} (from command line): {value!r}: *. Accepted: {accepted}."]
    )
    assert result.ret == pytest.ExitCode.USAGE_ERROR
