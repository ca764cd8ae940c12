from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .choices import figure_field
from .workflow import SignedOff


class BenchmarkValue(SignedOff):
    """A comparator group's figure for an indicator, with its own (often older) period."""

    comparator_group = models.ForeignKey(
        "indicators.ComparatorGroup", on_delete=models.CASCADE, related_name="benchmark_values"
    )
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="benchmark_values"
    )
    period = models.ForeignKey(
        "indicators.Period",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="benchmark_values",
        help_text='Blank when the paper does not say (Norfolk: "Latest benchmarking").',
    )
    value = figure_field("value")
    printed = models.CharField(max_length=60, blank=True)
    printed_period_label = models.CharField(max_length=80, blank=True)
    note = models.TextField(blank=True)
    published_quirk = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    computed = models.BooleanField(
        default=False,
        help_text="Worked out by the portal from councils' values (refresh_benchmarks); "
        "otherwise the figure as published (a paper, an official release), which a computed "
        "figure never replaces.",
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comparator_group", "indicator", "period"],
                condition=Q(period__isnull=False, revises__isnull=True),
                name="unique_benchmark_per_period",
            ),
            models.UniqueConstraint(
                fields=["comparator_group", "indicator"],
                condition=Q(period__isnull=True, revises__isnull=True),
                name="unique_benchmark_undated",
            ),
        ]
        # A dashboard's benchmarks: a council's few groups at one period. The unique index
        # leads with the group then the indicator, so it cannot range over a period.
        indexes = [models.Index(fields=["comparator_group", "period"])]

    def __str__(self):
        return f"{self.comparator_group} {self.indicator.ref} {self.period_label}: {self.value}"

    @property
    def period_label(self):
        if self.printed_period_label:
            return self.printed_period_label
        return self.period.label if self.period_id else "Latest available"
