"""The report card's performance chart as plain SVG, drawn on the server from the card's
own data table: it prints crisply to PDF with no script, and the same drawing becomes the
picture in the Word pack. The table beside it is the accessible alternative."""

from decimal import Decimal

from django.utils.html import escape

from .formatting import figure

WIDTH, HEIGHT = 620, 250
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 34, 46
COUNCIL_COLOUR = "#0072B2"  # Okabe-Ito blue, as on the indicator page


def _scale(low, high, ceiling=None):
    """Axis bounds and five tick values that include every figure; a percentage axis stops
    at 100 when no figure passes it."""
    if low == high:
        low, high = low - 1, high + 1
    spread = high - low
    top = high + spread * Decimal("0.1")
    if ceiling is not None and high <= ceiling:
        top = min(top, Decimal(ceiling))
    low, high = low - spread * Decimal("0.1"), top
    step = (high - low) / 4
    return low, high, [low + step * i for i in range(5)]


def performance_svg(title, points, decimals=1, suffix=""):
    """points: [(label, value or None, target or None)], oldest first. An empty string
    when fewer than two values can be drawn."""
    points = [(label, _decimal(v), _decimal(t)) for label, v, t in points]
    values = [v for _, v, _ in points if v is not None]
    targets = [t for _, _, t in points if t is not None]
    if len(values) < 2:
        return ""
    low, high, ticks = _scale(
        min(values + targets), max(values + targets), 100 if suffix == "%" else None
    )
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points) - 1, 1)

    def x(i):
        return LEFT + i * step

    def y(v):
        return TOP + plot_h - float((Decimal(v) - low) / (high - low)) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        'font-family="Arial, Helvetica, sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    for tick in ticks:
        ty = y(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" stroke="#dddddd"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end">'
            f"{escape(figure(tick, decimals) + suffix)}</text>"
        )
    # Crowded period labels are printed every other one; the table gives them all.
    every = 2 if len(points) > 8 and max(len(p[0]) for p in points) > 6 else 1
    for i, (label, _, _) in enumerate(points):
        if (len(points) - 1 - i) % every:
            continue
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="10">{escape(label)}</text>'
        )
    if len(targets) == 1:
        # A target set for the latest period only (Norfolk's dashboard) is drawn across.
        path = f"{LEFT},{y(targets[0]):.1f} {WIDTH - RIGHT},{y(targets[0]):.1f}"
    else:
        path = " ".join(
            f"{x(i):.1f},{y(t):.1f}" for i, (_, _, t) in enumerate(points) if t is not None
        )
    if targets:
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="#000000" stroke-width="1.5" '
            'stroke-dasharray="6 4"/>'
        )
    path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v, _) in enumerate(points) if v is not None)
    parts.append(
        f'<polyline points="{path}" fill="none" stroke="{COUNCIL_COLOUR}" stroke-width="2.5"/>'
    )
    for i, (_, v, _) in enumerate(points):
        if v is not None:
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{COUNCIL_COLOUR}"/>'
            )
    last = max(i for i, (_, v, _) in enumerate(points) if v is not None)
    parts.append(
        f'<text x="{x(last) - 4:.1f}" y="{y(points[last][1]) - 8:.1f}" text-anchor="end" '
        f'font-weight="bold">{escape(figure(points[last][1], decimals) + suffix)}</text>'
    )
    parts.append(_legend(bool(targets)))
    parts.append("</svg>")
    return "".join(parts)


def _decimal(number):
    return None if number is None else Decimal(str(number))


def _legend(with_target):
    items = [
        f'<line x1="{LEFT}" y1="14" x2="{LEFT + 24}" y2="14" stroke="{COUNCIL_COLOUR}" '
        'stroke-width="2.5"/>',
        f'<circle cx="{LEFT + 12}" cy="14" r="3.5" fill="{COUNCIL_COLOUR}"/>',
        f'<text x="{LEFT + 30}" y="18">Performance</text>',
    ]
    if with_target:
        items += [
            f'<line x1="{LEFT + 120}" y1="14" x2="{LEFT + 144}" y2="14" stroke="#000000" '
            'stroke-width="1.5" stroke-dasharray="6 4"/>',
            f'<text x="{LEFT + 150}" y="18">Target</text>',
        ]
    return "".join(items)
