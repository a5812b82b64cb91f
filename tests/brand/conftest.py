"""Shared material for the brand tests: a real-world-shaped DTCG token file and one Chromium."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pytest_prodguard.brand.matching import Matcher, Policy
from pytest_prodguard.brand.palette import Palette
from pytest_prodguard.brand.scan import Issue, Scan
from pytest_prodguard.brand.tokens import load_palette

TOKENS: dict[str, Any] = {
    "color": {
        "$type": "color",
        "brand": {
            "primary": {
                "$value": {"colorSpace": "srgb", "components": [0.051, 0.431, 0.992], "hex": "#0d6efd"},
                "$description": "Links and primary buttons",
            },
            "accent": {"$value": {"colorSpace": "hsl", "components": [340, 82, 52]}},
        },
        "fg": {
            "default": {"$value": "#1f2328"},
            "muted": {"$value": "#59636e"},
            "legacy": {"$value": "{color.fg.default}", "$deprecated": "use fg.default"},
        },
        "bg": {
            "default": {
                "$value": "#ffffff",
                "$extensions": {"com.example.modes": {"modes": {"dark": "#0d1117"}}},
            },
            "subtle": {"$value": "#f6f8fa"},
        },
        "border": {"default": {"$value": "#d0d7de"}},
        "shadow": {"small": {"$value": {"colorSpace": "srgb", "components": [0, 0, 0], "alpha": 0.5}}},
    },
    "font": {
        "family": {
            "$type": "fontFamily",
            "sans": {"$value": ["Inter", "Helvetica Neue", "sans-serif"]},
            "mono": {"$value": "JetBrains Mono, monospace"},
        }
    },
    "space": {"$type": "dimension", "sm": {"$value": {"value": 8, "unit": "px"}}, "md": {"$value": "1rem"}},
    "radius": {"$type": "dimension", "md": {"$value": "6px"}},
}


def write_tokens(directory: Path, data: Any = None, name: str = "tokens.json") -> Path:
    path = directory / name
    path.write_text(json.dumps(TOKENS if data is None else data, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def palette(tmp_path: Path) -> Palette:
    return load_palette([write_tokens(tmp_path)], tmp_path)


def scan_css(palette: Palette, css: str, policy: Policy | None = None) -> list[Issue]:
    scan = Scan(Matcher(palette, policy or Policy()), css)
    scan.stylesheet(css)
    return scan.issues


def brief(issues: list[Issue]) -> list[tuple[int | None, int | None, str, str]]:
    """(line, col, rule, value as written) for compact exact assertions."""
    return [(i.line, i.col, i.rule, i.written) for i in issues]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    args += ["--disable-sync", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=args, headless=True)
        try:
            yield browser
        finally:
            browser.close()
