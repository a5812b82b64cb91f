"""Driving axe-core in a Playwright page: inject once per document and frame, run, parse.

axe-playwright-python ships axe-core's script; its ``Axe().run(page)`` re-injects the whole
script on every call, only into the top frame, with no timeout, and fails on pages with a global
AMD ``define``. This module uses the same script but injects it once per document into every
frame (wrapped so AMD/CommonJS globals are not seen), runs with a timeout, and returns only the
result types asked for.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

IMPACT_RANK = {"minor": 0, "moderate": 1, "serious": 2, "critical": 3}
_TIMEOUT_MARK = "prodguard-a11y-timeout"
#: Seconds the outside deadline waits beyond the scan timeout before it closes the page.
GRACE = 1.0

_IS_INJECTED = "() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"
_CONFIGURE = "() => window.axe.configure({allowedOrigins: ['<unsafe_all_origins>']})"

# Returns only what the result types need: full axe results are several times larger.
_RUN = """async ([context, options, timeoutMs, mark]) => {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(mark)), timeoutMs);
  });
  const node = (n) => ({target: n.target, html: n.html, impact: n.impact, summary: n.failureSummary || ''});
  const rule = (r) => ({id: r.id, impact: r.impact, help: r.help, helpUrl: r.helpUrl,
    tags: r.tags, nodes: r.nodes.map(node)});
  try {
    const r = await Promise.race([window.axe.run(context === null ? document : context, options), timeout]);
    return {engine: r.testEngine.version, url: r.url,
      violations: r.violations.map((x) => rule(x)),
      incomplete: r.incomplete.map((x) => rule(x)),
      passes: r.passes.length, inapplicable: r.inapplicable.length};
  } finally {
    clearTimeout(timer);
  }
}"""


class ScanError(Exception):
    """The scan could not run or finish; never a pass."""


@cache
def axe_source() -> str:
    """axe-core from axe-playwright-python, wrapped so a page's AMD ``define`` cannot capture it."""
    try:
        script = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        raise ScanError(
            "prodguard: axe-playwright-python is not installed; install it with pip install 'pytest-prodguard[a11y]'"
        ) from None
    # With define/module/exports shadowed, axe's UMD header falls through to ``window.axe``.
    return f"(function (define, module, exports) {{\n{script}\n}}).call(window);\nvoid 0;"


@dataclass(frozen=True)
class Node:
    """One element a rule applies to. ``target`` has one selector per frame level (the last is
    the element); a shadow-DOM path is joined with ``>>>``."""

    target: tuple[str, ...]
    html: str
    summary: str
    impact: str | None = None

    @property
    def selector(self) -> str:
        return " >> ".join(self.target)

    @property
    def frame(self) -> str | None:
        """The iframe path the node is in (``None`` for the top document)."""
        return " >> ".join(self.target[:-1]) or None


@dataclass(frozen=True)
class Rule:
    id: str
    impact: str | None
    help: str
    help_url: str
    tags: tuple[str, ...]
    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class ScanResult:
    """What one axe scan of one page found."""

    url: str
    page: str
    engine: str
    violations: tuple[Rule, ...]
    incomplete: tuple[Rule, ...]
    passes: int
    inapplicable: int
    blocked: tuple[str, ...] = ()
    all_incomplete: bool = False
    """Whether ``incomplete`` lists every element; otherwise axe gives at most one per rule."""
    seconds: float = 0.0
    frames: int = 1

    @property
    def violation_count(self) -> int:
        return sum(len(rule.nodes) for rule in self.violations)

    @property
    def rule_ids(self) -> list[str]:
        return sorted(rule.id for rule in self.violations)


@dataclass(frozen=True)
class ScanOptions:
    tags: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    incomplete: bool = False
    timeout: float = 30.0
    preload: float | None = 2.0
    extra: dict[str, Any] = field(default_factory=dict)

    def context(self) -> dict[str, Any] | None:
        if not (self.include or self.exclude):
            return None
        context: dict[str, Any] = {}
        if self.include:
            context["include"] = list(self.include)
        if self.exclude:
            context["exclude"] = list(self.exclude)
        return context

    def axe_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {
            "resultTypes": ["violations", "incomplete"] if self.incomplete else ["violations"],
            "iframes": True,
            "preload": {"assets": ["cssom", "media"], "timeout": int(self.preload * 1000)}
            if self.preload is not None
            else False,
        }
        if self.rules:
            options["runOnly"] = {"type": "rule", "values": list(self.rules)}
        elif self.tags:
            options["runOnly"] = {"type": "tag", "values": list(self.tags)}
        if self.disable:
            options["rules"] = {rule: {"enabled": False} for rule in self.disable}
        options.update(self.extra)
        return options


