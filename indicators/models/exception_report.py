from django.conf import settings
from django.db import models, transaction


class ExceptionReportQuerySet(models.QuerySet):
    def for_period(self, authority, period_end):
        """The saved report for this council and period, with its chosen indicators in
        order; None when no officer has chosen yet."""
        return (
            self.filter(authority=authority, period_end=period_end)
            .prefetch_related(
                models.Prefetch(
                    "chosen", queryset=ChosenException.objects.select_related("indicator")
                )
            )
            .first()
        )


class ExceptionReport(models.Model):
    """The exceptions officers chose to take to committee for one period. The criteria only
    advise: Norfolk's July 2018 pack has four report cards where ten vital signs met a
    criterion (Performance Monitoring §1.2.3), so the choice is stored, not derived."""

    authority = models.ForeignKey(
        "indicators.Authority", on_delete=models.CASCADE, related_name="exception_reports"
    )
    period_end = models.DateField(
        help_text="The period the report is as at: the end date the dashboard shows."
    )
    committee = models.CharField(max_length=200, blank=True)
    meeting_date = models.DateField(null=True, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_at = models.DateTimeField(auto_now=True)

    objects = ExceptionReportQuerySet.as_manager()

    class Meta:
        ordering = ["authority", "-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "period_end"], name="unique_exception_report_per_period"
            )
        ]

    def __str__(self):
        return f"{self.authority} exception report as at {self.period_end}"

    @property
    def chosen_indicator_ids(self):
        return [c.indicator_id for c in self.chosen.all()]

    @classmethod
    def save_choice(cls, authority, period_end, choices, user, committee="", meeting_date=None):
        """Replace the period's chosen set. choices: [(indicator, [reason words])] in the
        order the cards are printed."""
        with transaction.atomic():
            report, _ = cls.objects.update_or_create(
                authority=authority,
                period_end=period_end,
                defaults={
                    "committee": committee,
                    "meeting_date": meeting_date,
                    "chosen_by": user,
                },
            )
            report.chosen.all().delete()
            ChosenException.objects.bulk_create(
                ChosenException(report=report, indicator=indicator, reasons=reasons, order=n)
                for n, (indicator, reasons) in enumerate(choices, start=1)
            )
        return report


class ChosenException(models.Model):
    """One indicator chosen for a report card, with the criteria it met when chosen."""

    report = models.ForeignKey(ExceptionReport, on_delete=models.CASCADE, related_name="chosen")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="+"
    )
    reasons = models.JSONField(
        default=list, blank=True, help_text="The exception criteria it met, in words."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="unique_chosen_exception")
        ]

    def __str__(self):
        return f"{self.indicator.ref} for {self.report}"
