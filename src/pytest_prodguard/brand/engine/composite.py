"""Colours inside composite token values: shadows, borders, gradients, written as CSS text or as DTCG objects.

Every colour such a token holds is a brand colour (``--p-shadow-600: 0 4px 8px rgba(0, 0, 0, 0.1)``
makes ``rgba(0, 0, 0, 0.1)`` one), so a stylesheet that writes the same shadow is on-palette.
"""

from __future__ import annotations

import re
from typing import Any

from .colors import COLOR_FUNCTIONS, NEUTRAL_KEYWORDS, SYSTEM_COLORS, ColorError, Rgba, is_named_color, parse_css_color

#: DTCG and Tokens Studio composite types whose value holds colours.
COMPOSITE_TYPES = frozenset({"border", "shadow", "boxshadow", "gradient", "transition", "strokestyle"})
_MAY_HOLD = re.compile(r"#|\(|[A-Za-z]")
_HEX = re.compile(r"[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8}")


def colors_in_text(text: str) -> list[Rgba]:
    """The literal colours in a CSS value (``var()`` references and their fallbacks aside)."""
    if not _MAY_HOLD.search(text):
        return []
    import tinycss2

    found: list[Rgba] = []

    def walk(nodes: list[Any]) -> None:
        for node in nodes:
            written = None
            if node.type == "hash" and _HEX.fullmatch(node.value):
                written = "#" + node.value
            elif node.type == "ident":
                lowered = node.lower_value
                if lowered not in NEUTRAL_KEYWORDS and lowered not in SYSTEM_COLORS and is_named_color(lowered):
                    written = node.value
            elif node.type == "function" and node.lower_name in COLOR_FUNCTIONS:
                written = tinycss2.serialize([node])
            elif node.type == "function" and node.lower_name != "var":
                walk(node.arguments)
            if written is not None:
                try:
                    color = parse_css_color(written)
                except ColorError:
                    continue
                if not color.transparent:
                    found.append(color)

    walk(tinycss2.parse_component_value_list(text, skip_comments=True))
    return found


def composite_colors(value: Any) -> list[Any]:
    """The colour members of a DTCG composite value (one object or a list of layers), in order."""
    layers = value if isinstance(value, list) else [value]
    return [layer["color"] for layer in layers if isinstance(layer, dict) and layer.get("color") is not None]
