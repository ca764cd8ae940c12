"""Officers' pages for the scrutiny cycle: a council's committees (who sits on each) and
recording a meeting, which freezes its paper through meetings/record.py exactly as
`manage.py record_meeting` does. Officers and approvers of the council only; a GET only
reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from indicators.access import council_or_404

from . import access
from .forms import CommitteeForm, RecordForm
from .models import Committee
from .record import NothingToFreeze, record_meeting


def _council(request, slug):
    council = council_or_404(request.user, slug)
    if not access.can_manage(request.user, council):
        raise PermissionDenied(f"Only {council}'s officers and approvers keep its committees.")
    return council


def _posted(request):
    return request.POST if request.method == "POST" else None


@login_required
def committees(request, slug):
    council = _council(request, slug)
    listed = (
        Committee.objects.filter(authority=council).prefetch_related("members").order_by("name")
    )
    context = {"authority": council, "committees": listed, "title": "Committees"}
    return render(request, "meetings/committees.html", context)


@login_required
def committee_edit(request, slug, committee=None):
    council = _council(request, slug)
    instance = (
        get_object_or_404(Committee, authority=council, slug=committee)
        if committee
        else Committee(authority=council)
    )
    form = CommitteeForm(_posted(request), instance=instance, authority=council)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"Saved {saved} ({saved.members.count()} members).")
        return redirect("meetings:committees", council.slug)
    title = f"Edit {instance}" if instance.pk else "Add a committee"
    context = {"authority": council, "form": form, "committee": instance, "title": title}
    return render(request, "meetings/committee_form.html", context)


@login_required
def record(request, slug):
    council = _council(request, slug)
    form = RecordForm(_posted(request), authority=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting, _ = record_meeting(
                data["committee"],
                data["date"],
                data["period"].end,
                data["period"].label,
                data["agenda_item"].strip(),
                user=request.user,
            )
        except NothingToFreeze as error:
            form.add_error("period", str(error))
        else:
            rows = sum(len(g["rows"]) for g in meeting.paper.snapshot["table"]["groups"])
            froze = f"froze the {meeting.period_label} paper ({rows} rows)"
            messages.success(request, f"Recorded {meeting}: {froze}.")
            return redirect("meetings:paper", council.slug, meeting.date.isoformat())
    context = {"authority": council, "form": form, "title": "Record a meeting"}
    return render(request, "meetings/record.html", context)
