"""Scanning a page in a pytest run, and from a scan to findings: thresholds, baseline identity, screenshots."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ..browser.server import blocked_requests
from ..browser.session import browser_session
from ..findings import Finding, Severity
from ..record import is_known, mark_checked, record_finding, settings
from .axe import IMPACT_RANK, Node, Rule, ScanError, ScanOptions, ScanResult, run
from .options import DISABLE, GATE, IMPACT, INCOMPLETE, PRELOAD, SCREENSHOTS, TAGS, TIMEOUT

if TYPE_CHECKING:
    from playwright.sync_api import Page


def base_options(config: pytest.Config) -> ScanOptions:
    chosen = settings(config)
    return ScanOptions(
        tags=chosen.get(TAGS),
        disable=chosen.get(DISABLE),
        incomplete=chosen.get(INCOMPLETE),
        timeout=chosen.get(TIMEOUT),
        preload=chosen.get(PRELOAD),
    )


def _words(name: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"{name} must be a string or a list of strings, got {value!r}")


def scan_options(
    config: pytest.Config,
    *,
    include: object = None,
    exclude: object = None,
    tags: object = None,
    rules: object = None,
    disable: object = None,
    incomplete: bool | None = None,
) -> ScanOptions:
    """The configured options with one scan's arguments applied (ValueError on a bad argument)."""
    options = base_options(config)
    return replace(
        options,
        include=_words("include", include),
        exclude=_words("exclude", exclude),
        tags=_words("tags", tags) if tags is not None else options.tags,
        rules=_words("rules", rules),
        disable=options.disable + _words("disable", disable),
        incomplete=options.incomplete if incomplete is None else bool(incomplete),
    )


def scan_page(page: Page, config: pytest.Config, options: ScanOptions, since: int = 0) -> ScanResult:
    """Scan an open page; ScanError when it cannot be scanned (never an empty pass)."""
    if page.url in ("", "about:blank"):
        raise ScanError("prodguard: the page was never opened (it is about:blank); call page.goto(...) first")
    server = browser_session(config).server()
    page_id = server.page_id(page.url)
    blocked = [_short(url, server.origin) for url in blocked_requests(page)[since:]]
    return run(page, options, page_id, blocked)


def _short(text: str, origin: str) -> str:
    return text.replace(origin + "/", "/")


def record_result(item: pytest.Item, result: ScanResult, impact: str | None, page: Page | None = None) -> list[Finding]:
    """Record the scan's findings on ``item``: new violations at or above ``impact`` fail it."""
    floor = IMPACT_RANK[impact or settings(item.config).get(IMPACT)]
    shots = settings(item.config).get(SCREENSHOTS)
    recorded: list[Finding] = []
    for rule in result.violations:
        failing = IMPACT_RANK.get(rule.impact or "minor", 0) >= floor
        for index, node in enumerate(rule.nodes):
            finding = _violation(result, rule, node, Severity.ERROR if failing else Severity.INFO)
            new = failing and not is_known(item.config, finding.with_(nodeid=item.nodeid))
            if new and shots is not None and page is not None:
                saved = _screenshot(page, node, _shot_path(item.config, shots, result.page, rule.id, index))
                finding = finding.with_(details={**finding.details, "screenshot": saved})
            recorded.append(record_finding(item, finding))
    # "Needs review" is reported, never failed; without prodguard_a11y_incomplete axe lists at
    # most one element per rule (cheaper), so the message says there may be more.
    more = "" if result.all_incomplete else " (maybe more elements: prodguard_a11y_incomplete = true lists all)"
    for rule in result.incomplete:
        for node in rule.nodes:
            message = f"needs review: {rule.help} ({rule.impact or 'no impact'}): {node.summary}{more}"
            recorded.append(
                record_finding(
                    item,
                    Finding(
                        GATE,
                        rule.id,
                        message,
                        Severity.WARNING,
                        path=result.page,
                        target=node.selector,
                        key="needs-review " + node.selector,
                        fix=rule.help_url,
                    ),
                )
            )
    for blocked in result.blocked:
        recorded.append(
            record_finding(
                item,
                Finding(
                    GATE,
                    "blocked-request",
                    f"request blocked while loading the page: {blocked}",
                    Severity.WARNING,
                    path=result.page,
                    key=blocked,
                    fix="serve the resource from under prodguard_a11y_root, or scan the deployed site",
                ),
            )
        )
    mark_checked(item, GATE)
    return recorded


def _violation(result: ScanResult, rule: Rule, node: Node, severity: Severity) -> Finding:
    where = f" in frame {node.frame}" if node.frame else ""
    return Finding(
        GATE,
        rule.id,
        f"{rule.help} ({rule.impact}){where}: {node.summary}",
        severity,
        path=result.page,
        target=node.selector,
        key=node.selector,
        fix=rule.help_url,
        details={
            "impact": rule.impact,
            "html": node.html[:300],
            "frame": node.frame,
            "tags": list(rule.tags),
            "axe": result.engine,
        },
    )


def _shot_path(config: pytest.Config, directory: Path, page: str, rule: str, index: int) -> Path:
    base = directory if directory.is_absolute() else config.invocation_params.dir / directory
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", page).strip("_") or "page"
    return base / f"{slug}--{rule}--{index + 1}.png"


def _screenshot(page: Page, node: Node, path: Path, timeout: float = 2.0) -> str:
    from playwright.sync_api import Error

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        frames, selector = node.target[:-1], node.target[-1].replace(" >>> ", " ")
        if frames:
            holder = page.frame_locator(frames[0])
            for frame in frames[1:]:
                holder = holder.frame_locator(frame)
            locator = holder.locator(selector).first
        else:
            locator = page.locator(selector).first
        locator.screenshot(path=str(path), timeout=timeout * 1000)
    except (Error, OSError) as exc:
        return f"not saved: {str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}"
    return str(path)
