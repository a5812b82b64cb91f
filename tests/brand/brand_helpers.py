"""Shared material for the brand tests: a real-world-shaped DTCG token file and scan helpers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pytest_prodguard.brand.engine import Issue, Scan
from pytest_prodguard.brand.engine.matching import Matcher, Policy
from pytest_prodguard.brand.engine.palette import Palette

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


#: Characters for generated text: printable ASCII, CSS's odd whitespace and a few non-ASCII ones.
#: An explicit alphabet: hypothesis would otherwise build (and cache on disk) a table of all of
#: Unicode on its first run, seconds that a fresh checkout's suite budget would pay.
TEXT_ALPHABET = "".join(chr(c) for c in range(32, 127)) + "\t\n\r\f\x00\x0b\u00a0\u2028éßü€\u2113\U0001f600"


def write_tokens(directory: Path, data: Any = None, name: str = "tokens.json") -> Path:
    path = directory / name
    path.write_text(json.dumps(TOKENS if data is None else data, indent=2), encoding="utf-8")
    return path


def scan_css(palette: Palette, css: str, policy: Policy | None = None) -> list[Issue]:
    scan = Scan(Matcher(palette, policy or Policy()), css)
    scan.stylesheet(css)
    return scan.issues


def brief(issues: list[Issue]) -> list[tuple[int | None, int | None, str, str]]:
    """(line, col, rule, value as written) for compact exact assertions."""
    return [(i.line, i.col, i.rule, i.written) for i in issues]
