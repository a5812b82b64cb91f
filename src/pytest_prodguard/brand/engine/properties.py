"""Which properties the check reads, and what it reads in them (colours, font families, scales)."""

from __future__ import annotations

import re

from .colors import NEUTRAL_KEYWORDS, SYSTEM_COLORS, is_named_color

_STRUCTURED = re.compile(r"[#(\[{]")
_LETTERS = re.compile(r"[A-Za-z]+")
_COLOR_PROPS = frozenset(
    {"fill", "stroke", "filter", "backdrop-filter", "mask", "mask-image", "scrollbar-color", "border-image"}
)
_COLOR_PREFIXES = ("background", "border", "outline", "text-decoration", "text-emphasis", "column-rule", "-webkit-text")
_COLOR_SUFFIXES = ("color", "shadow")
FONT_SIZES = frozenset(
    "xx-small x-small small medium large x-large xx-large xxx-large smaller larger math".split()  # noqa: SIM905
)
SYSTEM_FONTS = frozenset("caption icon menu message-box small-caption status-bar".split())  # noqa: SIM905
SCALE_PROPS = {
    "spacing": ("margin", "padding", "gap", "row-gap", "column-gap"),
    "radius": ("border-radius", "border-top-left-radius", "border-top-right-radius"),
    "font-size": ("font-size",),
}


def scale_of(prop: str) -> str | None:
    for kind, props in SCALE_PROPS.items():
        if prop.startswith(props) and not prop.endswith(("-color", "-style", "-width")):
            return kind
    return None


def is_color_property(name: str) -> bool:
    return (
        name.startswith("--")
        or name in _COLOR_PROPS
        or name.startswith(_COLOR_PREFIXES)
        or name.endswith(_COLOR_SUFFIXES)
        or name in {"stop-color", "flood-color", "lighting-color"}
    )


def may_hold_colour(value: str) -> bool:
    """False only if no token of ``value`` can be a colour, a var() or hold one (as :meth:`.scan.Scan._walk` sees it).

    A named colour is an identifier made of letters only, so it is a whole run of letters.
    """
    if _STRUCTURED.search(value) is not None:
        return True
    for word in _LETTERS.findall(value):
        lowered = word.lower()
        if lowered not in NEUTRAL_KEYWORDS and lowered not in SYSTEM_COLORS and is_named_color(lowered):
            return True
    return False
