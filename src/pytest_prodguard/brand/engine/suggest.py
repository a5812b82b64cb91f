"""How an off-palette colour is reported: the nearest token, and what the suggestion changes besides colour."""

from __future__ import annotations

from typing import Any

from .colors import Rgba
from .matching import Near


def off_palette(
    written: str, color: Rgba, role: str | None, near: Near | None, metric: str
) -> tuple[str, str | None, dict[str, Any]]:
    """The message, the fix (``var(--token)``, only when it keeps the alpha) and the details of a finding."""
    details: dict[str, Any] = {"normalised": color.hex}
    text = f"{written} is not a brand colour (normalised {color.hex})"
    if near is None:
        return text, None, details
    token = near.token
    assert token.color is not None
    kind = f"{role} token" if role and token.role == role else "token"
    if token.themes:
        kind = f"{kind} ({', '.join(sorted(token.themes))})"
    shared = f", {near.sharing} tokens share this value" if near.sharing > 1 else ""
    delta = f"ΔE{'OK' if metric == 'ok' else metric}"
    text += f"; nearest {kind} {token.name} {token.color.hex}, {delta} {near.distance:.2f}{shared}"
    fix = None if token.composite else f"var({token.var})"
    if near.alpha_differs:
        # Same hue is not the same colour: a token at another opacity is a hint, never a drop-in fix.
        text += f", but at alpha {_alpha(token.color)} where this is {_alpha(color)}"
        fix = None
    if near.closer is not None:
        other, distance = near.closer
        assert other.color is not None
        text += f"; nearer, of another role: {other.name} {other.color.hex}, {delta} {distance:.2f}"
        details.update(closer_token=other.name, closer_distance=round(distance, 3))
    details.update(
        token=token.name,
        token_value=token.color.hex,
        distance=round(near.distance, 3),
        sharing=near.sharing,
        alpha_differs=near.alpha_differs,
    )
    return text, fix, details


def _alpha(color: Rgba) -> str:
    return f"{color.alpha:.2f}".rstrip("0").rstrip(".") or "0"
