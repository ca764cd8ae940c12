"""Sign-off for everything members see: values, targets, tolerances, benchmarks and
commentary (issue 11).

A record is draft, submitted or approved; members read approved records only. Changing
an approved record never touches it: the change is a draft *revision* (a second row that
`revises` it), which officers see in its place and members do not, until an approver who
neither made nor submitted the change approves it. Approval copies the revision onto the
published record and deletes the revision, so the record keeps its id and its history.

`save()` refuses to store an approved record that is new or differs from the stored one
unless the caller is signing off (`publishing()`): no path - the admin form, its history
"revert", the return grid, an import, a command - can publish by accident.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models

_publishing: ContextVar[str] = ContextVar("publishing", default="")

# Fields that are bookkeeping rather than content a member reads.
BOOKKEEPING = {"id", "workflow", "revises", "changed_by"}


@contextmanager
def publishing(why):
    """Allow approved records to be written: sign-off, and loaders of published sources
    (the councils' papers, computed national benchmarks). `why` is for tracebacks."""
    token = _publishing.set(why)
    try:
        yield
    finally:
        _publishing.reset(token)


class NotSignedOff(PermissionDenied):
    pass


class Workflow(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for sign-off"
    APPROVED = "approved", "Approved (published)"


class SignedOffQuerySet(models.QuerySet):
    def published(self):
        """What members see."""
        return self.filter(workflow=Workflow.APPROVED)

    def working(self):
        """What officers work on: each record, or its pending revision in its place."""
        return self.filter(pending_revision__isnull=True)

    def pending(self):
        return self.exclude(workflow=Workflow.APPROVED)


class SignedOff(models.Model):
    workflow = models.CharField(max_length=12, choices=Workflow.choices, default=Workflow.DRAFT)
    revises = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pending_revision",
        help_text="The published record this draft will replace once approved.",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who last changed it: they may not approve it.",
    )

    objects = SignedOffQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.workflow == Workflow.APPROVED and not _publishing.get():
            stored = (
                type(self)
                ._base_manager.filter(pk=self.pk)
                .values(*self.content_fields(), "workflow")
                .first()
                if self.pk
                else None
            )
            if (
                stored is None
                or stored.pop("workflow") != Workflow.APPROVED
                or stored != self.content()
            ):
                raise NotSignedOff(
                    f"{self._meta.verbose_name} {self}: an approved record changes only "
                    "through sign-off."
                )
        super().save(*args, **kwargs)

    @classmethod
    def content_fields(cls):
        return [f.attname for f in cls._meta.concrete_fields if f.name not in BOOKKEEPING]

    def content(self):
        return {name: getattr(self, name) for name in self.content_fields()}

    # Officers' changes ------------------------------------------------------------------

    def working_copy(self):
        """The record officers edit: its pending revision if it has one, else itself."""
        try:
            return self.pending_revision
        except type(self).DoesNotExist:
            return self

    def draft_of(self, stored, user):
        """Make this unsaved change to `stored` (the same row, as in the database) a draft
        someone must sign off. Changing a published record makes this instance its
        revision, a new row (or the revision already pending), and leaves the published
        record as it is. Returns self."""
        self.changed_by = user if getattr(user, "pk", None) else None
        self._forget_printed_form(stored)
        if stored is None:
            self.workflow, self.revises = Workflow.DRAFT, None
            return self
        if stored.workflow == Workflow.SUBMITTED:
            raise PermissionDenied(
                f"{stored} is awaiting sign-off; ask the approver to send the return back "
                "before changing it."
            )
        if stored.workflow == Workflow.APPROVED:
            revision = stored.working_copy()
            if revision.workflow == Workflow.SUBMITTED:
                raise PermissionDenied(
                    f"A change to {stored} is awaiting sign-off; ask the approver to send the "
                    "return back before changing it again."
                )
            if revision is not stored:
                # A change made from the published record lands on the pending revision
                # field by field: what the revision already changed is kept.
                changed = {
                    name: getattr(self, name)
                    for name in self.content_fields()
                    if getattr(self, name) != getattr(stored, name)
                }
                for name in self.content_fields():
                    setattr(self, name, changed.get(name, getattr(revision, name)))
            self.pk = None if revision is stored else revision.pk
            self._state.adding = revision is stored
            self.revises = stored
            self.revised_from(stored)
        else:
            self.revises_id = stored.revises_id
        self.workflow = Workflow.DRAFT
        return self

    def _forget_printed_form(self, stored):
        """A paper's printed form ("64.0", "8.8*") belongs to the figure it printed: once
        the figure changes and nobody gave a new printed form, it would show a figure the
        record no longer holds."""
        if stored is None or not hasattr(self, "printed") or self.printed != stored.printed:
            return
        if any(
            getattr(self, name) != getattr(stored, name)
            for name in ("value", "upper")
            if hasattr(self, name)
        ):
            self.printed = ""

    def revised_from(self, published):
        """Hook: what a revision of a published record records (Value marks it revised)."""

    def publish_revision(self):
        """Approve this revision: the published record takes its content, keeps its id and
        history, and the revision row goes. Call inside publishing()."""
        published = self.revises
        for name in self.content_fields():
            setattr(published, name, getattr(self, name))
        published.changed_by = self.changed_by
        published.workflow = Workflow.APPROVED
        for attr in ("_change_reason", "_history_user"):
            if hasattr(self, attr):
                setattr(published, attr, getattr(self, attr))
        self.delete()
        published.save()
        return published
