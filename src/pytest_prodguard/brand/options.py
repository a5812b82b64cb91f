"""Settings and markers of the brand part, declared by the core (see pytest_prodguard.parts.PARTS)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..config import Option, Settings, parse_choice, parse_list

if TYPE_CHECKING:
    from .engine import Profile, Tolerance

SCALE_KINDS = ("spacing", "radius", "font-size")
LITERAL_POLICIES = ("allow", "warn", "error")


def _parse_files(text: str) -> tuple[str, ...]:
    files = parse_list(text)
    if not files:
        raise ValueError("expected at least one file or glob")
    return files


def _parse_tolerance(text: str) -> Tolerance:
    from .engine.tolerance import parse_tolerance  # the value type loads on first use

    return parse_tolerance(text)


def parse_scales(text: str) -> tuple[str, ...]:
    entries = tuple(entry.lower() for entry in parse_list(text))
    if entries in {(), ("off",), ("none",)}:
        return ()
    if entries == ("all",):
        return SCALE_KINDS
    unknown = [entry for entry in entries if entry not in SCALE_KINDS]
    if unknown:
        raise ValueError(f"unknown scale {unknown[0]!r}")
    return entries


TOKENS = Option(
    "brand_tokens",
    _parse_files,
    None,
    "Design-token files (DTCG or Tokens Studio JSON or JSON5, Style Dictionary output, CSS custom properties), "
    "relative to the rootdir; several files merge.",
    "file paths or globs separated by commas or new lines",
    part="brand",
    path=True,
)
PATHS = Option(
    "brand_paths",
    parse_list,
    "",
    "Stylesheets, HTML and SVG files to check; each becomes a collected test item.",
    "globs relative to the rootdir (** recurses), separated by commas or new lines",
    part="brand",
)
TOLERANCE = Option(
    "brand_tolerance",
    _parse_tolerance,
    "exact",
    "How close a colour must be to a brand colour (exact after normalisation to sRGB hex, or a ΔE distance).",
    "exact, a CIEDE2000 distance such as 2, or 2000:N / ok:N (ΔE OK, e.g. ok:0.02)",
    part="brand",
)
FONTS = Option(
    "brand_fonts",
    parse_list,
    "",
    "Font families allowed besides those in the tokens (generic families included only if listed).",
    "family names separated by commas or new lines",
    part="brand",
    allow_empty=True,
)
LITERALS = Option(
    "brand_literals",
    parse_choice(*LITERAL_POLICIES),
    "allow",
    "What an on-palette raw colour literal is: fine, a warning, or an error (write var(--token) instead).",
    "allow, warn or error",
    part="brand",
)
SCALES = Option(
    "brand_scales",
    parse_scales,
    "off",
    "Check lengths against the dimension tokens of these scales.",
    "off, all, or a list of spacing, radius, font-size",
    part="brand",
)
THEMES = Option(
    "brand_themes",
    parse_list,
    "",
    "Restrict the palette to these themes (default: the union of every theme in the tokens).",
    "theme names separated by commas or new lines (values without a theme always count)",
    part="brand",
    allow_empty=True,
)

UNKNOWN_LEVELS = ("error", "warn", "off")
UNKNOWN = Option(
    "brand_unknown",
    parse_choice(*UNKNOWN_LEVELS),
    "error",
    "What var() of a custom property that no token file or checked file defines is "
    "(with a fallback value it is at most a warning).",
    "error, warn or off",
    part="brand",
)
RUNTIME_VARS = Option(
    "brand_runtime_vars",
    parse_list,
    "",
    "Custom properties set at run time (by script or inline style): var() of them is never unknown.",
    "names or patterns (--pc-*) separated by commas or new lines",
    part="brand",
)

OPTIONS: list[Option[Any]] = [TOKENS, PATHS, TOLERANCE, FONTS, LITERALS, SCALES, THEMES, UNKNOWN, RUNTIME_VARS]
#: The part's markers; each is the function of that name in :mod:`.marker` (its signature and help).
MARKER_NAMES = ("brand",)


def profile_from(values: Settings) -> Profile:
    """The engine profile the ``prodguard_brand_*`` settings describe."""
    from .engine import Profile

    return Profile(
        values.get(TOKENS),
        values.get(TOLERANCE),
        values.get(LITERALS),
        values.get(FONTS),
        values.get(SCALES),
        values.get(THEMES),
        values.get(UNKNOWN),
        values.get(RUNTIME_VARS),
    )
