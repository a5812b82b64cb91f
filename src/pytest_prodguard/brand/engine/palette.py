"""The brand palette: tokens (colours, font families, scale lengths) and how to look them up."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .colors import Rgba

GENERIC_FAMILIES = frozenset(
    {
        "serif",
        "sans-serif",
        "monospace",
        "cursive",
        "fantasy",
        "system-ui",
        "ui-serif",
        "ui-sans-serif",
        "ui-monospace",
        "ui-rounded",
        "emoji",
        "math",
        "fangsong",
        "-apple-system",
        "blinkmacsystemfont",
    }
)

_ROLE_WORDS = {
    "text": {"fg", "text", "foreground", "ink", "font", "copy", "heading", "link"},
    "bg": {"bg", "background", "surface", "canvas", "backdrop", "page"},
    "border": {"border", "outline", "divider", "stroke", "separator", "rule"},
    "shadow": {"shadow", "elevation"},
}


def words(name: str) -> list[str]:
    """``fgColor.default-muted`` -> ``['fg', 'color', 'default', 'muted']``."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return [w for w in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if w]


@lru_cache(maxsize=4096)
def role_of(name: str) -> str | None:
    """The role a token or property name shows (text, bg, border, shadow), if any."""
    found = set(words(name))
    # Property names reach us lower-cased: --fgColor-muted is read as "fgcolor", which is "fg".
    found |= {w.removesuffix("color") for w in found if w.endswith("color") and w != "color"}
    for role, role_words in _ROLE_WORDS.items():
        if found & role_words:
            return role
    return None


def property_role(prop: str) -> str | None:
    if prop.startswith("--"):
        return role_of(prop)
    if prop.startswith(("background", "bgcolor")):
        return "bg"
    if prop.startswith(("border", "outline", "column-rule")):
        return "border"
    if prop.endswith("shadow"):
        return "shadow"
    if prop in {"color", "caret-color", "-webkit-text-fill-color", "text", "link", "vlink", "alink"} or prop.startswith(
        ("text-decoration", "text-emphasis")
    ):
        return "text"
    return None


def family_key(family: str) -> str:
    return " ".join(family.strip().strip("\"'").split()).lower()


@dataclass(frozen=True)
class Token:
    name: str
    var: str
    source: str
    pointer: str
    type: str | None = None
    themes: frozenset[str] = frozenset()
    deprecated: bool = False
    color: Rgba | None = None
    families: tuple[str, ...] = ()
    length_px: float | None = None
    composite: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def role(self) -> str | None:
        return role_of(self.name)


@dataclass
class Palette:
    tokens: list[Token]
    extra_fonts: tuple[str, ...] = ()
    #: Tokens of the themes left out by ``prodguard_brand_themes``: they only make their definitions known.
    elsewhere: list[Token] = field(default_factory=list)
    #: Every custom property the token files define, whatever its value (an easing, an opacity, a font weight).
    declared: frozenset[str] = frozenset()
    #: Every colour each token's custom property holds, in any theme: ``--x: <its own value>`` is no finding.
    defined_colors: dict[str, set[str]] = field(init=False, default_factory=dict)
    by_hex: dict[str, list[Token]] = field(init=False, default_factory=dict)
    by_var: dict[str, Token] = field(init=False, default_factory=dict)
    families: set[str] = field(init=False, default_factory=set)
    font_tokens: list[Token] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        for token in self.tokens:
            for var in (token.var, *token.aliases):
                self.by_var.setdefault(var, token)
            if token.color is not None:
                self.by_hex.setdefault(token.color.hex, []).append(token)
            if token.families:
                self.families.update(family_key(f) for f in token.families)
                if not token.composite:
                    self.font_tokens.append(token)
        self.families.update(family_key(f) for f in self.extra_fonts)
        for token in (*self.tokens, *self.elsewhere):
            if token.color is not None:
                for var in (token.var, *token.aliases):
                    self.defined_colors.setdefault(var, set()).add(token.color.hex)

    @property
    def colors(self) -> list[Token]:
        return [t for t in self.tokens if t.color is not None]

    @property
    def first_families(self) -> set[str]:
        """Families that may come first: the first of each font token stack, and the extra fonts."""
        firsts = {family_key(t.families[0]) for t in self.tokens if t.families}
        return firsts | {family_key(f) for f in self.extra_fonts}

    def lengths(self, kind: str) -> set[float]:
        return {t.length_px for t in self.tokens if t.length_px is not None and scale_kind(t) == kind}

    def describe(self) -> str:
        return f"{len(self.colors)} colour tokens, {len(self.font_tokens)} font tokens"


def scale_kind(token: Token) -> str | None:
    found = set(words(token.name)) | set(words(token.type or ""))
    if found & {"radius", "radii", "rounded", "corner"}:
        return "radius"
    if "font" in found or found & {"fontsize", "fontsizes"}:
        return "font-size"
    if found & {"spacing", "space", "gap", "gutter", "spacer"}:
        return "spacing"
    return None


def best_name(tokens: Iterable[Token]) -> Token:
    """The token to suggest among those sharing one value: current, plain colour, shortest name."""
    return min(tokens, key=lambda t: (t.deprecated, t.composite, len(t.name), t.name))
