"""The scrutiny cycle: a council's committees, their meetings, the performance report each
meeting was shown (frozen), and the questions and forward-plan flags members raised."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Committee(models.Model):
    authority = models.ForeignKey(
        "indicators.Authority", on_delete=models.CASCADE, related_name="committees"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    # The councillors who sit on it: they may ask questions and flag indicators.
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="scrutiny_committees"
    )
    # Who sat on it when, and who changed it: audited like the figures.
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["authority", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "slug"], name="unique_committee_slug")
        ]

    def __str__(self):
        return self.name


class MeetingQuerySet(models.QuerySet):
    def of(self, authority):
        return self.filter(committee__authority=authority).select_related("committee")

    def last_before(self, authority, period_end):
        """The latest meeting that reported a period up to period_end: what a pack for
        period_end reports changes since, and whose questions it answers."""
        return self.of(authority).filter(period_end__lte=period_end).order_by("-date").first()


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField()
    period_end = models.DateField(help_text="The end of the period the report covered.")
    period_label = models.CharField(max_length=60, help_text="As the paper printed it.")
    agenda_item = models.CharField(max_length=300, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "committee"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "date"], name="unique_meeting_date")
        ]

    def __str__(self):
        return f"{self.committee} {self.date:%-d %B %Y}"

    @property
    def authority(self):
        return self.committee.authority


class Immutable(Exception):
    """A frozen paper is the record of what members were shown: it is never changed."""


class FrozenPaperQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise Immutable("A frozen paper cannot be updated.")

    def delete(self):
        raise Immutable("A frozen paper cannot be deleted.")


class FrozenPaper(models.Model):
    """The meeting's performance report as presented: every row's cells as printed (figure
    as formatted, rating, comparators), the report cards and what the rows were made from,
    as JSON (meetings/snapshot.py). Pages and downloads of the meeting read only this."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="paper")
    snapshot = models.JSONField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = FrozenPaperQuerySet.as_manager()

    def __str__(self):
        return f"Paper for {self.meeting}"

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise Immutable(f"The paper of {self.meeting} was frozen; it cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise Immutable(f"The paper of {self.meeting} was frozen; it cannot be deleted.")


class Question(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", "Question"
        COMMENT = "comment", "Comment"
        REQUEST = "request", "Request for information"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="committee_questions"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.QUESTION)
    text = models.TextField()
    asked_by = models.CharField(max_length=200, help_text="The member, as the minutes name them.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner = models.CharField(max_length=200, blank=True, help_text="The officer who answers.")
    due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    response = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When members could first read the response."
    )
    example = models.BooleanField(
        default=False, help_text="Illustrative, not from the council's minutes."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__date", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.indicator.ref} at {self.meeting}"

    @property
    def published(self):
        return self.published_at is not None


class ForwardPlanFlag(models.Model):
    class Reason(models.TextChoices):
        DEEP_DIVE = "deep_dive", "Deep dive"
        FUTURE_ITEM = "future_item", "Future agenda item"

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="forward_plan_flags"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="flags"
    )
    kind = models.CharField(max_length=12, choices=Reason.choices, default=Reason.DEEP_DIVE)
    reason = models.TextField()
    flagged_by = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    example = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.indicator.ref}"
