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
    # The legend sits above the plot (the page's heading and caption name the chart): below
    # it, on a phone, it overlapped the axis labels. No axis title under the periods. The
    # margins grow to fit the labels (automargin), so none is cut off at any width.
    return {
        "meta": {"title": title},
        "font": {"family": "Arial, Helvetica, sans-serif", "color": "#0b0c0c"},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "height": 380,
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "plot_bgcolor": "white",
        "yaxis": {"title": {"text": unit_title(unit) or None},
                  "gridcolor": "#dddddd", "automargin": True},
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


def _period_ticks(points, most=6):
    """Ticks at the values' own periods, labelled as the councils label them (a month ending
    30 April is "Apr 2018", never the "May 2018" a date axis puts next to it); at most
    `most`, evenly spaced and always the latest, so labels do not crowd a phone."""
    ticks = sorted({(p[0], p[1]) for p in points})
    if len(ticks) > most:
        step = -(-len(ticks) // most)  # ceiling division
        ticks = ticks[::-1][::step][::-1]
    # "Apr - Jun<br>2017": two short lines a phone fits without turning them.
    text = [t[1].rsplit(" ", 1) if len(t[1]) > 8 else [t[1]] for t in ticks]
    return {"tickvals": [t[0] for t in ticks], "ticktext": ["<br>".join(t) for t in text],
            "tickangle": 0}  # fmt: skip


def _target_line(target_points, first, last):
    """The target as a line across the chart: each target holds from its own period to
    the next one's, the latest to the end of the time axis (and a lone target across it
    all), so a member reads every value against it."""
    if not target_points:
        return []
    points = sorted(target_points, key=lambda p: p[0])
    if len(points) == 1:
        end, label, number = points[0]
        return [(first, label, number), (max(last, end), label, number)]
    return [*points, (max(last, points[-1][0]), points[-1][1], points[-1][2])]


def trend_figure(title, unit, council_name, points, target_points, benchmark_series, errors=None):
    """points: [(period end, label, figure)]; target_points the same; benchmark_series:
    [(group name, [(end, label, figure)])], drawn on the same time axis; errors: each
    point's 95% confidence interval (lower, upper) or None, drawn as error bars."""
    council = _line(
        points,
        council_name,
        {"color": COUNCIL_COLOUR, "width": 3},
        {"symbol": "circle", "size": 8},
    )
    if errors and any(errors):
        pairs = list(zip(errors, council["y"], strict=True))
        council["error_y"] = {
            "type": "data",
            "symmetric": False,
            "array": [None if e is None or y is None else e[1] - y for e, y in pairs],
            "arrayminus": [None if e is None or y is None else y - e[0] for e, y in pairs],
            "color": COUNCIL_COLOUR,
            "thickness": 1.5,
            "width": 4,
        }
        council["name"] = f"{council_name} (bars: 95% confidence interval)"
    traces = [council]
    every = [*points, *(p for _, series in benchmark_series for p in series)]
    ends = [p[0] for p in every if p[0] is not None]
    if target_points and ends:
        line = _target_line(target_points, min(ends), max(ends))
        traces.append(
            _line(
                line,
                "Target",
                {"color": "#000000", "dash": "dot", "shape": "hv", "width": 2},
                {"symbol": "line-ew-open", "size": 1},
            )
            | {"mode": "lines"}
        )
    for (name, series), (colour, dash, symbol) in zip(
        benchmark_series, SERIES_STYLES, strict=False
    ):
        traces.append(
            _line(series, name, {"color": colour, "dash": dash}, {"symbol": symbol, "size": 8})
        )
    xaxis = {"gridcolor": "#eeeeee", "automargin": True, "type": "date",
             **_period_ticks([p for p in every if p[0] is not None])}  # fmt: skip
    layout = _layout(title, unit, xaxis=xaxis)
    return {"data": traces, "layout": layout}


# Making Data Count: special cause improving blue, concerning orange, neutral purple,
# common cause grey; each also differs in marker shape.
SPC_MARKERS = {
    "improving": ("#005EB8", "triangle-up"),
    "concerning": ("#A85400", "square"),
    "neutral": ("#4C2C92", "diamond"),
    "common": ("#6F777B", "circle"),
}


def spc_point_kind(point, polarity):
    if not point.special:
        return "common"
    if polarity not in ("higher", "lower") or point.side == 0:
        return "neutral"
    better = 1 if polarity == "higher" else -1
    return "improving" if point.side == better else "concerning"


def spc_figure(title, unit, labels, result, polarity, target=None):
    """An XmR chart (indicators.rules.spc): the points coloured and shaped by special
    cause, the mean and the process limits (stepping where they were recalculated)."""
    points = result.points
    kinds = [spc_point_kind(p, polarity) for p in points]
    traces = [
        {
            "type": "scatter",
            "x": labels,
            "y": _floats(p.value for p in points),
            "name": "Value",
            "mode": "lines+markers",
            "line": {"color": "#6F777B", "width": 1.5},
            "marker": {
                "color": [SPC_MARKERS[k][0] for k in kinds],
                "symbol": [SPC_MARKERS[k][1] for k in kinds],
                "size": 10,
            },
            "text": kinds,
            "hovertemplate": "%{x}: %{y} (%{text})<extra></extra>",
        },
        _step(labels, [p.mean for p in points], "Mean", {"color": "#0B0C0C", "width": 1.5}),
        _step(labels, [p.upper for p in points], "Upper process limit",
              {"color": "#505A5F", "dash": "dash"}),
        _step(labels, [p.lower for p in points], "Lower process limit",
              {"color": "#505A5F", "dash": "dash"}),
    ]  # fmt: skip
    if target is not None:
        traces.append(
            _step(labels, [target] * len(points), "Target", {"color": "#D4351C", "dash": "dot"})
        )
    # Every point's period is on the chart's table; the axis labels a few, as the trend does.
    step = -(-len(labels) // 6)  # ceiling division: at most six, always the latest
    shown = labels[::-1][::step][::-1]
    text = [t.rsplit(" ", 1) if len(t) > 8 else [t] for t in shown]
    xaxis = {"tickvals": shown, "ticktext": ["<br>".join(t) for t in text], "tickangle": 0,
             "gridcolor": "#eeeeee", "automargin": True}  # fmt: skip
    layout = _layout(title, unit, xaxis=xaxis)
    return {"data": traces, "layout": layout}


def _step(labels, ys, name, line):
    return {
        "type": "scatter",
        "x": labels,
        "y": _floats(ys),
        "name": name,
        "mode": "lines",
        "line": {**line, "shape": "hv"},
        "hovertemplate": "%{x}: %{y}<extra>" + name + "</extra>",
    }


def comparison_figure(title, unit, bars):
    """bars: [(name, period label, figure, figure as shown)]; the council's own bar first.
    Each name sits over its period on two lines, and the axis leaves room for the value
    labels, so neither is cut off at any width."""
    names = [f"{name}<br>{label}" if label else name for name, label, *_ in bars]
    figures = _floats(b[2] for b in bars)
    colours = [COUNCIL_COLOUR] + ["#6f777b"] * (len(bars) - 1)
    bar = {
        "type": "bar",
        "x": figures,
        "y": names,
        "orientation": "h",
        "marker": {"color": colours},
        "text": [b[3] for b in bars],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{x}<extra></extra>",
    }
    known = [f for f in figures if f is not None] or [0]
    low, high = min(0, *known), max(0, *known)
    room = (high - low) * 0.25 or 1  # the value labels sit beyond the bars' ends
    layout = _layout(
        title,
        unit,
        height=110 + 50 * len(bars),
        showlegend=False,
        xaxis={"title": {"text": unit_title(unit) or None},
               "gridcolor": "#dddddd", "automargin": True,
               "range": [low - (room if low < 0 else 0), high + room]},
    )  # fmt: skip
    layout["yaxis"]["autorange"] = "reversed"
    layout["yaxis"]["title"] = {"text": None}
    return {"data": [bar], "layout": layout}


def figure_data(fig):
    """The figure with its config, for the page to write as a JSON data block
    (`json_script`) that reports/static/charts.js draws: no inline script, so the
    Content-Security-Policy forbids them all (scrutiny/settings.py)."""
    return {**fig, "config": CONFIG}
