"""Sign-off of a period return: draft -> submitted -> approved (published), or sent back."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from indicators import access
from indicators.models import SignOff, Value

from .due import return_values

STEPS = {
    # action: (who may, from workflow, to workflow)
    SignOff.Action.SUBMITTED: (access.can_enter, Value.Workflow.DRAFT, Value.Workflow.SUBMITTED),
    SignOff.Action.APPROVED: (
        access.can_approve,
        Value.Workflow.SUBMITTED,
        Value.Workflow.APPROVED,
    ),
    SignOff.Action.SENT_BACK: (
        access.can_approve,
        Value.Workflow.SUBMITTED,
        Value.Workflow.DRAFT,
    ),
}


def sign_off(action, authority, period, user, reason=""):
    """Move every value of the return one step; record the step. Returns the SignOff."""
    allowed, source, target = STEPS[action]
    if not allowed(user, authority):
        raise PermissionDenied(f"You may not do that for {authority}.")
    if action == SignOff.Action.SENT_BACK and not reason.strip():
        raise ValidationError("Say why the return is sent back.")
    with transaction.atomic():
        values = list(return_values(authority, period).filter(workflow=source))
        if not values:
            raise ValidationError(
                f"No {Value.Workflow(source).label.lower()} values in this return."
            )
        why = SignOff.Action(action).label + (f": {reason.strip()}" if reason.strip() else "")
        for value in values:
            value.workflow = target
            value._change_reason = why
            value._history_user = user
            value.save(update_fields=["workflow"])
        return SignOff.objects.create(
            authority=authority,
            period=period,
            action=action,
            by=user,
            reason=reason.strip(),
            value_count=len(values),
        )
