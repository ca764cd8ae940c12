"""Norfolk Appendix 2: Monthly Performance & Management Information County Report, April 2018.

The county table (106 rows: Jan-Apr 2018, target, DOT, county and locality RAG, Red and
Green tolerances, benchmarks), the indicator pages' 13-month series, and the locality
figures quoted in the pages' performance analysis (seeds-stockton-norfolk.md §2.6-2.8).
A locality rated in the table with no figure quoted anywhere is a value with no figure:
its printed rating is kept, shown as published, and never recomputed.

YTD and previous YTD are values of their own, on year-to-date periods ("2018/19 to Apr
2018", "2017/18 to Apr 2017"), kept as printed. In April the year to date spans the same
days as the April figure; Value.objects.latest_as_of prefers the month, so the dashboard
still shows April. The in-month counts that printed a YTD are marked to sum their months
(Indicator.year_to_date), so May's YTD follows from the returns; a percentage's or rate's
YTD needs numerators the paper does not give, so it is shown only where stored.
"""

import re
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from indicators.models import ComparisonKind, SubArea
from indicators.rules.periods import PeriodKind
from indicators.rules.printed import parse_printed
from indicators.rules.rating import check_thresholds
from indicators.rules.year_to_date import YearToDateMethod

from .base import UNITS, decimals_in, number

COUNTY_TABLE = "MI county table"
PAGE = "MI indicator page"
COMMENTARY = "MI indicator-page commentary"
MONTHS = ("Jan-18", "Feb-18", "Mar-18", "Apr-18")
LATEST = "Apr-18"
BENCHMARK_GROUPS = {
    "stat_neighbours": "norfolk-statistical-neighbours",
    "best_stat_neighbour": "norfolk-best-statistical-neighbour",
    "england": "england",
    "eastern_region": "eastern-region",
}
# "Good perf. is": High, Low, Info; the indicator pages print "-" for some counts.
POLARITIES = {"higher": "higher", "lower": "lower", "none": "none", "unknown": "none"}
DATA_NOTE = re.compile(r"data note: ([^;]+)")
LEGEND = re.compile(r"RAG(?: legend)? \(([^)]*)\)")
BOTH_COUNTY = re.compile(r"both County columns printed ([^;\s]+)")
PAGE_PRINTS = re.compile(r"indicator page prints ([^;]+)")
# The county table's two year-to-date columns, and what each holds.
YEAR_TO_DATE = {
    "YTD": "The county table's current-year YTD column (April is the year's first month).",
    "Previous YTD": "The county table's Previous YTD column (April 2017).",
}
RATING_ONLY = (
    "The county table prints this locality's rating glyph but no figure: the rating is shown "
    "as published and cannot be recomputed."
)
APRIL = "April 2018 data only"
APRIL_NOTE = "April 2018 data only to 17:00 on 26/04/2018 (CareFirst to Liquidlogic migration)."


def load_mi(seeder, config, norfolk, themes, rows):
    loader = MILoader(seeder, config, norfolk, themes)
    table, pages = defaultdict(list), defaultdict(list)
    for row in rows:
        if row["notes"].startswith(COUNTY_TABLE):
            ref = row["indicator_ref"] or config["synthetic_refs"][row["indicator_name"]]
            table[ref].append(row)
        elif row["notes"].startswith(PAGE):
            pages[row["indicator_ref"]].append(row)
    blanks = {blank["after"]: blank for blank in config["rows_without_values"]}
    order = 0
    for ref, group in table.items():
        order += 1
        loader.county_row(ref, group, pages.pop(ref, []), order)
        if ref in blanks:  # 1.7 is printed with no figures, so the CSV has no row for it
            order += 1
            loader.county_row(blanks[ref]["ref"], [_blank_row(blanks[ref])], [], order)
    for order, (ref, group) in enumerate(pages.items(), start=201):
        loader.page_only(ref, group, order)
    for row in rows:
        if row["notes"].startswith(COMMENTARY) and row["comparator"].startswith("locality:"):
            remark = row["notes"].removeprefix(COMMENTARY).strip("; ")
            loader.locality_value(row, remark)


