from django.db import models
from django.db.models import Q

from .choices import DIRECTION_CHOICES, RATING_CHOICES, ComparisonKind


class PublishedComparison(models.Model):
    """What a paper printed for one comparison of a value, kept beside what the portal
    computes so that any difference is shown, and the per-cell "not comparable" setting."""

    value = models.ForeignKey(
        "indicators.Value", on_delete=models.CASCADE, related_name="published_comparisons"
    )
    kind = models.CharField(max_length=40, choices=ComparisonKind.choices)
    comparator_group = models.ForeignKey(
        "indicators.ComparatorGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_comparisons",
    )
    published_rating = models.CharField(max_length=6, choices=RATING_CHOICES, blank=True)
    published_direction = models.CharField(max_length=10, choices=DIRECTION_CHOICES, blank=True)
    printed_rating = models.CharField(
        max_length=20, blank=True, help_text='As printed: "GREEN", "NA", a glyph, or blank.'
    )
    printed_comparator = models.CharField(
        max_length=60, blank=True, help_text='The comparator cell as printed: "8.8*", "No Data".'
    )
    not_comparable = models.BooleanField(
        default=False,
        help_text="Do not rate this comparison (Durham CYP S35: a quarter against a full year).",
    )
    not_comparable_reason = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["value", "kind", "comparator_group"],
                condition=Q(comparator_group__isnull=False),
                name="unique_published_benchmark_comparison",
            ),
            models.UniqueConstraint(
                fields=["value", "kind"],
                condition=Q(comparator_group__isnull=True),
                name="unique_published_comparison",
            ),
        ]

    def __str__(self):
        return f"{self.value} vs {self.get_kind_display()}: {self.printed_rating or '-'}"
