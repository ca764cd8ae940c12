"""How faithfully the portal reproduces what the papers printed (`manage.py check_published`)."""

from collections import defaultdict
from dataclasses import dataclass, field

from indicators.comparisons import comparisons_for


@dataclass
class Tally:
    published: int = 0
    reproduced: int = 0
    differences: list = field(default_factory=list)

    @property
    def differing(self):
        return len(self.differences)


def tally_published(values):
    """{(authority, measure, comparison kind): Tally}, measure being "rating" or "direction"."""
    tallies = defaultdict(Tally)
    for value, comparisons in comparisons_for(values):
        for c in comparisons:
            for measure, published, computed in (
                ("rating", c.published_rating, c.rating),
                ("direction", c.published_direction, c.direction),
            ):
                if not published:
                    continue
                tally = tallies[(value.authority.name, measure, str(c.kind))]
                tally.published += 1
                if published == computed:
                    tally.reproduced += 1
                else:
                    tally.differences.append((c, published, str(computed)))
    return dict(sorted(tallies.items()))


def describe_difference(comparison, published, computed):
    value = comparison.value
    where = f"{value.area.name} " if value.area_id else ""
    return (
        f"{value.indicator.ref} {where}{value.period_label}: {value.printed or value.value} vs "
        f"{comparison.name} {comparison.comparator_printed or comparison.comparator_value or ''} "
        f"published {published}, computed {computed or 'not rated'}"
        + (f" [flag: {'; '.join(comparison.quirks)}]" if comparison.quirks else "")
    )
