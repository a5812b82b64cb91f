"""Colour normalisation and distance (coloraide, imported on first use).

Every colour, from a token or from CSS, becomes one key: sRGB hex ``#rrggbb`` or ``#rrggbbaa``
after clipping into the sRGB gamut, so that ``#FFF``, ``white``, ``rgb(255 255 255)`` and
``hsl(0 0% 100%)`` are the same colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coloraide import Color

#: Keywords that are never off-brand: they are not literal colours.
NEUTRAL_KEYWORDS = frozenset(
    {"transparent", "currentcolor", "inherit", "initial", "unset", "revert", "revert-layer", "none", "auto"}
)
#: CSS system colours follow the user's (forced-colors) theme, not the brand.
SYSTEM_COLORS = frozenset(
    [
        "accentcolor",
        "accentcolortext",
        "activetext",
        "buttonborder",
        "buttonface",
        "buttontext",
        "canvas",
        "canvastext",
        "field",
        "fieldtext",
        "graytext",
        "highlight",
        "highlighttext",
        "linktext",
        "mark",
        "marktext",
        "selecteditem",
        "selecteditemtext",
        "visitedtext",
    ]
)
COLOR_FUNCTIONS = frozenset(
    {"rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "device-cmyk"}
)
#: DTCG colour spaces -> coloraide space names, and the divisor that takes DTCG components to coloraide's.
DTCG_SPACES: dict[str, tuple[str, tuple[float, float, float]]] = {
    "srgb": ("srgb", (1, 1, 1)),
    "srgb-linear": ("srgb-linear", (1, 1, 1)),
    "hsl": ("hsl", (1, 100, 100)),
    "hwb": ("hwb", (1, 100, 100)),
    "lab": ("lab", (1, 1, 1)),
    "lch": ("lch", (1, 1, 1)),
    "oklab": ("oklab", (1, 1, 1)),
    "oklch": ("oklch", (1, 1, 1)),
    "display-p3": ("display-p3", (1, 1, 1)),
    "a98-rgb": ("a98-rgb", (1, 1, 1)),
    "prophoto-rgb": ("prophoto-rgb", (1, 1, 1)),
    "rec2020": ("rec2020", (1, 1, 1)),
    "xyz-d65": ("xyz-d65", (1, 1, 1)),
    "xyz-d50": ("xyz-d50", (1, 1, 1)),
}


class ColorError(ValueError):
    """Not a colour; the message says why."""


def _color_class() -> type[Color]:
    from coloraide import Color

    return Color


@dataclass(frozen=True)
class Rgba:
    """A normalised colour: its hex key and alpha."""

    hex: str
    alpha: float

    @property
    def transparent(self) -> bool:
        return self.alpha <= 0.0


def _normalise(color: Color) -> Rgba:
    srgb = color.convert("srgb").clip()
    alpha = srgb.alpha()
    alpha = 1.0 if math.isnan(alpha) else alpha
    text: str = srgb.to_string(hex=True, alpha=alpha < 1.0)
    return Rgba(text.lower(), round(alpha, 3))


@lru_cache(maxsize=8192)
def parse_css_color(text: str) -> Rgba:
    """Normalise one CSS Color 4 value (hex, name, rgb/hsl/hwb/lab/lch/oklab/oklch/color())."""
    cleaned = text.strip().lower()
    try:
        color = _color_class()(cleaned)
    except (ValueError, TypeError, KeyError, IndexError, ZeroDivisionError, OverflowError):
        raise ColorError(f"{text!r} is not a CSS colour") from None
    if any(math.isinf(v) for v in color.coords()):
        raise ColorError(f"{text!r} is not a finite colour")
    return _normalise(color)


def is_named_color(word: str) -> bool:
    from coloraide.css.color_names import name2val_map

    return word.lower() in name2val_map


def from_components(space: str, components: Any, alpha: Any) -> Rgba:
    """A DTCG colour object's ``colorSpace``/``components``/``alpha`` (DTCG component ranges)."""
    if space not in DTCG_SPACES:
        raise ColorError(f"unknown colorSpace {space!r} (expected one of {', '.join(DTCG_SPACES)})")
    target, scale = DTCG_SPACES[space]
    if not isinstance(components, list) or len(components) != 3:
        raise ColorError("components must be a list of 3 numbers or 'none'")
    coords: list[float] = []
    for value, divisor in zip(components, scale, strict=True):
        if value == "none":
            coords.append(math.nan)
        elif isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            coords.append(float(value) / divisor)
        else:
            raise ColorError(f"component {value!r} is not a number or 'none'")
    if alpha is None:
        alpha = 1.0
    if not isinstance(alpha, int | float) or isinstance(alpha, bool) or not 0 <= alpha <= 1:
        raise ColorError(f"alpha {alpha!r} is not a number from 0 to 1")
    return _normalise(_color_class()(target, coords, float(alpha)))


def with_alpha(color: Rgba, alpha: float) -> Rgba:
    base = _color_class()(color.hex)
    base.set("alpha", max(0.0, min(1.0, alpha)))
    return _normalise(base)


def modify(color: Rgba, kind: str, amount: float, space: str, other: Rgba | None) -> Rgba:
    """Tokens Studio colour modifiers (lighten, darken, mix, alpha), mixed in ``space``."""
    base = _color_class()(color.hex)
    if kind == "alpha":
        return with_alpha(color, amount)
    target = {"lighten": "white", "darken": "black"}.get(kind)
    if target is None:
        if kind != "mix" or other is None:
            raise ColorError(f"unknown colour modifier {kind!r} (expected lighten, darken, mix or alpha)")
        target = other.hex
    return _normalise(base.mix(target, amount, space=space or "srgb"))


@lru_cache(maxsize=4096)
def _from_hex(hex_value: str) -> Color:
    """A normalised colour as a coloraide object, parsed once (callers never change it)."""
    return _color_class()(hex_value)


@lru_cache(maxsize=65536)
def oklab(hex_value: str) -> tuple[float, float, float]:
    """OKLab coordinates, for a quick perceptual pre-ranking before the exact ΔE."""
    lightness, a, b = _from_hex(hex_value).convert("oklab").coords(nans=False)
    return lightness, a, b


#: The space each ΔE metric measures in (coloraide's defaults): colours are converted to it once.
_METRIC_SPACES = {"2000": "lab-d65", "76": "lab-d65", "ok": "oklab"}


@lru_cache(maxsize=8192)
def _in_space(hex_value: str, space: str) -> Color:
    return _from_hex(hex_value).convert(space)


@lru_cache(maxsize=65536)
def distance(a: str, b: str, metric: str = "2000") -> float:
    """ΔE between two normalised colours (CIEDE2000 by default, ``ok`` for ΔE OK, ``76`` for CIE76)."""
    space = _METRIC_SPACES.get(metric)
    if space is None:
        return float(_from_hex(a).delta_e(_from_hex(b), method=metric))
    return float(_in_space(a, space).delta_e(_in_space(b, space), method=metric))
