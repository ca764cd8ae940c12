"""Norfolk Children's Services Committee, 10 July 2018 (seeds-stockton-norfolk.md §2).

Two parts of the pack, each in its own module: the Appendix 2 MI County Report for April
2018 (norfolk_mi) and the vital-signs dashboard with its report cards (norfolk_dashboard).
Figures come from fixtures/papers/data-stockton-norfolk.csv; fixtures/norfolk.json carries
what the CSV cannot (themes, glyph legends, quirks, report-card text).
"""

from indicators.models import Commentary, Theme

from .base import read_json, read_paper_rows
from .norfolk_dashboard import load_dashboard
from .norfolk_mi import load_mi


def load_norfolk(seeder):
    config = read_json("norfolk.json")
    norfolk = seeder.authority("norfolk")
    themes = {}
    for order, theme in enumerate(config["themes"]):
        themes[theme["name"]], _ = Theme.objects.update_or_create(
            authority=norfolk, name=theme["name"], defaults={"order": order}
        )
    rows = [r for r in read_paper_rows("data-stockton-norfolk.csv") if r["authority"] == "Norfolk"]
    load_mi(seeder, config, norfolk, themes, rows)
    latest = load_dashboard(seeder, config, norfolk, themes["Vital signs"], rows)
    _load_report_cards(seeder, config, norfolk, latest)


def _load_report_cards(seeder, config, norfolk, latest):
    """Appendix 3: one card per exception, filed against the sign's latest period."""
    fields = ("why_important", "background", "actions", "success", "lead_officer", "data_owner")
    for card in config["report_cards"]:
        indicator, period = latest[card["indicator"]]
        seeder.write(
            Commentary,
            {"indicator": indicator, "authority": norfolk, "period": period},
            {
                **{field: card[field] for field in fields},
                "source": f"{config['sources']['report_cards']}: {card['title']}",
            },
        )
        seeder.count("commentaries")
