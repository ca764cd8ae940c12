"""Login's two landing pages: where a signed-in user goes, and the lockout page."""

import math

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.shortcuts import redirect, render

from indicators import access


def after_login(request):
    """Where a login without a safe ?next= lands (LOGIN_REDIRECT_URL): officers and
    approvers to their period returns, everyone else to the councils' dashboards."""
    if access.is_staff_role(request.user):
        return redirect("officers:index")
    return redirect("reports:home")


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a login for a locked-out username and address
    (AXES_LOCKOUT_CALLABLE): a page saying why and for how long, status 429."""
    minutes = math.ceil(get_cool_off(request).total_seconds() / 60)
    context = {
        "username": get_client_username(request, credentials) or "",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes,
    }
    return render(request, "registration/locked_out.html", context, status=429)
