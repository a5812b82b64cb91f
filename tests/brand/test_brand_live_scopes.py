"""Live pages whose elements live in open shadow roots and frames: read, and named by scope."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from pytest_prodguard.brand.engine import to_findings
from pytest_prodguard.brand.engine.live import COLLECT_JS, scan_page
from pytest_prodguard.brand.engine.matching import Matcher, Policy
from pytest_prodguard.brand.engine.palette import Palette
from pytest_prodguard.brand.engine.scan import Scan
from pytest_prodguard.findings import Severity

HEAD = "<!doctype html><style>body { margin: 0; color: #1f2328; font-family: Inter, sans-serif; }</style>"
FRAME_HEAD = "<style>body { font-family: Inter; }</style>"  # a frame's document inherits nothing from the page


def component(name: str, shadow: str) -> str:
    """A script defining a custom element that renders ``shadow`` in its own shadow root."""
    return (
        f"<script>customElements.define({json.dumps(name)}, class extends HTMLElement {{ constructor() {{"
        f" super(); this.attachShadow({{mode: 'open'}}).innerHTML = {json.dumps(shadow)}; }} }});</script>"
    )


AD_URL = "https://ads.example/banner"


@pytest.fixture(scope="module")
def shared_page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context()
    # A real cross-origin frame without a network: the request is answered inside the browser.
    context.route(AD_URL, lambda route: route.fulfill(content_type="text/html", body="<p>ad</p>"))
    yield context.new_page()
    context.close()


@pytest.fixture
def page(shared_page: Any) -> Any:
    # A fresh window for each test (set_content keeps it), so each defines its custom elements anew.
    # No data: URL frames here: this Chromium crashes when a page that had one later loads a srcdoc.
    shared_page.goto("about:blank")
    return shared_page


def scan_of(page: Any, palette: Palette, body: str) -> tuple[Scan, int]:
    page.set_content(HEAD + body)
    scan = Scan(Matcher(palette, Policy()))
    return scan, scan_page(scan, page)


def off_palette(scan: Scan) -> list[tuple[str | None, str, str]]:
    return sorted((i.target, i.prop, i.details["normalised"]) for i in scan.issues if i.rule == "off-palette")


CARD_STYLE = "<style>p { color: #0d6efd; } .off { color: #123456; }</style>"
CARD = component("x-card", f'{CARD_STYLE}<p>on</p><p class="off">off</p>')


def test_off_brand_colour_inside_a_shadow_root_is_found_with_a_piercing_selector(page: Any, palette: Palette) -> None:
    scan, count = scan_of(page, palette, f'<x-card id="promo"></x-card><x-card></x-card>{CARD}')
    assert count == 7  # body, two hosts, two paragraphs in each shadow root
    # The on-brand #0d6efd paragraphs pass; only the off-brand one in each card is reported.
    assert off_palette(scan) == [
        ("#promo >>> :host > p:nth-of-type(2)", "color", "#123456"),
        ("body > x-card:nth-of-type(2) >>> :host > p:nth-of-type(2)", "color", "#123456"),
    ]
    assert [i.rule for i in scan.issues] == ["off-palette", "off-palette"]


def test_a_component_inside_a_component(page: Any, palette: Palette) -> None:
    badge = component("x-badge", "<style>b { color: #ff0000; }</style><b>new</b>")
    shell = component("x-shell", "<header><x-badge></x-badge></header>")
    # The shell's host has `display: contents` (no box of its own): its shadow content is still read.
    scan, count = scan_of(page, palette, f'<x-shell style="display: contents"></x-shell>{badge}{shell}')
    assert count == 4  # body, header, the badge's host and its <b>; the shell's host is not rendered
    assert off_palette(scan) == [("body > x-shell >>> :host > header > x-badge >>> :host > b", "color", "#ff0000")]


def test_off_brand_colour_inside_a_same_origin_iframe(page: Any, palette: Palette) -> None:
    # The SVG paint is read in a frame too, although its elements are not the page's SVGElement.
    svg = "<svg width='4' height='4'><rect width='4' height='4' fill='#00ff00'/></svg>"
    inner = f"{FRAME_HEAD}<p style='color: #0d6efd'>on</p><p style='color: #123456'>off</p>"
    body = f'<iframe id="pay" srcdoc="{inner}{svg}"></iframe><iframe srcdoc="{inner}"></iframe>'
    scan, _ = scan_of(page, palette, body)
    assert off_palette(scan) == [
        ("#pay |> body > p:nth-of-type(2)", "color", "#123456"),
        ("#pay |> body > svg > rect", "fill", "#00ff00"),
        ("body > iframe:nth-of-type(2) |> body > p:nth-of-type(2)", "color", "#123456"),
    ]
    assert [i.rule for i in scan.issues] == ["off-palette"] * 3


def test_scopes_nest_both_ways(page: Any, palette: Palette) -> None:
    # A frame inside a shadow root, and a component defined and used inside a frame.
    framed = component("x-framed", f"<iframe srcdoc=\"{FRAME_HEAD}<i style='color: #ff0000'>x</i>\"></iframe>")
    inside = component("x-inside", "<b style='color: #123456'>y</b>").replace('"', "&quot;")
    body = f'<x-framed></x-framed>{framed}<iframe srcdoc="{FRAME_HEAD}<x-inside></x-inside>{inside}"></iframe>'
    scan, _ = scan_of(page, palette, body)
    assert off_palette(scan) == [
        ("body > iframe |> body > x-inside >>> :host > b", "color", "#123456"),
        ("body > x-framed >>> :host > iframe |> body > i", "color", "#ff0000"),
    ]


def test_a_cross_origin_frame_is_an_unreachable_frame_warning(page: Any, palette: Palette) -> None:
    off = "<p style='color: #123456'>off</p>"
    scan, _ = scan_of(
        page,
        palette,
        # A sandbox without allow-same-origin gives the frame an opaque origin, as a cross-origin one;
        # a hidden frame is seen by no one, so it is not reported.
        f'<iframe sandbox srcdoc="{off}"></iframe>'
        f'<iframe sandbox srcdoc="{off}" style="display: none"></iframe>'
        f'<iframe sandbox="allow-same-origin" srcdoc="{FRAME_HEAD}{off}"></iframe>',
    )
    unreachable = [(i.target, i.severity, i.message, i.details) for i in scan.issues if i.rule == "unreachable-frame"]
    assert unreachable == [
        (
            "body > iframe:nth-of-type(1)",
            Severity.WARNING,
            "frame about:srcdoc is cross-origin, so its content was not checked",
            {"src": "about:srcdoc"},
        )
    ]
    assert off_palette(scan) == [("body > iframe:nth-of-type(3) |> body > p", "color", "#123456")]
    assert {i.rule for i in scan.issues} == {"unreachable-frame", "off-palette"}
    # No line, yet a stable baseline key: the frame's selector, not its position in the scan.
    (warning,) = [f for f in to_findings(scan.issues, None) if f.rule == "unreachable-frame"]
    assert (warning.key, warning.line, warning.fails) == ("body > iframe:nth-of-type(1)|unreachable-frame", None, False)


def test_two_frames_with_one_selector_keep_apart(palette: Palette) -> None:
    # Duplicate ids give two frames one selector; their findings must not merge in the baseline.
    scan = Scan(Matcher(palette, Policy()))
    for _ in range(2):
        scan.problem("unreachable-frame", "not checked", target="#ad", severity=Severity.WARNING, src="about:srcdoc")
    assert [f.key for f in to_findings(scan.issues, None)] == ["#ad|unreachable-frame", "#ad|unreachable-frame#1"]


def test_the_frames_of_a_frameset(page: Any, palette: Palette) -> None:
    page.set_content(f'<frameset cols="50%,50%"><frame src="about:blank"><frame src="{AD_URL}"></frameset>')
    # The first frame is same-origin (about:blank): fill it from the page, as a script there would.
    fill = "<p style='color: #123456; font-family: Inter'>off</p>"
    page.evaluate("(html) => { document.querySelector('frame').contentDocument.body.innerHTML = html; }", fill)
    scan = Scan(Matcher(palette, Policy()))
    scan_page(scan, page)
    assert [(i.rule, i.target) for i in scan.issues] == [
        ("off-palette", "frameset > frame:nth-of-type(1) |> body > p"),
        ("unreachable-frame", "frameset > frame:nth-of-type(2)"),
    ]
    assert scan.issues[1].message == f"frame {AD_URL} is cross-origin, so its content was not checked"
    assert scan.issues[1].details == {"src": AD_URL}


#: Per selector: the text of the one element it finds, or how many a part matched when not exactly one.
RESOLVE_JS = r"""
(selectors) => selectors.map((selector) => {
  const parts = selector.split(/ (>>>|\|>) /);
  let scope = document;
  for (let i = 0; i < parts.length; i += 2) {
    const found = scope.querySelectorAll(parts[i]);
    if (found.length !== 1) return found.length;
    if (i + 1 === parts.length) return found[0].textContent;
    scope = parts[i + 1] === '>>>' ? found[0].shadowRoot : found[0].contentDocument;
  }
})
"""


def test_every_selector_finds_its_element_and_only_it(page: Any) -> None:
    # Same-type siblings on a shadow root's top and deeper down, and one id both in the page and in
    # a shadow root: the :host anchor and the per-scope ids keep every selector unique.
    shadow = '<p>a</p><p>b</p><div><p>c</p><p>d</p></div><b id="dup">e</b><iframe srcdoc="<p>f</p><p>g</p>"></iframe>'
    page.set_content(f'{HEAD}<b id="dup">h</b><x-card></x-card><x-card></x-card>{component("x-card", shadow)}')
    selectors = [selector for selector, _ in page.evaluate(COLLECT_JS)["elements"]]
    assert len(selectors) == 24  # body, #dup, 2 hosts; per card: 7 elements, and the frame's body and 2 <p>
    found = dict(zip(selectors, page.evaluate(RESOLVE_JS, selectors), strict=True))
    assert [selector for selector, text in found.items() if not isinstance(text, str)] == []
    card = "body > x-card:nth-of-type(2) >>> "
    assert {selector: found[selector] for selector in selectors if selector.startswith(card)} == {
        f"{card}:host > p:nth-of-type(1)": "a",
        f"{card}:host > p:nth-of-type(2)": "b",
        f"{card}:host > div": "cd",
        f"{card}:host > div > p:nth-of-type(1)": "c",
        f"{card}:host > div > p:nth-of-type(2)": "d",
        f"{card}#dup": "e",
        f"{card}:host > iframe": "",
        f"{card}:host > iframe |> body": "fg",
        f"{card}:host > iframe |> body > p:nth-of-type(1)": "f",
        f"{card}:host > iframe |> body > p:nth-of-type(2)": "g",
    }
    assert found["#dup"] == "h"
