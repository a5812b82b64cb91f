"""Settings and markers of the web part, declared by the core (see pytest_prodguard.parts.PARTS).

The parsers import their engines on first use, so declaring these options costs nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Option, parse_choice, parse_off_or, parse_text
from ..units import RATIO_HELP, parse_ratio

if TYPE_CHECKING:
    from ..units import Threshold
    from .bundles import BundleBudget
    from .throttle import Profile


def _profile(text: str) -> Profile:
    from .throttle import parse_profile

    return parse_profile(text)


def _resources(text: str) -> tuple[Threshold, ...]:
    from .resources import parse_resources

    return parse_resources(text)


def _bundles(text: str) -> tuple[BundleBudget, ...]:
    from .bundles import parse_bundle_budgets

    return parse_bundle_budgets(text)


def _path(text: str) -> Path:
    return Path(parse_text(text))


THROTTLING = Option(
    "web_throttling",
    _profile,
    None,
    "CPU and network throttling of every page_timing load (Chromium DevTools protocol); the report names "
    "the profile. page_timing.load(..., throttling=...) overrides it for one call. Default: off.",
    "off, slow-4g, fast-4g, 3g, or 'latency=150ms, down=1.6Mbps, up=750kbps, cpu=4'",
    part="web",
)
PAGE_RESOURCES = Option(
    "page_resources",
    _resources,
    None,
    "Limits on every page page_timing loads: bytes on the wire by resource type and request counts "
    "(the worst round counts).",
    "comparisons such as 'script <= 170KB, total <= 1MB, requests <= 50' (types document, script, "
    "stylesheet, image, font, media, other, total; <type>_requests counts)",
    part="web",
)
BUDGETS_FILE = Option(
    "page_budgets_file",
    _path,
    None,
    "A Lighthouse budgets.json (path, resourceSizes in KiB, resourceCounts, timings for "
    "largest-contentful-paint, cumulative-layout-shift, total-blocking-time) applied to the pages "
    "page_timing loads; the last entry whose path matches wins.",
    "a file path (relative paths are relative to the rootdir)",
    part="web",
    path=True,
)
FINDINGS = Option(
    "web_findings",
    parse_choice("warn", "error", "off"),
    "warn",
    "Optimisation findings of page_timing loads (oversized images, offscreen images without "
    "loading=lazy, unused JavaScript and CSS): reported as warnings, as errors, or not looked for "
    "(off also saves the extra, untimed load that takes coverage).",
    "warn, error or off",
    part="web",
)
BUNDLES = Option(
    "bundle_budgets",
    _bundles,
    None,
    "Size limits of built files, without a browser: each file a glob matches becomes a test item "
    "checking its raw, gzip and brotli sizes.",
    "'glob: gzip <= 50KB, brotli <= 45KB, raw <= 200KB' entries, one per line (or ';'-separated)",
    part="web",
)
BUNDLE_REGRESSION = Option(
    "bundle_regression",
    parse_off_or(parse_ratio),
    "10%",
    "Fail a bundle item whose size grew by more than this against the baseline (each measured size).",
    f"{RATIO_HELP}, or off",
    part="web",
)

OPTIONS: list[Option[Any]] = [THROTTLING, PAGE_RESOURCES, BUDGETS_FILE, FINDINGS, BUNDLES, BUNDLE_REGRESSION]