class MILoader:
    def __init__(self, seeder, config, norfolk, themes):
        self.seeder, self.config, self.norfolk, self.themes = seeder, config, norfolk, themes
        self.sources = config["sources"]
        self.indicators = {}
        self.groups = {k: seeder.group(slug) for k, slug in BENCHMARK_GROUPS.items()}
        self.localities = {}
        for area in SubArea.objects.filter(authority=norfolk):
            for name in [area.name, *area.aliases]:
                self.localities[name] = area
        self.undecidable = {u["ref"]: u for u in config["undecidable_directions"]}

    def county_row(self, ref, group, page_rows, order):
        first = group[0]
        data_note = DATA_NOTE.search(first["notes"]).group(1).strip()
        name = first["indicator_name"]
        months = {r["period_label"]: r for r in group if r["comparator"] == "self"}
        printed = [months[m]["value"] for m in MONTHS if m in months]
        unit = mi_unit(data_note, name)
        indicator = self.indicator(
            ref,
            first,
            unit=unit,
            decimal_places=max((decimals_in(p) for p in printed), default=int(unit == "percent")),
            data_note=data_note,
            year_to_date=YearToDateMethod.SUM
            if "YTD" in months and data_note == "Count"
            else YearToDateMethod.NONE,
            definition=_join([_window(months), first.get("definition_note", "")]),
            footnote=" ".join(t for m, t in self.config["footnotes"].items() if m in name),
            table_ref=str(order),
            order=order,
        )
        notes, quirks = defaultdict(list), defaultdict(list)
        for label in MONTHS:
            notes[label].append(self.config["value_notes"].get(f"{ref}|{label}", ""))
            quirks[label].append(self.config["value_quirks"].get(f"{ref}|{label}", ""))
        for label in YEAR_TO_DATE:
            if label in months:
                self.year_to_date(indicator, months[label])
        if ref in self.undecidable:
            u = self.undecidable[ref]
            quirks[LATEST].append(
                f"DOT {u['printed']} printed for Mar-18 {u['previous']} to Apr-18 {u['latest']}. "
                + u["reason"]
            )
        for row in page_rows:
            label = row["period_label"]
            if row["comparator"] in BENCHMARK_GROUPS:
                self.benchmark(indicator, row, self.sources["page"])
            elif label in MONTHS:  # the page prints a county-table month differently
                note, quirk = _page_difference(months[label]["value"], row["value"], label)
                notes[label].append(note)
                quirks[label].append(quirk)
            elif number(row["value"]) is not None:
                self.value(indicator, row, source=self.sources["page"])

        values = {
            label: self.value(
                indicator, months[label], notes=notes[label], quirk=_join(quirks[label])
            )
            for label in MONTHS
            if label in months
        }
        for row in group:
            if row["comparator"] in BENCHMARK_GROUPS:
                self.benchmark(indicator, row, self.sources["mi"])
            elif row["comparator"].startswith("locality:"):
                # 96 of the 108 locality glyphs come with no figure: stored figure-less, so
                # the paper's rating is shown as published and never rated (§2.10).
                local = self.locality_value(row) if row["value"] else self.rating_only(row)
                self.seeder.published(local, ComparisonKind.TARGET, **self.rag(row))
        if LATEST in months:
            self.latest(indicator, months[LATEST], values[LATEST])

    def latest(self, indicator, row, value):
        """Apr-18: target, tolerances, the county RAG and the DOT arrow."""
        source, period = self.sources["mi"], value.period
        if row["target"]:
            spec = parse_printed(row["target"]).as_target()
            self.seeder.target(
                indicator,
                self.norfolk,
                period,
                kind=spec.kind,
                value=spec.value,
                inclusive=spec.inclusive,
                printed=row["target"],
                source=source,
            )
        if row["red_tolerance"] or row["green_tolerance"]:
            red, green = number(row["red_tolerance"]), number(row["green_tolerance"])
            quirk = self.config["tolerance_quirks"].get(indicator.ref, "")
            problem = check_thresholds(indicator.polarity, red, green)
            if problem and not quirk:
                raise ValueError(f"Norfolk MI {indicator.ref}: {problem}, and no quirk explains it")
            self.seeder.tolerance(
                indicator, self.norfolk, red, green, published_quirk=quirk, source=source
            )
        if row["published_rag"]:
            rag = self.rag(row)
            both = BOTH_COUNTY.search(row["notes"]).group(1)
            if both != row["published_rag"] * 2:
                raise ValueError(f"Norfolk MI {indicator.ref}: the two County columns differ")
            self.seeder.published(value, ComparisonKind.TARGET, source=source, **rag)
        if row["published_dot"]:
            self.seeder.published(
                value,
                ComparisonKind.PREVIOUS_PERIOD,
                published_direction=self.config["dot_glyphs"][row["published_dot"]],
                printed_rating=row["published_dot"],
                source=source,
            )

    def page_only(self, ref, group, order):
        """Series printed on the indicator pages but not in the county table (4.5n, 7.10p)."""
        values = [r for r in group if number(r["value"]) is not None]
        indicator = self.indicator(
            ref,
            group[0],
            unit=self.config["unit_overrides"].get(ref) or UNITS[group[0]["unit"]],
            decimal_places=max(decimals_in(r["value"]) for r in values),
            definition=_join(
                [
                    "Indicator page only (not in the county table).",
                    self.config["page_only_definitions"].get(ref, ""),
                ]
            ),
            order=order,
            source=self.sources["page"],
        )
        for row in values:
            self.value(indicator, row, source=self.sources["page"])

    def locality_value(self, row, remark=""):
        """A locality figure the performance analysis quotes ("North ... 14.4 (58 children)");
        the county table prints only the locality's glyph."""
        return self.value(
            self.indicators[row["indicator_ref"]],
            row,
            area=self.localities[row["comparator"].split(":", 1)[1]],
            notes=[
                "Quoted in the indicator page's performance analysis"
                + (f"; {remark}." if remark else ".")
            ],
            source=self.sources["commentary"],
        )

    def rating_only(self, row):
        """A locality the county table rates with a glyph but gives no figure for: a value
        with no figure (never invented), holding the paper's rating beside it."""
        return self.value(
            self.indicators[row["indicator_ref"]],
            row,
            area=self.localities[row["comparator"].split(":", 1)[1]],
            notes=[RATING_ONLY],
        )

    # Writes --------------------------------------------------------------------------

    def indicator(self, ref, first, **fields):
        defaults = {"source": self.sources["mi"], "table_ref": "", "footnote": ""}
        indicator = self.seeder.indicator(
            self.norfolk,
            ref,
            name=first["indicator_name"],
            theme=self.themes[first["area_or_theme"]],
            polarity=POLARITIES[first["polarity"]],
            frequency="monthly",
            allows_over_100=ref in self.config["allows_over_100"],
            published_quirk=self.config["indicator_quirks"].get(ref, ""),
            **{**defaults, **fields},
        )
        self.indicators[ref] = indicator
        return indicator

    def value(self, indicator, row, area=None, notes=(), quirk="", source=None):
        notes = list(notes)
        if APRIL in row["notes"] and not area:
            notes.append(APRIL_NOTE)
        # Rolling measures are filed under the month that ends their window, as printed.
        end = date.fromisoformat(row["period_end"])
        return self.seeder.value(
            indicator,
            self.norfolk,
            self.seeder.period(PeriodKind.MONTH, end.replace(day=1), end),
            area=area,
            value=number(row["value"]),
            printed=row["value"],
            note=_join(notes),
            published_quirk=quirk,
            source=source or self.sources["mi"],
        )

    def year_to_date(self, indicator, row):
        """The county table's YTD or Previous YTD, on its year-to-date period, as printed."""
        start, end = date.fromisoformat(row["period_start"]), date.fromisoformat(row["period_end"])
        return self.seeder.value(
            indicator,
            self.norfolk,
            self.seeder.period(PeriodKind.YEAR_TO_DATE, start, end),
            value=number(row["value"]),
            printed=row["value"],
            note=YEAR_TO_DATE[row["period_label"]],
            source=self.sources["mi"],
        )

    def benchmark(self, indicator, row, source):
        page = PAGE_PRINTS.search(row["notes"])
        self.seeder.benchmark(
            self.groups[row["comparator"]],
            indicator,
            None,  # "Latest benchmarking": the paper gives no period
            value=number(row["value"]),
            printed=row["value"],
            printed_period_label=row["period_label"],
            note=f"The indicator page prints {page.group(1)}." if page else "",
            published_quirk=self.config["benchmark_quirks"].get(
                f"{indicator.ref}|{row['comparator']}", ""
            ),
            source=source,
        )

    def rag(self, row):
        """A glyph decoded with its page block's legend (§2.7). Block 2 prints one star for
        Green and Red; such a star is kept as printed, not stored as a rating."""
        legend = LEGEND.search(row["notes"]).group(1)
        glyph = row["published_rag"]
        possible = self.config["rag_legends"][legend]["glyphs"][glyph]
        if len(possible) == 1:
            return {"published_rating": possible[0], "printed_rating": glyph}
        return {"published_rating": "", "printed_rating": f"{glyph} ({' or '.join(possible)})"}


