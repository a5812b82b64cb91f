"""Typography checks of a declaration: font families, the ``font`` shorthand, and length scales."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .colors import NEUTRAL_KEYWORDS
from .palette import GENERIC_FAMILIES, family_key

if TYPE_CHECKING:
    from .scan import Context, Scan

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


def check_families(scan: Scan, nodes: Sequence[Any], ctx: Context) -> None:
    """``font-family``: the first family must be a brand family, fallbacks brand or generic."""
    if not scan.palette.families:
        return
    import tinycss2  # type: ignore[import-untyped,unused-ignore]

    groups: list[list[Any]] = [[]]
    for node in nodes:
        if node.type == "literal" and node.value == ",":
            groups.append([])
        elif node.type not in {"whitespace", "comment"}:
            groups[-1].append(node)
    for index, group in enumerate(groups):
        if not group:
            continue
        if any(n.type == "function" for n in group):
            continue  # var() and friends: checked as references
        if len(group) == 1 and group[0].type == "ident" and group[0].lower_value in NEUTRAL_KEYWORDS:
            return
        family = group[0].value if group[0].type == "string" else tinycss2.serialize(group).strip()
        key = family_key(family)
        if index == 0 and key not in scan.palette.first_families:
            fix = next((f"var({t.var})" for t in scan.palette.font_tokens), None)
            brand = ", ".join(sorted({t.families[0] for t in scan.palette.font_tokens} | set(scan.palette.extra_fonts)))
            ctx.issue(
                "off-brand-font",
                f"font family {family!r} is not a brand family (brand: {brand})",
                group[0],
                family,
                fix=fix,
            )
        elif index > 0 and key not in scan.palette.families and key not in GENERIC_FAMILIES:
            ctx.issue(
                "off-brand-font",
                f"fallback font family {family!r} is neither a brand family nor a generic family",
                group[0],
                family,
            )


def check_font_shorthand(scan: Scan, nodes: Sequence[Any], ctx: Context) -> None:
    """``font``: the families follow the size (and an optional ``/line-height``)."""
    parts = [n for n in nodes if n.type not in {"whitespace", "comment"}]
    if len(parts) == 1 and parts[0].type == "ident" and parts[0].lower_value in SYSTEM_FONTS | NEUTRAL_KEYWORDS:
        return
    for index, node in enumerate(parts):
        if node.type == "function":
            return  # a var() inside the shorthand hides where the family starts
        is_size = node.type in {"dimension", "percentage"} or (node.type == "ident" and node.lower_value in FONT_SIZES)
        if is_size:
            start = index + 1
            if start < len(parts) and parts[start].type == "literal" and parts[start].value == "/":
                start += 2
            first = parts[start] if start < len(parts) else None
            if first is not None:
                check_families(scan, list(nodes)[list(nodes).index(first) :], ctx)
            return


def check_scale(scan: Scan, nodes: Iterable[Any], kind: str, ctx: Context) -> None:
    """px and rem lengths must be on the scale the dimension tokens of ``kind`` define."""
    lengths = scan.palette.lengths(kind)
    for node in nodes:
        if node.type != "dimension" or node.value == 0 or node.lower_unit not in {"px", "rem"}:
            continue
        px = abs(float(node.value)) * (16.0 if node.lower_unit == "rem" else 1.0)
        if any(abs(px - length) < 0.01 for length in lengths):
            continue
        tokens = [t for t in scan.palette.tokens if t.length_px is not None and t.length_px in lengths]
        nearest = min(tokens, key=lambda t: abs((t.length_px or 0) - px), default=None)
        hint = f"; nearest {nearest.name} ({nearest.length_px:g}px)" if nearest else ""
        written = f"{node.representation}{node.unit}"
        ctx.issue(
            "off-scale",
            f"{written} is not on the {kind} scale{hint}",
            node,
            written,
            fix=f"var({nearest.var})" if nearest else None,
        )
