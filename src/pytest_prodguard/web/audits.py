"""Optimisation findings from one page load, after Lighthouse's audits of the same names.

* ``uses-responsive-images``: an image served larger than it is displayed (at the screen's
  pixel ratio); it would save ``bytes * (1 - displayed pixels / natural pixels)``.
* ``offscreen-images``: an image outside the first viewport that is not ``loading="lazy"``;
  deferring it would save its bytes.
* ``unused-javascript`` / ``unused-css-rules``: bytes of a script or stylesheet the load never
  ran or matched (Chromium's coverage), scaled to bytes on the wire.

Below Lighthouse's own thresholds (4 KiB, 2 KiB, 20 KiB, 10 KiB of savings) nothing is reported.
No pytest and no Playwright here: :class:`Coverage` talks to any DevTools protocol session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..units import format_size
from .rounds import Response, Round
from .throttle import CDP

RESPONSIVE_MIN = 4096
OFFSCREEN_MIN = 2048
OFFSCREEN_VISIBLE = 0.25  # Lighthouse: an image at most 75 % offscreen counts as visible
UNUSED_JS_MIN = 20480
UNUSED_CSS_MIN = 10240


@dataclass(frozen=True)
class Saving:
    audit: str
    url: str
    wasted: int
    total: int
    why: str

    def message(self) -> str:
        return (
            f"{self.audit}: {self.url} could save {format_size(self.wasted)} of {format_size(self.total)} ({self.why})"
        )


@dataclass
class Coverage:
    """Which script and stylesheet characters a load used (JavaScript by V8, CSS by rule usage)."""

    scripts: dict[str, tuple[str, int]] = field(default_factory=dict)  # scriptId -> (url, length)
    sheets: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleSheetId -> (url, length)
    js: list[dict[str, Any]] = field(default_factory=list)
    css: list[dict[str, Any]] = field(default_factory=list)

    def start(self, cdp: Any) -> None:
        cdp.on("Debugger.scriptParsed", lambda e: self.scripts.__setitem__(e["scriptId"], (e["url"], e["length"])))
        cdp.on("CSS.styleSheetAdded", self._sheet)
        for method in ("Profiler.enable", "Debugger.enable", "DOM.enable", "CSS.enable"):
            cdp.send(method)
        cdp.send("Profiler.startPreciseCoverage", {"callCount": False, "detailed": True})
        cdp.send("CSS.startRuleUsageTracking")

    def _sheet(self, event: dict[str, Any]) -> None:
        header = event["header"]
        if not header.get("isInline"):
            self.sheets[header["styleSheetId"]] = (header["sourceURL"], int(header["length"]))

    def stop(self, cdp: CDP) -> None:
        self.js = cdp.send("Profiler.takePreciseCoverage")["result"]
        self.css = cdp.send("CSS.stopRuleUsageTracking")["ruleUsage"]

    def unused_js(self) -> dict[str, tuple[int, int]]:
        """URL -> (unused characters, length) of external scripts."""
        found: dict[str, tuple[int, int]] = {}
        for script in self.js:
            url, length = self.scripts.get(script["scriptId"], (script.get("url", ""), 0))
            if not url.startswith("http") or length <= 0:
                continue
            used = bytearray(length)
            # V8 lists a function's whole range first, then nested ranges: the last word on a byte wins.
            for function in script["functions"]:
                for r in function["ranges"]:
                    used[r["startOffset"] : r["endOffset"]] = (b"\1" if r["count"] else b"\0") * (
                        min(r["endOffset"], length) - r["startOffset"]
                    )
            unused = length - sum(used)
            previous = found.get(url, (0, 0))
            found[url] = (previous[0] + unused, previous[1] + length)
        return found

    def unused_css(self) -> dict[str, tuple[int, int]]:
        used: dict[str, int] = {}
        for rule in self.css:
            if rule["used"] and rule["styleSheetId"] in self.sheets:
                used[rule["styleSheetId"]] = used.get(rule["styleSheetId"], 0) + rule["endOffset"] - rule["startOffset"]
        return {
            url: (max(0, length - used.get(sid, 0)), length) for sid, (url, length) in self.sheets.items() if length > 0
        }


def _wire(responses: Iterable[Response]) -> dict[str, int]:
    return {r.url: r.bytes for r in responses}


def image_savings(loaded: Round) -> list[Saving]:
    wire = _wire(loaded.responses)
    dpr = float(loaded.viewport.get("dpr", 1) or 1)
    width, height = float(loaded.viewport.get("width", 0)), float(loaded.viewport.get("height", 0))
    savings: list[Saving] = []
    for image in loaded.images:
        url, size = image["url"], wire.get(image["url"], 0)
        natural_w, natural_h = image["natural"]
        shown_w, shown_h = image["shown"]
        if not size or not natural_w or not natural_h:
            continue
        shown = min(natural_w * natural_h, shown_w * dpr * shown_h * dpr)
        wasted = int(size * (1 - shown / (natural_w * natural_h)))
        if wasted > RESPONSIVE_MIN:
            why = f"served at {natural_w}x{natural_h}, displayed at {shown_w:g}x{shown_h:g}"
            savings.append(Saving("uses-responsive-images", url, wasted, size, why))
        visible_w = max(0.0, min(image["left"] + shown_w, width) - max(image["left"], 0.0))
        visible_h = max(0.0, min(image["top"] + shown_h, height) - max(image["top"], 0.0))
        area = shown_w * shown_h
        visible = visible_w * visible_h / area if area else 0.0
        if image["loading"] != "lazy" and visible < OFFSCREEN_VISIBLE and size > OFFSCREEN_MIN:
            why = f'outside the first {width:g}x{height:g} viewport and not loading="lazy"'
            savings.append(Saving("offscreen-images", url, size, size, why))
    return savings


def coverage_savings(loaded: Round, coverage: Coverage) -> list[Saving]:
    wire = _wire(loaded.responses)
    savings: list[Saving] = []
    for audit, table, least in (
        ("unused-javascript", coverage.unused_js(), UNUSED_JS_MIN),
        ("unused-css-rules", coverage.unused_css(), UNUSED_CSS_MIN),
    ):
        for url, (unused, length) in sorted(table.items()):
            size = wire.get(url, length)
            wasted = int(size * unused / length)
            if wasted > least:
                why = f"{unused / length:.0%} of it unused during the load"
                savings.append(Saving(audit, url, wasted, size, why))
    return savings
