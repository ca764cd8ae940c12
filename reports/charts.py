"""Charts: plotly figures built on the server from the same rows the tables show (the
dashboard's small trend lines are plain SVG: reports/sparkline.py). Every chart sits
beside a table with the same figures.

Figures are plain dicts in plotly's schema, written out without plotly's validation:
building them through plotly.graph_objects cost more than the rest of the indicator page.
"""

from .formatting import unit_title

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies, and each
# series also differs in line dash and marker symbol.
COUNCIL_COLOUR = "#0072B2"
SERIES_STYLES = [
    ("#D55E00", "dash", "square"),
    ("#009E73", "dot", "diamond"),
    ("#CC79A7", "dashdot", "triangle-up"),
    ("#E69F00", "longdash", "x"),
    ("#56B4E9", "longdashdot", "cross"),
    ("#000000", "solid", "star"),
]
CONFIG = {"displayModeBar": False, "responsive": True, "staticPlot": False}


def _layout(title, unit, **extra):
    return {
        "title": {"text": title, "font": {"size": 15}},
        "font": {"family": "Arial, Helvetica, sans-serif", "color": "#0b0c0c"},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 60},
        "height": 360,
        "legend": {"orientation": "h", "y": -0.2},
        "plot_bgcolor": "white",
        "yaxis": {"title": {"text": unit_title(unit) or None},
                  "gridcolor": "#dddddd"},
        **extra,
    }  # fmt: skip


def _floats(numbers):
    return [None if n is None else float(n) for n in numbers]


def _line(points, name, line, marker):
    return {
        "type": "scatter",
        "x": [p[0] for p in points],
        "y": _floats(p[2] for p in points),
        "text": [p[1] for p in points],
        "name": name,
        "mode": "lines+markers",
        "line": line,
        "marker": marker,
        "hovertemplate": "%{text}: %{y}<extra>" + name + "</extra>",
    }


def trend_figure(title, unit, council_name, points, target_points, benchmark_series):
    """points: [(period end, label, figure)]; target_points the same; benchmark_series:
    [(group name, [(end, label, figure)])]."""
    traces = [
        _line(
            points,
            council_name,
            {"color": COUNCIL_COLOUR, "width": 3},
            {"symbol": "circle", "size": 8},
        )
    ]
    if target_points:
        traces.append(
            _line(
                target_points,
                "Target",
                {"color": "#000000", "dash": "dot", "shape": "hv"},
                {"symbol": "line-ew-open", "size": 12},
            )
        )
    for (name, series), (colour, dash, symbol) in zip(
        benchmark_series, SERIES_STYLES, strict=False
    ):
        traces.append(
            _line(series, name, {"color": colour, "dash": dash}, {"symbol": symbol, "size": 8})
        )
    layout = _layout(title, unit, xaxis={"title": {"text": "Period end"}, "gridcolor": "#eeeeee"})
    return {"data": traces, "layout": layout}


def comparison_figure(title, unit, bars):
    """bars: [(name, period label, figure, figure as shown)]; the council's own bar first."""
    names = [f"{name} ({label})" if label else name for name, label, *_ in bars]
    colours = [COUNCIL_COLOUR] + ["#6f777b"] * (len(bars) - 1)
    bar = {
        "type": "bar",
        "x": _floats(b[2] for b in bars),
        "y": names,
        "orientation": "h",
        "marker": {"color": colours},
        "text": [b[3] for b in bars],
        "textposition": "outside",
        "hovertemplate": "%{y}: %{x}<extra></extra>",
    }
    layout = _layout(
        title,
        unit,
        height=120 + 40 * len(bars),
        showlegend=False,
        xaxis={"title": {"text": unit_title(unit) or None},
               "gridcolor": "#dddddd"},
    )  # fmt: skip
    layout["yaxis"]["autorange"] = "reversed"
    return {"data": [bar], "layout": layout}


def figure_data(fig):
    """The figure with its config, for the page to write as a JSON data block
    (`json_script`) that reports/static/charts.js draws: no inline script, so the
    Content-Security-Policy forbids them all (scrutiny/settings.py)."""
    return {**fig, "config": CONFIG}
