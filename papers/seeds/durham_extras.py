"""Durham figures outside Appendix 3 (seeds-durham.md §2.2, §2.6, §2.11), loaded after it.

* The Q1 2017/18 report's Key Data Messages infographic and key messages: volumes (looked
  after children, referrals, CPP counts, placements, adoptions), the casefile quality table,
  and the two Durham | North East | England mini-tables with their ✓/✗ row symbols.
* The QIB One Year On report: the Ofsted recommendation tracker (A/G per recommendation).
* The Cabinet paper of 19 Nov 2014: "Improvements and Challenges" figures with comparators.
* The 2016 OSC paper: the SIF outcome.

Where the infographic repeats an Appendix 3 figure, Appendix 3 is kept and the infographic's
printing is noted on it; a published inconsistency is flagged in published_quirk.
"""

from indicators.models import (
    ComparisonKind,
    Indicator,
    KeyQuestion,
    PublishedComparison,
    Theme,
)

from .base import read_json
from .stockton import load_entries, period_for

# The mini-tables' one ✓/✗ per row stands for both comparators.
ROW_SYMBOL_COMPARISONS = (
    ("north_east", ComparisonKind.REGIONAL, "north-east"),
    ("england", ComparisonKind.NATIONAL, "england"),
)


def load_durham_extras(seeder):
    config = read_json("durham_extras.json")
    durham = seeder.authority("durham")
    sources = config["sources"]
    load_entries(
        seeder,
        durham,
        config["indicators"],
        source=sources["q1"],
        sources=sources,
        placement=_placement(durham, config["theme"]),
    )
    _load_mini_tables(seeder, durham, config["mini_tables"], f"{sources['q1']}, Key Data Messages")
    _load_ofsted_tracker(seeder, durham, config["ofsted_recommendations"])


def _placement(durham, theme_name):
    """Each extra sits in its Appendix 3 key question, after that question's last row."""
    theme = Theme.objects.get(authority=durham, name=theme_name)
    questions = {kq.number: kq for kq in KeyQuestion.objects.filter(theme=theme)}
    last_row = {}
    for indicator in Indicator.objects.filter(authority=durham, theme=theme).exclude(table_ref=""):
        number = indicator.key_question.number
        last_row[number] = max(last_row.get(number, 0), indicator.order)

    def place(entry, _order):
        number = entry["key_question"]
        return {"theme": theme, "key_question": questions[number], "order": last_row[number]}

    return place


def _load_mini_tables(seeder, durham, tables, source):
    """The care-leaver and LAC-health mini-tables repeat Appendix 3 rows (CYP S13, S12, S7,
    S8, S9): the figures are looked up, not duplicated, and benchmarks are added only where
    Appendix 3 has none for that period. The row's ✓/✗ is stored as a published comparison
    only where Appendix 3 has not already published a rating for that comparison; otherwise
    it stays in the fixture (fixtures/durham_extras.json)."""
    for table in tables:
        for row in table["rows"]:
            figure, label = row["cells"]["durham"]
            entry = {
                "ref": row["ref"],
                "existing": True,
                "values": [
                    {
                        "period": label,
                        "printed": figure,
                        "value": figure.removesuffix(" points"),
                        "note": f"Infographic mini-table '{table['table']}': {row['row']} "
                        f"{row['symbol']}, printed {figure} ({label}).",
                    }
                ],
                "benchmarks": [
                    {
                        "group": group,
                        "period": row["cells"][group][1],
                        "printed": row["cells"][group][0],
                        "value": row["cells"][group][0].removesuffix(" points"),
                    }
                    for group, _, _ in ROW_SYMBOL_COMPARISONS
                ],
            }
            load_entries(seeder, durham, [entry], source=source, placement=None)
            value = durham.values.get(
                indicator__ref=row["ref"], area=None, period=period_for(seeder, {"period": label})
            )
            for _, kind, slug in ROW_SYMBOL_COMPARISONS:
                group = seeder.group(slug)
                if PublishedComparison.objects.filter(
                    value=value, kind=kind, comparator_group=group
                ).exists():
                    seeder.count("row symbols kept in the fixture (already rated)")
                    continue
                seeder.published(value, kind, group, printed_rating=row["symbol"], source=source)


def _load_ofsted_tracker(seeder, durham, tracker):
    """QIB One Year On, Appendix 2: one A/G rating per Ofsted recommendation. The rating is
    the board's judgement, so the portal keeps it as printed and never computes it."""
    themes = {}
    for number, name in tracker["themes"].items():
        themes[int(number)], _ = Theme.objects.update_or_create(
            authority=durham, name=name, defaults={"order": 100 + int(number)}
        )
    period = period_for(seeder, tracker)
    printed_period = "" if tracker["printed_period"] == period.label else tracker["printed_period"]
    source = tracker["source"]
    for rec in tracker["recommendations"]:
        number = rec["number"]
        indicator = seeder.indicator(
            durham,
            f"OFSTED-REC-{number}",
            name=rec["text"],
            theme=themes[rec["theme"]],
            key_question=None,
            polarity="none",
            unit=Indicator.Unit.JUDGEMENT,
            decimal_places=0,
            frequency=Indicator.Frequency.OCCASIONAL,
            definition=tracker["definition"].format(number=number),
            published_quirk=tracker["quirks"].get(str(number), ""),
            order=1000 + number,
            source=source,
        )
        value = seeder.value(
            indicator,
            durham,
            period,
            value=None,
            printed=tracker["ratings"][rec["rag"]],
            printed_period_label=printed_period,
            note=f"RAG rating printed '{rec['rag']}'.",
            source=source,
        )
        # published_rating stays blank: papers.fidelity counts every published rating as
        # one the rules must reproduce, and no rule computes this judgement.
        seeder.published(
            value,
            ComparisonKind.TARGET,
            printed_rating=rec["rag"],
            published_rating="",
            not_comparable=True,
            not_comparable_reason=tracker["judgement"],
            source=source,
        )
