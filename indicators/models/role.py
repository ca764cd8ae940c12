from django.conf import settings
from django.db import models


class Role(models.Model):
    """What a person may do for one council. Administrators are superusers and need none;
    members (councillors) need none either: they read published data for every council."""

    class Kind(models.TextChoices):
        OFFICER = "officer", "Performance officer (enters the return)"
        APPROVER = "approver", "Approver (signs off the return)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scrutiny_roles"
    )
    authority = models.ForeignKey(
        "indicators.Authority", on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["authority", "kind", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "authority", "kind"], name="unique_role")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_kind_display()} for {self.authority}"


class SignOff(models.Model):
    """One step of a period return's sign-off: submitted, approved or sent back (with why)."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for sign-off"
        APPROVED = "approved", "Approved and published"
        SENT_BACK = "sent_back", "Sent back to the officer"

    authority = models.ForeignKey(
        "indicators.Authority", on_delete=models.CASCADE, related_name="sign_offs"
    )
    period = models.ForeignKey(
        "indicators.Period", on_delete=models.PROTECT, related_name="sign_offs"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)
    value_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "sign-off step"

    def __str__(self):
        return f"{self.authority} {self.period}: {self.get_action_display()}"


class HistoryUpload(models.Model):
    """One confirmed upload of a council's history (officers' /history/ page) and the
    returns it filled: "Submit all" and "Approve all" act on exactly these returns, never
    on another pending return of the council."""

    authority = models.ForeignKey(
        "indicators.Authority", on_delete=models.CASCADE, related_name="history_uploads"
    )
    file_name = models.CharField(max_length=255)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    periods = models.ManyToManyField(
        "indicators.Period", related_name="+", help_text="The returns the upload filled."
    )

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.authority}: {self.file_name} ({self.at:%d %b %Y %H:%M})"
