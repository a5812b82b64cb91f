"""Real axe-core scans of small pages with known problems, in the session's Chromium."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from pytest_prodguard.a11y import A11y
from pytest_prodguard.a11y.axe import Node, ScanError, ScanOptions, axe_source, run
from pytest_prodguard.a11y.scanning import _screenshot
from pytest_prodguard.browser import PageServer, blocked_requests, browser_session

PAGES = Path(__file__).parent / "pages"
Opener = Callable[[str], Page]


@pytest.fixture(scope="module")
def shared_page(request: pytest.FixtureRequest, prodguard_browser: Browser) -> Iterator[Page]:
    # One guarded page for the whole module: a fresh context per test costs more than its scan.
    page = browser_session(request.config).new_page(prodguard_browser)
    yield page
    page.context.close()


@pytest.fixture
def open_page(shared_page: Page, prodguard_server: PageServer) -> Opener:
    def opener(name: str) -> Page:
        shared_page.goto(prodguard_server.url_for(PAGES / name))
        return shared_page

    return opener


@pytest.mark.parametrize(
    ("name", "rules", "targets"),
    [
        ("clean.html", [], []),
        ("image-alt.html", ["image-alt"], [("img",)]),
        ("contrast.html", ["color-contrast"], [("p:nth-child(2)",)]),
        ("label.html", ["label"], [("#search",)]),
        ("aria.html", ["aria-hidden-focus", "aria-roles"], [('div[aria-hidden="true"]',), ('div[role="banana"]',)]),
        # Inside an iframe: the stock wrapper injects into the top frame only and misses this.
        ("frame.html", ["image-alt"], [("iframe", "img")]),
        # A page-global AMD define(): the stock wrapper fails with "No AMD modules allowed".
        ("amd.html", ["image-alt"], [("img",)]),
    ],
)
def test_known_violations_are_found_exactly(
    open_page: Opener, a11y: A11y, name: str, rules: list[str], targets: list[tuple[str, ...]]
) -> None:
    result = a11y.scan(open_page(name))
    assert result.rule_ids == rules
    assert sorted(node.target for rule in result.violations for node in rule.nodes) == sorted(targets)
    assert result.page == f"tests/a11y/pages/{name}"
    assert result.engine.startswith("4.")
    assert result.passes > 0
    if name == "frame.html":
        node = result.violations[0].nodes[0]
        assert (node.frame, node.selector, result.frames) == ("iframe", "iframe >> img", 2)


def test_tags_choose_the_rules_and_axe_is_injected_once(open_page: Opener, a11y: A11y) -> None:
    page = open_page("landmarks.html")
    assert a11y.scan(page).rule_ids == []  # landmark rules are best practice, not WCAG
    page.evaluate("() => { window.axe.prodguardMark = 1 }")
    assert a11y.scan(page, tags=["best-practice"]).rule_ids == ["landmark-one-main", "region"]
    assert a11y.scan(page, rules=["region"]).rule_ids == ["region"]
    assert a11y.scan(page, tags=["best-practice"], disable=["region"]).rule_ids == ["landmark-one-main"]
    assert page.evaluate("() => window.axe.prodguardMark") == 1


def test_include_and_exclude_limit_the_scan(open_page: Opener, a11y: A11y) -> None:
    page = open_page("aria.html")
    assert a11y.scan(page, exclude='div[role="banana"]').rule_ids == ["aria-hidden-focus"]
    assert a11y.scan(page, include=['div[role="banana"]']).rule_ids == ["aria-roles"]


def test_incomplete_results_in_full_only_when_asked(open_page: Opener, a11y: A11y) -> None:
    page = open_page("contrast.html")
    # Text over an image cannot be judged by axe: it needs review. By default axe lists one element.
    plain = a11y.scan(page)
    assert [(rule.id, len(rule.nodes), plain.all_incomplete) for rule in plain.incomplete] == [
        ("color-contrast", 1, False)
    ]
    asked = a11y.scan(page, incomplete=True)
    assert asked.rule_ids == ["color-contrast"]
    assert [(rule.id, len(rule.nodes), asked.all_incomplete) for rule in asked.incomplete] == [
        ("color-contrast", 2, True)
    ]


def test_network_requests_are_blocked_and_listed(open_page: Opener, a11y: A11y) -> None:
    before = len(blocked_requests(open_page("clean.html")))
    result = a11y.scan(open_page("network.html"))
    assert result.blocked[before:] == ("https://example.invalid/site.css (network request blocked)",)


def test_scan_options_are_plain_json() -> None:
    options = ScanOptions(tags=("wcag2a",), disable=("region",), preload=None, include=("main",)).axe_options()
    assert options == {
        "resultTypes": ["violations"],
        "iframes": True,
        "preload": False,
        "runOnly": {"type": "tag", "values": ["wcag2a"]},
        "rules": {"region": {"enabled": False}},
    }
    assert ScanOptions(rules=("label",), preload=1.5).axe_options()["preload"] == {
        "assets": ["cssom", "media"],
        "timeout": 1500,
    }
    assert axe_source().startswith("(function (define, module, exports)")


def test_a_scan_that_times_out_is_an_error(open_page: Opener) -> None:
    page = open_page("broken-media.html")
    with pytest.raises(ScanError, match=r"axe scan of broken-media did not finish within 0.001s \(raise "):
        run(page, ScanOptions(timeout=0.001), "broken-media")
    with pytest.raises(ScanError, match="an earlier scan of this document is still running"):
        run(page, ScanOptions(), "broken-media")
    # Broken media would hold axe's preload for 10 s; prodguard's preload timeout bounds it (the 8 s
    # scan timeout only leaves room for a busy machine: an unbounded preload would still exceed it).
    page = open_page("broken-media.html")
    assert run(page, ScanOptions(preload=0.05, timeout=8), "broken-media").rule_ids == []


def test_screenshot_of_an_element_inside_a_frame(open_page: Opener, a11y: A11y, tmp_path: Path) -> None:
    page = open_page("frame.html")
    node = a11y.scan(page).violations[0].nodes[0]
    saved = _screenshot(page, node, tmp_path / "shot.png", timeout=10)  # room for a busy machine
    assert saved == str(tmp_path / "shot.png")
    assert (tmp_path / "shot.png").read_bytes().startswith(b"\x89PNG")
    missing = _screenshot(page, Node(("#nothing-here",), "", ""), tmp_path / "none.png", timeout=0.05)
    assert missing.startswith("not saved: ")
