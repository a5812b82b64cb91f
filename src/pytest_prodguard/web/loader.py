"""Loads a page in Chromium and returns its figures: the only module here that drives the browser.

Each round gets its own DevTools protocol session: network events give each response's type,
bytes on the wire and whether the cache served it; the page itself reports its timing
(:mod:`.probe`). Requests are not routed through Playwright: routing switches the HTTP cache
off, and warm rounds are there to measure it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .audits import Coverage
from .probe import INIT_SCRIPT, READ_SCRIPT
from .rounds import Response, Round, resource_type
from .throttle import Profile

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, CDPSession, Page


class LoadError(Exception):
    """A page that could not be loaded; the message is one line for the user."""


@dataclass
class _Network:
    """Responses of one load, from the protocol's events (keyed by request id)."""

    types: dict[str, str] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    cached: set[str] = field(default_factory=set)
    sizes: dict[str, int] = field(default_factory=dict)

    def attach(self, cdp: CDPSession) -> None:
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.loadingFinished", lambda e: self.sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
        cdp.send("Network.enable")

    def _response(self, event: dict[str, Any]) -> None:
        rid, response = event["requestId"], event["response"]
        self.types[rid] = resource_type(event.get("type"))
        self.urls[rid] = response["url"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache") or response.get("fromServiceWorker"):
            self.cached.add(rid)

    def responses(self) -> list[Response]:
        return [
            Response(self.urls[rid], self.types[rid], self.sizes.get(rid, 0), rid in self.cached)
            for rid in self.types
            if not self.urls[rid].startswith(("data:", "blob:"))
        ]


def _open(context: BrowserContext, profile: Profile) -> tuple[Page, CDPSession, _Network]:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    network = _Network()
    network.attach(cdp)
    profile.apply(cdp)
    return page, cdp, network


def _goto(page: Page, url: str, timeout_ms: float) -> None:
    from playwright.sync_api import Error

    try:
        response = page.goto(url, wait_until="load", timeout=timeout_ms)
    except Error as exc:
        raise LoadError(f"could not load {url}: {str(exc).strip().splitlines()[0]}") from None
    if response is not None and response.status >= 400:
        raise LoadError(f"{url} answered HTTP {response.status}")


def _round(page: Page, network: _Network, url: str, timeout_ms: float) -> Round:
    network.types.clear()
    network.urls.clear()
    network.cached.clear()
    network.sizes.clear()
    _goto(page, url, timeout_ms)
    probe = page.evaluate(READ_SCRIPT)  # also lets the last protocol events arrive
    return Round.from_probe(url, probe, network.responses())


def load_rounds(
    browser: Browser, url: str, rounds: int, *, cold: bool, profile: Profile, timeout_ms: float
) -> list[Round]:
    """``rounds`` timed loads: each in a fresh context when cold; else one context, primed by an untimed load."""
    results: list[Round] = []
    if cold:
        for _ in range(rounds):
            context = browser.new_context()
            try:
                context.add_init_script(INIT_SCRIPT)
                page, _, network = _open(context, profile)
                results.append(_round(page, network, url, timeout_ms))
            finally:
                context.close()
        return results
    context = browser.new_context()
    try:
        context.add_init_script(INIT_SCRIPT)
        page, _, network = _open(context, profile)
        _goto(page, url, timeout_ms)  # primes the cache: every timed round is then a warm one
        for _ in range(rounds):
            results.append(_round(page, network, url, timeout_ms))
    finally:
        context.close()
    return results


def audit_load(browser: Browser, url: str, *, profile: Profile, timeout_ms: float) -> tuple[Round, Coverage]:
    """One untimed cold load with JavaScript and CSS coverage on (coverage slows a page down)."""
    context = browser.new_context()
    try:
        context.add_init_script(INIT_SCRIPT)
        page, cdp, network = _open(context, profile)
        coverage = Coverage()
        coverage.start(cdp)
        loaded = _round(page, network, url, timeout_ms)
        coverage.stop(cdp)
        return loaded, coverage
    finally:
        context.close()
