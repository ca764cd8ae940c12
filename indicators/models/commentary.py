from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .workflow import SignedOff


class Commentary(SignedOff):
    """Officers' words on an indicator for a period: the performance analysis and the
    report-card fields all committees use (Norfolk Appendix 3 format)."""

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="commentaries"
    )
    authority = models.ForeignKey(
        "indicators.Authority", on_delete=models.CASCADE, related_name="commentaries"
    )
    period = models.ForeignKey(
        "indicators.Period", on_delete=models.PROTECT, related_name="commentaries"
    )
    performance_analysis = models.TextField(blank=True)
    why_important = models.TextField("why is this important?", blank=True)
    background = models.TextField("what is the background to current performance?", blank=True)
    actions = models.TextField("action required", blank=True)
    success = models.TextField("what will success look like?", blank=True)
    lead_officer = models.CharField(max_length=200, blank=True)
    data_owner = models.CharField(max_length=200, blank=True)
    affects_budget = models.BooleanField(
        default=False, help_text="Exception criterion: adversely affecting the budget."
    )
    affects_corporate_risk = models.BooleanField(
        default=False, help_text="Exception criterion: adversely affecting a corporate risk."
    )
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "commentaries"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "authority", "period"],
                condition=Q(revises__isnull=True),
                name="unique_commentary_per_period",
            )
        ]

    def __str__(self):
        return f"Commentary on {self.indicator.ref}, {self.period}"
