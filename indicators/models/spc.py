from django.db import models


class SpcRecalculation(models.Model):
    """Where an SPC chart's limits start afresh for one council's indicator: a step change
    (Norfolk's April 2018 system migration), recorded with its reason and shown with the
    chart (indicators.rules.spc)."""

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="spc_recalculations"
    )
    authority = models.ForeignKey(
        "indicators.Authority", on_delete=models.CASCADE, related_name="spc_recalculations"
    )
    from_period = models.ForeignKey(
        "indicators.Period",
        on_delete=models.PROTECT,
        related_name="spc_recalculations",
        help_text="The first period of the new limits.",
    )
    reason = models.TextField(help_text="Why the process changed here, as members will read it.")
    recorded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["authority", "indicator", "from_period__end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "authority", "from_period"], name="unique_spc_recalculation"
            )
        ]

    def __str__(self):
        return f"{self.indicator.ref} {self.authority}: limits from {self.from_period}"
