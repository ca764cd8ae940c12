"""Charts: plotly figures built on the server from the same rows the tables show (the
dashboard's small trend lines are plain SVG: reports/sparkline.py). Every chart sits
beside a table with the same figures."""

import plotly.graph_objects as go

from .formatting import UNIT_SUFFIX, figure

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


def _layout(fig, title, unit):
    fig.update_layout(
        title={"text": title, "font": {"size": 15}},
        font={"family": "Arial, Helvetica, sans-serif", "color": "#0b0c0c"},
        margin={"l": 60, "r": 20, "t": 50, "b": 60},
        height=360,
        legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="white",
        yaxis={"title": UNIT_SUFFIX.get(unit, "").strip() or None, "gridcolor": "#dddddd"},
    )
    return fig


def _floats(numbers):
    return [None if n is None else float(n) for n in numbers]


def trend_figure(title, unit, council_name, points, target_points, benchmark_series):
    """points: [(period end, label, figure)]; target_points the same; benchmark_series:
    [(group name, [(end, label, figure)])]."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[p[0] for p in points],
            y=_floats(p[2] for p in points),
            text=[p[1] for p in points],
            name=council_name,
            mode="lines+markers",
            line={"color": COUNCIL_COLOUR, "width": 3},
            marker={"symbol": "circle", "size": 8},
            hovertemplate="%{text}: %{y}<extra>" + council_name + "</extra>",
        )
    )
    if target_points:
        fig.add_trace(
            go.Scatter(
                x=[p[0] for p in target_points],
                y=_floats(p[2] for p in target_points),
                text=[p[1] for p in target_points],
                name="Target",
                mode="lines+markers",
                line={"color": "#000000", "dash": "dot", "shape": "hv"},
                marker={"symbol": "line-ew-open", "size": 12},
                hovertemplate="%{text}: %{y}<extra>Target</extra>",
            )
        )
    for (name, series), (colour, dash, symbol) in zip(
        benchmark_series, SERIES_STYLES, strict=False
    ):
        fig.add_trace(
            go.Scatter(
                x=[p[0] for p in series],
                y=_floats(p[2] for p in series),
                text=[p[1] for p in series],
                name=name,
                mode="lines+markers",
                line={"color": colour, "dash": dash},
                marker={"symbol": symbol, "size": 8},
                hovertemplate="%{text}: %{y}<extra>" + name + "</extra>",
            )
        )
    fig.update_xaxes(title="Period end", gridcolor="#eeeeee")
    return _layout(fig, title, unit)


def comparison_figure(title, unit, bars, decimal_places=1):
    """bars: [(name, period label, figure)]; the council's own bar first."""
    names = [f"{name} ({label})" if label else name for name, label, _ in bars]
    colours = [COUNCIL_COLOUR] + ["#6f777b"] * (len(bars) - 1)
    fig = go.Figure(
        go.Bar(
            x=_floats(b[2] for b in bars),
            y=names,
            orientation="h",
            marker={"color": colours},
            text=[figure(b[2], decimal_places) for b in bars],
            textposition="outside",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    _layout(fig, title, unit)
    fig.update_layout(height=120 + 40 * len(bars), showlegend=False)
    fig.update_xaxes(title=UNIT_SUFFIX.get(unit, "").strip() or None, gridcolor="#dddddd")
    return fig


def figure_html(fig, div_id):
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=CONFIG)
