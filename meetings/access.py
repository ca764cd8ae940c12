"""Who may do what in the scrutiny cycle, on top of indicators/access.py:

- a member of one of the council's committees asks questions, flags indicators for the
  forward plan, and reads the questions and the responses officers have published;
- an officer of the council (or an administrator) may do the same on members' behalf (the
  scrutiny officer records what was asked at the meeting), answers, and publishes answers;
- approvers of the council read everything, unpublished answers included;
- officers and approvers of the council keep its committees and record its meetings;
- nobody else writes.
"""

from indicators import access


def is_member(user, authority):
    if not user.is_authenticated or not user.is_active:
        return False
    pk = getattr(authority, "pk", authority)
    return user.scrutiny_committees.filter(authority_id=pk).exists()


def can_answer(user, authority):
    return access.can_enter(user, authority)


def can_ask(user, authority):
    return is_member(user, authority) or can_answer(user, authority)


def can_read(user, authority):
    return can_ask(user, authority) or access.can_see_drafts(user, authority)


def sees_unpublished(user, authority):
    """Officers and approvers of the council read responses before members do."""
    return access.can_see_drafts(user, authority)


def can_manage(user, authority):
    """Officers and approvers of the council (and administrators) keep its committees and
    record its meetings; members and other councils' staff do not."""
    return access.can_see_drafts(user, authority)
