from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models

from indicators.rules.types import Scheme, SchemeKind

from .choices import SCHEME_KIND_CHOICES, ComparisonKind


def _default_rated_comparisons():
    return [ComparisonKind.TARGET.value]


class RatingScheme(models.Model):
    """How a council turns a comparison into Red/Amber/Green: one kind and its parameters."""

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=30, choices=SCHEME_KIND_CHOICES)
    tolerance_percent = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal("2"),
        help_text="Relative, not percentage points: Durham 2, Norfolk dashboard 10.",
    )
    amber_inclusive = models.BooleanField(
        default=True, help_text="Worse by exactly the tolerance is Amber (not Red)."
    )
    green_inclusive = models.BooleanField(
        default=True, help_text="A value exactly on the Green threshold is Green."
    )
    red_inclusive = models.BooleanField(
        default=False, help_text="A value exactly on the Red threshold is Red."
    )
    rated_comparisons = models.JSONField(
        default=_default_rated_comparisons,
        help_text="Comparison kinds this scheme rates, e.g. target, previous_year, national.",
    )
    exception_variance_percent = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal("5"),
        help_text="Norfolk exception criterion: off target by this relative share or more.",
    )
    key_text = models.TextField(
        blank=True, help_text="The council's own report-key wording, printed with its tables."
    )
    source = models.CharField(max_length=200, blank=True)
    show_statistics = models.BooleanField(
        "show statistical verdicts",
        default=False,
        help_text="Show the SPC variation and assurance icons and the significance against "
        "benchmarks on the dashboard and in the committee-table exports, beside the rating.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        unknown = set(self.rated_comparisons or []) - set(ComparisonKind.values)
        if unknown:
            raise ValidationError(
                {
                    "rated_comparisons": f"Unknown comparison kinds: {', '.join(sorted(unknown))}"
                    f" (the kinds are {', '.join(ComparisonKind.values)})."
                }
            )
        if self.tolerance_percent is not None and self.tolerance_percent < 0:
            raise ValidationError({"tolerance_percent": "A tolerance cannot be negative."})

    def as_rule(self):
        return Scheme(
            kind=SchemeKind(self.kind),
            tolerance_percent=self.tolerance_percent,
            amber_inclusive=self.amber_inclusive,
            green_inclusive=self.green_inclusive,
            red_inclusive=self.red_inclusive,
            rated=frozenset(self.rated_comparisons or []),
        )

    def rates(self, comparison_kind):
        return comparison_kind in (self.rated_comparisons or [])
