from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from indicators.rules.figures import target_text
from indicators.rules.types import TargetKind, TargetSpec

from .choices import TARGET_KIND_CHOICES, figure_field
from .workflow import SignedOff


class Target(SignedOff):
    """What an authority aims for on an indicator in a period, or "Tracker" (no target)."""

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="targets"
    )
    authority = models.ForeignKey(
        "indicators.Authority", on_delete=models.CASCADE, related_name="targets"
    )
    period = models.ForeignKey(
        "indicators.Period",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
        help_text="The period the target is for; blank for a standing target.",
    )
    kind = models.CharField(max_length=10, choices=TARGET_KIND_CHOICES)
    value = figure_field("target (or lower end of a range)")
    upper = figure_field("upper end of a range")
    inclusive = models.BooleanField(
        default=True, help_text='Untick for strict bounds printed as "<20%" or ">86%".'
    )
    deadline = models.DateField(null=True, blank=True, help_text='e.g. "80-100% by Mar 2018".')
    printed = models.CharField(max_length=80, blank=True, help_text="As the paper printed it.")
    note = models.TextField(blank=True)
    published_quirk = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "authority", "period"],
                condition=Q(revises__isnull=True),
                name="unique_target_per_period",
            )
        ]

    def __str__(self):
        return f"{self.indicator.ref} {self.period or 'standing'}: {self.display}"

    @property
    def display(self):
        """As printed, or (entered in admin) as the council prints one: 85.0%, not
        85.00000000. Reads the indicator: ComparisonFinder attaches it, no query."""
        if self.printed:
            return self.printed
        indicator = self.indicator
        return target_text(
            self.kind,
            self.value,
            self.upper,
            self.inclusive,
            indicator.decimal_places,
            percent=indicator.unit == "percent",
        )

    @staticmethod
    def choose(candidates, period):
        """The target a figure for `period` is measured against, from one indicator's and
        council's targets (with their periods): the period's own, else the shortest period
        containing it (a year's target for its quarters), else the standing one; None when
        none applies. The one target choice: the comparisons rate against it and the return
        checklist asks for it."""
        exact = [t for t in candidates if t.period_id == period.pk]
        if exact:
            return exact[0]
        covering = [t for t in candidates if t.period_id and t.period.contains(period)]
        if covering:
            return min(covering, key=lambda t: t.period.end - t.period.start)
        return next((t for t in candidates if t.period_id is None), None)

    def as_rule(self):
        return TargetSpec(
            kind=TargetKind(self.kind), value=self.value, upper=self.upper, inclusive=self.inclusive
        )

    def clean(self):
        if self.kind == TargetKind.TRACKER:
            if self.value is not None or self.upper is not None:
                raise ValidationError({"value": "A tracker indicator has no target figure."})
            return
        if self.value is None:
            raise ValidationError({"value": "Give the target figure."})
        if self.kind == TargetKind.RANGE:
            if self.upper is None:
                raise ValidationError({"upper": "A range target needs its upper end."})
            if self.upper < self.value:
                raise ValidationError(
                    {"upper": f"The upper end ({self.upper}) is below the lower end ({self.value})"}
                )
        elif self.upper is not None:
            raise ValidationError({"upper": "Only a range target has an upper end."})
