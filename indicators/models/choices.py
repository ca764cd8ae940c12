"""Model choices built from the pure rules' enums, so the database and the rules agree."""

from django.db import models

from indicators.rules.periods import PeriodKind
from indicators.rules.types import Direction, Polarity, Rating, SchemeKind, TargetKind


def _choices(enum, labels):
    return [(member.value, labels[member]) for member in enum]


POLARITY_CHOICES = _choices(
    Polarity,
    {
        Polarity.HIGHER: "Higher is better",
        Polarity.LOWER: "Lower is better",
        Polarity.NONE: "None (context measure)",
    },
)
RATING_CHOICES = _choices(
    Rating,
    {
        Rating.GREEN: "Green",
        Rating.AMBER: "Amber",
        Rating.RED: "Red",
        Rating.NOT_RATED: "Not rated",
    },
)
DIRECTION_CHOICES = _choices(
    Direction,
    {
        Direction.IMPROVED: "Improved",
        Direction.WORSE: "Worse",
        Direction.SAME: "Same",
        Direction.NONE: "Not assessed",
    },
)
SCHEME_KIND_CHOICES = _choices(
    SchemeKind,
    {
        SchemeKind.RELATIVE_TOLERANCE: "Relative tolerance around the comparator (Durham)",
        SchemeKind.ABSOLUTE_THRESHOLDS: "Red and Green thresholds per indicator (Norfolk MI)",
        SchemeKind.RELATIVE_BAND: "Relative band around a reference (Norfolk dashboard)",
    },
)
TARGET_KIND_CHOICES = _choices(
    TargetKind,
    {
        TargetKind.TRACKER: "Tracker (no target)",
        TargetKind.VALUE: "A number",
        TargetKind.AT_LEAST: "At least (bound)",
        TargetKind.AT_MOST: "At most (bound)",
        TargetKind.RANGE: "A range",
    },
)
PERIOD_KIND_CHOICES = _choices(
    PeriodKind,
    {
        PeriodKind.MONTH: "Month",
        PeriodKind.QUARTER: "Quarter (financial)",
        PeriodKind.FINANCIAL_YEAR: "Financial year",
        PeriodKind.ACADEMIC_YEAR: "Academic year",
        PeriodKind.TERM: "School term",
        PeriodKind.SNAPSHOT: "Snapshot date (as at)",
        PeriodKind.ROLLING: "Rolling window",
        PeriodKind.MULTI_YEAR_POOL: "Multi-year pool",
        PeriodKind.YEAR_TO_DATE: "Year to date",
        PeriodKind.CUMULATIVE: "Cumulative (programme to date)",
    },
)


class ComparisonKind(models.TextChoices):
    """What a value is compared with; also the kinds of comparator group."""

    TARGET = "target", "Target"
    PREVIOUS_YEAR = "previous_year", "Same period 12 months earlier"
    PREVIOUS_PERIOD = "previous_period", "Previous period"
    NATIONAL = "national", "England"
    REGIONAL = "regional", "Region"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours"
    BEST_STATISTICAL_NEIGHBOUR = "best_statistical_neighbour", "Best statistical neighbour"
    NATIONAL_TOP_QUARTILE = "national_top_quartile", "National top quartile"
    OTHER = "other", "Other comparator"


BENCHMARK_KINDS = [
    ComparisonKind.NATIONAL,
    ComparisonKind.REGIONAL,
    ComparisonKind.STATISTICAL_NEIGHBOURS,
    ComparisonKind.BEST_STATISTICAL_NEIGHBOUR,
    ComparisonKind.NATIONAL_TOP_QUARTILE,
    ComparisonKind.OTHER,
]
COMPARATOR_GROUP_KIND_CHOICES = [(k.value, k.label) for k in BENCHMARK_KINDS]


# Figures are kept exactly as printed: up to 8 decimal places (Norfolk prints 49.88522697).
def figure_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name, max_digits=20, decimal_places=8, null=True, blank=True, **kwargs
    )
