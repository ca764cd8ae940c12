"""Remembered pages (the dashboard's rows count open questions; the pack prints the
responses) must change when the scrutiny cycle's records do. The data version's triggers
watch the indicators tables only (and a test holds them to exactly those), so the
meetings tables turn the token here. Signals suffice: these rows are written one at a
time through the ORM, never bulk-loaded."""

import uuid

from django.db.models.signals import m2m_changed, post_delete, post_save

from indicators.models import DataVersion


def new_data_version(**kwargs):
    DataVersion.objects.update(token=uuid.uuid4().hex)


def connect():
    from .models import Committee, ForwardPlanFlag, FrozenPaper, Meeting, Question

    for model in (Committee, Meeting, FrozenPaper, Question, ForwardPlanFlag):
        post_save.connect(new_data_version, sender=model, dispatch_uid=f"dv-save-{model}")
        post_delete.connect(new_data_version, sender=model, dispatch_uid=f"dv-del-{model}")
    m2m_changed.connect(
        new_data_version, sender=Committee.members.through, dispatch_uid="dv-members"
    )