def inject(page: Page) -> int:
    """Put axe into every frame of the page that lacks it; returns the number of frames."""
    from playwright.sync_api import Error

    frames = [frame for frame in page.frames if not frame.is_detached()]
    for frame in frames:
        try:
            if not frame.evaluate(_IS_INJECTED):
                frame.evaluate(axe_source())
                frame.evaluate(_CONFIGURE)
        except Error as exc:
            if frame is page.main_frame:
                raise ScanError(f"prodguard: could not load axe-core into {page.url}: {_first_line(exc)}") from None
            # A frame that navigated away or forbids scripts is left out; axe reports it if it matters.
    return len(frames)


def run(page: Page, options: ScanOptions, page_id: str, blocked: Sequence[str] = ()) -> ScanResult:
    """Scan ``page`` (injecting axe where needed). Raises ScanError on a timeout or a page error."""
    from playwright.sync_api import Error

    from ..browser.deadline import DeadlineExceeded, deadline

    started = time.perf_counter()
    try:
        # axe's own timer (in the page) says it best; the outside deadline, a little later, ends
        # a page whose script never yields, where no timer in the page can fire.
        with deadline(page, options.timeout + GRACE, f"prodguard: axe scan of {page_id}"):
            frames = inject(page)
            raw = page.evaluate(
                _RUN,
                [options.context(), options.axe_options(), int(options.timeout * 1000), _TIMEOUT_MARK],
            )
    except DeadlineExceeded as exc:
        raise ScanError(f"{exc} (prodguard_a11y_timeout is {options.timeout:g}s)") from None
    except Error as exc:
        if _TIMEOUT_MARK in str(exc):
            raise ScanError(
                f"prodguard: axe scan of {page_id} did not finish within {options.timeout:g}s "
                "(raise prodguard_a11y_timeout, or lower prodguard_a11y_preload for pages with slow media)"
            ) from None
        if "Axe is already running" in str(exc):
            raise ScanError(
                f"prodguard: axe scan of {page_id} could not start: an earlier scan of this document is still "
                "running (it timed out); load the page again before scanning it"
            ) from None
        raise ScanError(f"prodguard: axe scan of {page_id} failed: {_first_line(exc)}") from None
    from .._text import clean

    raw = _checked(raw, page_id)
    return ScanResult(
        url=clean(raw["url"], 2000),
        page=page_id,
        engine=raw["engine"],
        violations=tuple(_rule(r) for r in raw["violations"]),
        incomplete=tuple(_rule(r) for r in raw["incomplete"]),
        passes=raw["passes"],
        inapplicable=raw["inapplicable"],
        blocked=tuple(blocked),
        all_incomplete=options.incomplete,
        seconds=time.perf_counter() - started,
        frames=frames,
    )


def _checked(raw: Any, page_id: str) -> dict[str, Any]:
    """axe's answer has the shape we read; a page that replaced ``window.axe`` gets an error, not a crash."""
    shape = {"url": str, "engine": str, "violations": list, "incomplete": list, "passes": int, "inapplicable": int}
    if not isinstance(raw, dict) or any(not isinstance(raw.get(k), t) for k, t in shape.items()):
        raise ScanError(f"prodguard: axe scan of {page_id} returned an unexpected result (did the page replace axe?)")
    return raw


def _target(parts: list[Any]) -> tuple[str, ...]:
    return tuple(" >>> ".join(p) if isinstance(p, list) else str(p) for p in parts)


def summarise(summary: str) -> str:
    """axe's failure summary on one line; of "fix any" alternatives only the first is spelled out."""
    groups: list[tuple[str, list[str]]] = []
    for line in summary.splitlines():
        text = line.strip()
        if not text:
            continue
        if text.endswith(":") and not line.startswith(" "):
            groups.append((text, []))
        elif groups:
            groups[-1][1].append(text)
        else:
            groups.append(("", [text]))
    parts = []
    for header, items in groups:
        if header.startswith("Fix any") and len(items) > 1:
            others = len(items) - 1
            parts.append(f"{items[0]} (or {others} other fix{'es' if others > 1 else ''})")
        else:
            parts.append("; ".join(items))
    return "; ".join(p for p in parts if p)


def _rule(raw: dict[str, Any]) -> Rule:
    nodes = tuple(Node(_target(n["target"]), n["html"], summarise(n["summary"]), n.get("impact")) for n in raw["nodes"])
    return Rule(raw["id"], raw.get("impact"), raw["help"], raw["helpUrl"], tuple(raw["tags"]), nodes)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    for line in text.splitlines():
        if line.strip() and not line.startswith("="):
            return line.strip()
    return type(exc).__name__
