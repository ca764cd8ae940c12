"""Who may do what, in one place (issue #5).

- Administrator: a superuser; sets up councils, indicators, comparator groups and schemes.
- Officer of a council (Role.Kind.OFFICER): enters and edits that council's values, targets,
  tolerances, benchmarks and commentary; sees only that council's drafts.
- Approver of a council (Role.Kind.APPROVER): signs off the council's period returns or sends
  them back with a reason.
- Member: any other user (or the public); reads published values only.

Admin querysets and permissions, the return grid, the import and the audit trail all ask
these functions, so a Durham officer cannot reach Norfolk's drafts by any URL.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from indicators.models import Authority, Role

OFFICER = Role.Kind.OFFICER
APPROVER = Role.Kind.APPROVER

# Where each model keeps its council, for scoping querysets. Benchmarks belong to a
# comparator group, so they are scoped by the council whose indicator they benchmark.
AUTHORITY_PATHS = {
    "value": "authority",
    "target": "authority",
    "tolerance": "authority",
    "commentary": "authority",
    "benchmarkvalue": "indicator__authority",
    "publishedcomparison": "value__authority",
    "signoff": "authority",
}

# Django model permissions given to the two staff roles: the one definition, used by the
# migration that creates the groups (0009_role_groups) and by create_demo_users.
OFFICER_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("value", "target", "tolerance", "benchmarkvalue", "commentary")
    for action in ("view", "add", "change")
] + ["view_indicator", "view_period", "view_comparatorgroup", "add_period"]
APPROVER_PERMISSIONS = [
    f"view_{model}"
    for model in ("value", "target", "tolerance", "benchmarkvalue", "commentary", "indicator")
] + ["view_period", "view_comparatorgroup"]


ROLE_GROUPS = {
    OFFICER: ("Performance officers", OFFICER_PERMISSIONS),
    APPROVER: ("Approvers", APPROVER_PERMISSIONS),
}


def role_groups(group_model=None, permission_model=None):
    """The two staff groups with their model permissions (which council is the Role's job),
    created or brought up to date; {role kind: Group}. A migration passes its historical
    models."""
    if group_model is None:
        from django.contrib.auth.models import Group as group_model
        from django.contrib.auth.models import Permission as permission_model
    groups = {}
    for kind, (name, codenames) in ROLE_GROUPS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.set(
            permission_model.objects.filter(
                content_type__app_label="indicators", codename__in=codenames
            )
        )
        groups[kind] = group
    return groups


def _is_admin(user):
    return user.is_active and user.is_superuser


def authority_ids(user, *kinds):
    """Ids of the councils the user holds one of these roles for; None means every council."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if _is_admin(user):
        return None
    kinds = kinds or (OFFICER, APPROVER)
    cached = getattr(user, "_scrutiny_roles", None)
    if cached is None:
        cached = list(Role.objects.filter(user=user).values_list("authority_id", "kind"))
        user._scrutiny_roles = cached
    return {authority_id for authority_id, kind in cached if kind in kinds}


def authorities_for(user, *kinds):
    ids = authority_ids(user, *kinds)
    councils = Authority.objects.filter(reports_to_portal=True)
    return councils if ids is None else councils.filter(pk__in=ids)


def _holds(user, authority, kinds):
    ids = authority_ids(user, *kinds)
    pk = getattr(authority, "pk", authority)
    return ids is None or pk in ids


def can_enter(user, authority):
    """Officer (or administrator) of this council."""
    return _holds(user, authority, (OFFICER,))


def can_approve(user, authority):
    return _holds(user, authority, (APPROVER,))


def can_see_drafts(user, authority):
    return _holds(user, authority, (OFFICER, APPROVER))


def is_staff_role(user):
    return authority_ids(user) is None or bool(authority_ids(user))


def scope(queryset, user, *kinds):
    """The rows of queryset belonging to councils the user holds a role for."""
    ids = authority_ids(user, *kinds)
    if ids is None:
        return queryset
    path = AUTHORITY_PATHS[queryset.model._meta.model_name]
    return queryset.filter(**{f"{path}__in": ids})


def authority_of(obj):
    name = obj._meta.model_name
    if name == "benchmarkvalue":
        return obj.indicator.authority_id
    if name == "publishedcomparison":
        return obj.value.authority_id
    return obj.authority_id


def council_or_404(user, slug, *kinds):
    """The council by slug, if the user holds one of these roles for it; 404 otherwise,
    so another council's returns are not even confirmed to exist."""
    authority = get_object_or_404(Authority, slug=slug, reports_to_portal=True)
    if not _holds(user, authority, kinds or (OFFICER, APPROVER)):
        raise PermissionDenied(f"You have no role for {authority}.")
    return authority