def mi_unit(data_note, name):
    """Unit from the printed data note; "Rolling 12" and "Count" rows can be percentages."""
    if data_note == "Percentage" or "%" in name:
        return "percent"
    if data_note in ("Rate", "Rolling rate"):
        if not re.search(r"10 ?[kK,]", name):
            raise ValueError(f"Norfolk MI rate '{name}' is not per 10,000")
        return "rate_10000"
    return {"Average": "average", "Maximum": "maximum"}.get(data_note, "count")


def _window(months):
    """The CSV dates a rolling figure by its window (Feb-18 of 2.9 runs Dec-17 to Feb-18)."""
    row = months.get(LATEST) or next(iter(months.values()), None)
    if row is None:
        return ""
    start, end = date.fromisoformat(row["period_start"]), date.fromisoformat(row["period_end"])
    length = (end.year - start.year) * 12 + end.month - start.month + 1
    return f"Each month's figure covers the {length} months ending in it." if length > 1 else ""


def _blank_row(blank):
    return {
        "indicator_ref": blank["ref"],
        "indicator_name": blank["name"],
        "area_or_theme": blank["area"],
        "polarity": blank["polarity"],
        "comparator": "",
        "notes": f"data note: {blank['data_note']}",
        "definition_note": blank["note"],
    }


def _page_difference(county, page, label):
    """(note, quirk): the indicator page printing a county-table figure rounded is noted;
    printing a different figure (3.5p Feb-18 33.3% against 33.2%) is a quirk."""
    places = decimals_in(page)
    rounded = number(county).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == number(page):
        return f"The indicator page prints it rounded, {page}.", ""
    return "", f"The indicator page prints {page} for {label}; the county table prints {county}."


def _join(texts):
    return " ".join(t for t in texts if t)
