"""Small inline SVG pictures for the HTML report: a budget's samples against its limit, the suite bar.

Plain strings, no plotting library: the report must open offline and load nothing. Every label
goes through ``escape``; numbers are formatted here, never taken as text from a test.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..units import format_duration

WIDTH = 640
_PAD = 12
# colours mirror the CSS variables of html_style, as SVG presentation attributes cannot read them everywhere
OK, BAD, WARN, MUTED, INK = "#1a7f37", "#cf222e", "#9a6700", "#8c959f", "#1f2328"
OFF_SCALE = 8.0  # a limit more than this many times the largest sample is drawn off the scale
SEGMENTS = ("#0969da", "#8250df", "#bf3989", "#1b7c83", "#953800", "#4d2d00")


def _x(value: float, top: float) -> float:
    return _PAD + (WIDTH - 2 * _PAD) * (value / top if top > 0 else 0.0)


def _label(x: float, y: float, text: str, colour: str = INK, anchor: str = "middle") -> str:
    if anchor == "middle":  # keep a centred label inside the picture at either end
        x = min(max(x, 50.0), WIDTH - 50.0)
    return f'<text x="{x:.1f}" y="{y:.1f}" fill="{colour}" text-anchor="{anchor}" font-size="11">{escape(text)}</text>'


def distribution(
    samples: Sequence[float],
    *,
    limit: float | None,
    baseline: float | None,
    p50: float | None,
    p95: float | None,
    failed: bool,
    title: str,
) -> str:
    """Every sample as a dot on a time axis from zero, the p50..p95 box, the limit and the baseline."""
    values = [s for s in samples if s >= 0]
    seen = max([*values, baseline or 0.0, 1e-9])
    # A limit far beyond every sample would squeeze them into a dot at zero: it is then drawn as
    # an arrow at the right edge, off the scale, and the axis fits the samples.
    off_scale = limit is not None and limit > seen * OFF_SCALE
    top = (seen if off_scale or limit is None else max(seen, limit)) * 1.08
    height = 74
    parts = [
        f'<svg class="plot" viewBox="0 0 {WIDTH} {height}" role="img" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{_PAD}" y1="44" x2="{WIDTH - _PAD}" y2="44" stroke="{MUTED}" stroke-width="1"/>',
    ]
    if p50 is not None and p95 is not None:
        x50, x95 = _x(p50, top), _x(p95, top)
        parts.append(
            f'<rect x="{x50:.1f}" y="22" width="{max(x95 - x50, 1.5):.1f}" height="20" '
            f'fill="{BAD if failed else OK}" fill-opacity="0.18" stroke="{BAD if failed else OK}"/>'
        )
    count = len(values)
    for index, value in enumerate(values):
        # a deterministic spread over five rows keeps equal samples visible side by side
        y = 26 + (index * 7919 % 5) * 3.5
        colour = BAD if limit is not None and value > limit else INK
        parts.append(f'<circle cx="{_x(value, top):.1f}" cy="{y:.1f}" r="2.4" fill="{colour}" fill-opacity="0.6"/>')
    if baseline is not None:
        xb = _x(baseline, top)
        parts.append(
            f'<line x1="{xb:.1f}" y1="14" x2="{xb:.1f}" y2="48" stroke="{WARN}" stroke-width="2" '
            'stroke-dasharray="4 3"/>'
        )
        parts.append(_label(xb, 60, f"baseline {format_duration(baseline)}", WARN))
    if limit is not None and off_scale:
        parts.append(_label(WIDTH - _PAD, 72, f"limit {format_duration(limit)} (off scale) \u2192", BAD, "end"))
    elif limit is not None:
        xl = _x(limit, top)
        parts.append(f'<line x1="{xl:.1f}" y1="8" x2="{xl:.1f}" y2="50" stroke="{BAD}" stroke-width="2"/>')
        parts.append(_label(xl, 72, f"limit {format_duration(limit)}", BAD))
    parts.append(_label(_PAD, 60, "0", MUTED, "start"))
    parts.append(_label(WIDTH - _PAD, 12, f"n={count}", MUTED, "end"))
    parts.append("</svg>")
    return "".join(parts)


def suite_bar(duration: float, budget: float | None, slowest: Sequence[tuple[str, float]], breached: bool) -> str:
    """The run's clock as one bar, its slowest tests as segments, the budget as a mark."""
    top = max(duration, budget or 0.0, 1e-9) * 1.04
    height = 58
    parts = [
        f'<svg class="plot" viewBox="0 0 {WIDTH} {height}" role="img" xmlns="http://www.w3.org/2000/svg">',
        "<title>suite duration and its slowest tests</title>",
        f'<rect x="{_PAD}" y="10" width="{_x(duration, top) - _PAD:.1f}" height="22" fill="{MUTED}" '
        'fill-opacity="0.35"/>',
    ]
    start = 0.0
    for index, (nodeid, spent) in enumerate(slowest):
        if start + spent > duration:  # under xdist the tests' times add up to more than the clock
            break
        x0, x1 = _x(start, top), _x(start + spent, top)
        colour = SEGMENTS[index % len(SEGMENTS)]
        parts.append(
            f'<rect x="{x0:.1f}" y="10" width="{max(x1 - x0, 1.0):.1f}" height="22" fill="{colour}">'
            f"<title>{escape(nodeid)}: {escape(format_duration(spent))}</title></rect>"
        )
        start += spent
    if budget is not None:
        xb = _x(budget, top)
        parts.append(f'<line x1="{xb:.1f}" y1="4" x2="{xb:.1f}" y2="38" stroke="{BAD}" stroke-width="2"/>')
        parts.append(_label(xb, 52, f"budget {format_duration(budget)}", BAD))
    colour = BAD if breached else INK
    parts.append(_label(_PAD, 52, f"run {format_duration(duration)}", colour, "start"))
    parts.append("</svg>")
    return "".join(parts)


def impact_bars(counts: dict[str, int]) -> str:
    """Violations per impact as four horizontal bars."""
    colours = {"critical": BAD, "serious": "#bc4c00", "moderate": WARN, "minor": MUTED}
    top = max([*counts.values(), 1])
    rows = len(counts)
    parts = [
        f'<svg class="plot small" viewBox="0 0 {WIDTH} {rows * 22 + 4}" role="img" xmlns="http://www.w3.org/2000/svg">',
        "<title>violations by impact</title>",
    ]
    for row, (impact, count) in enumerate(counts.items()):
        y = row * 22 + 4
        width = (WIDTH - 160) * count / top
        parts.append(_label(90, y + 13, impact, INK, "end"))
        parts.append(
            f'<rect x="100" y="{y}" width="{max(width, 1):.1f}" height="16" fill="{colours.get(impact, MUTED)}"/>'
        )
        parts.append(_label(106 + width, y + 13, str(count), INK, "start"))
    parts.append("</svg>")
    return "".join(parts)
