"""The dashboard's trend column: a tiny inline SVG line per indicator, drawn by a plain
function. A plotly figure per row would cost more than the rest of the page and load it
with hundreds of scripts. The line is decorative (aria-hidden); the cell's text gives the
figures (reports/cells.trend) and the indicator page has the full table.
"""

WIDTH, HEIGHT, PAD = 90, 24, 2
SCALE = 10  # coordinates in tenths of a pixel: whole numbers print faster than floats


def sparkline_svg(figures, width=WIDTH, height=HEIGHT):
    """SVG markup for figures oldest to newest (None skipped); "" for fewer than two."""
    ys = [float(f) for f in figures if f is not None]
    if len(ys) < 2:
        return ""
    low = min(ys)
    spread = (max(ys) - low) or 1.0
    step = (width - 2 * PAD) * SCALE / (len(ys) - 1)
    scale = (height - 2 * PAD) * SCALE / spread
    bottom = (height - PAD) * SCALE
    xs = [round(PAD * SCALE + i * step) for i in range(len(ys))]
    ys = [round(bottom - (y - low) * scale) for y in ys]
    path = " ".join(map("{},{}".format, xs, ys))  # numbers only: nothing to escape
    return (
        f'<svg class="sparkline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width * SCALE} {height * SCALE}" aria-hidden="true" focusable="false">'
        f'<polyline points="{path}" fill="none" stroke="currentColor" '
        f'stroke-width="{1.5 * SCALE:g}"/><circle cx="{xs[-1]}" cy="{ys[-1]}" r="{2.5 * SCALE:g}"/>'
        "</svg>"
    )
