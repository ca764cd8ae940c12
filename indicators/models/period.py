from django.core.exceptions import ValidationError
from django.db import models

from indicators.rules.periods import (
    PeriodKind,
    parse_period_label,
    period_label,
    previous_period,
    same_period_last_year,
)

from .choices import PERIOD_KIND_CHOICES


class PeriodQuerySet(models.QuerySet):
    def for_span(self, kind, start, end):
        period, _ = self.get_or_create(kind=kind, start=start, end=end)
        return period

    def from_label(self, label, kind=None):
        """A period from a label as the papers print it ("Apr - Jun 2017", "As at Jun 2017")."""
        parsed_kind, start, end = parse_period_label(label)
        return self.for_span(kind or parsed_kind, start, end)


class Period(models.Model):
    kind = models.CharField(max_length=20, choices=PERIOD_KIND_CHOICES)
    start = models.DateField()
    end = models.DateField()
    label = models.CharField(max_length=60, editable=False)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["end", "start", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "start", "end"], name="unique_period_span")
        ]
        indexes = [models.Index(fields=["end"])]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        self.label = period_label(PeriodKind(self.kind), self.start, self.end)
        super().save(*args, **kwargs)

    def clean(self):
        if self.start and self.end and self.start > self.end:
            raise ValidationError({"end": "The period ends before it starts."})
        if self.kind == PeriodKind.SNAPSHOT and self.start != self.end:
            raise ValidationError({"end": "A snapshot ('as at') period is a single date."})

    def span_last_year(self):
        return (self.kind, *same_period_last_year(PeriodKind(self.kind), self.start, self.end))

    def span_before(self, step_months=None):
        return (
            self.kind,
            *previous_period(PeriodKind(self.kind), self.start, self.end, step_months),
        )

    def contains(self, other):
        return self.start <= other.start and other.end <= self.end
