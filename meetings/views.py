"""The scrutiny cycle's pages: a council's meetings, each meeting's paper as presented
(with what has been revised since), what changed since the last meeting, and the questions
and forward-plan flags members raise. Thin: the work is in the modules beside."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from indicators.models import Authority, Indicator

from . import access
from .changes import changes_since, revisions
from .exports import WRITERS, presented_line
from .models import ForwardPlanFlag, Meeting, Question
from .snapshot import rows_of, thaw

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
LIMIT = 4000  # characters of a question or response: a paragraph or several, not a file


def _council(slug):
    return get_object_or_404(Authority, slug=slug, reports_to_portal=True)


def _meeting(council, day):
    try:
        when = date.fromisoformat(day)
    except ValueError:
        raise Http404("Give the meeting's date as YYYY-MM-DD.") from None
    meeting = (
        Meeting.objects.of(council)
        .filter(date=when, paper__isnull=False)
        .select_related("paper")
        .first()
    )
    if meeting is None:
        raise Http404(f"{council} has no recorded meeting on {when:%-d %B %Y}.")
    return meeting


def meeting_list(request, slug):
    council = _council(slug)
    meetings = Meeting.objects.of(council).filter(paper__isnull=False)
    context = {
        "council": council,
        "meetings": meetings,
        "flags": ForwardPlanFlag.objects.filter(indicator__authority=council).select_related(
            "indicator", "meeting"
        ),
        "can_ask": access.can_ask(request.user, council),
        "can_manage": access.can_manage(request.user, council),
        "indicators": Indicator.objects.filter(authority=council).order_by("order", "ref"),
    }
    return render(request, "meetings/list.html", context)


def _questions(request, council, queryset):
    """The questions the user may read, with `shown_response` set where they may read it."""
    if not access.can_read(request.user, council):
        return None
    sees_all = access.sees_unpublished(request.user, council)
    questions = list(queryset.select_related("indicator", "meeting__committee"))
    for question in questions:
        question.shown_response = question.response if (sees_all or question.published) else ""
    return questions


def paper(request, slug, day):
    council = _council(slug)
    meeting = _meeting(council, day)
    table, cards = thaw(meeting.paper.snapshot, council)
    revised = revisions(meeting.paper.snapshot)
    for _, line in table.flat_rows():
        line.revision = revised.get((line.row or {}).get("value_id"))
    indicators = {r["indicator_id"]: r for r in rows_of(meeting.paper.snapshot)}
    context = {
        "council": council,
        "meeting": meeting,
        "presented": presented_line(meeting),
        "table": table,
        "cards": cards,
        "revised": [line for _, line in table.flat_rows() if line.revision],
        "questions": _questions(request, council, meeting.questions.all()),
        "can_ask": access.can_ask(request.user, council),
        "can_answer": access.can_answer(request.user, council),
        "asked_about": sorted(indicators.values(), key=lambda r: r["ref"]),
        "kinds": Question.Kind.choices,
        "statuses": Question.Status.choices,
    }
    return render(request, "meetings/paper.html", context)


def paper_download(request, slug, day, fmt):
    council = _council(slug)
    meeting = _meeting(council, day)
    table, cards = thaw(meeting.paper.snapshot, council)
    try:
        content = WRITERS[fmt](meeting, table, cards)
    except RuntimeError as error:  # no Chromium for the PDF
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = f"{council.slug}-{meeting.committee.slug}-{meeting.date:%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def since_last_meeting(request, slug):
    council = _council(slug)
    meeting = (
        Meeting.objects.of(council).filter(paper__isnull=False).select_related("paper").first()
    )
    context = {
        "council": council,
        "meeting": meeting,
        "changes": changes_since(meeting) if meeting else [],
    }
    return render(request, "meetings/since.html", context)


def _text(request, name, required=True):
    text = request.POST.get(name, "").strip()
    if required and not text:
        raise ValidationError(f"The {name.replace('_', ' ')} is empty: write it and send again.")
    if len(text) > LIMIT:
        raise ValidationError(
            f"The {name.replace('_', ' ')} is {len(text)} characters long; {LIMIT} at most."
        )
    return text


def _date(request, name):
    text = request.POST.get(name, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"The {name} '{text[:20]}' is not a date (YYYY-MM-DD).") from None


def _indicator(request, council):
    ref = request.POST.get("indicator", "")
    found = Indicator.objects.filter(authority=council, pk=ref if ref.isdigit() else 0).first()
    if found is None:
        raise ValidationError("Choose one of the council's indicators.")
    return found


def _choice(request, name, choices, default):
    value = request.POST.get(name, default)
    if value not in dict(choices):
        allowed = ", ".join(dict(choices))
        raise ValidationError(f"The {name} '{value[:20]}' is not one of {allowed}.")
    return value


def _back(request, fallback):
    messages_url = request.POST.get("next", "")
    return redirect(messages_url if messages_url.startswith("/") else fallback)


@require_POST
def ask(request, slug, day):
    council = _council(slug)
    if not access.can_ask(request.user, council):
        raise PermissionDenied("Only members and officers of this council may ask.")
    meeting = _meeting(council, day)
    try:
        question = Question(
            meeting=meeting,
            indicator=_indicator(request, council),
            kind=_choice(request, "kind", Question.Kind.choices, "question"),
            text=_text(request, "text"),
            asked_by=_text(request, "asked_by", required=False)
            or request.user.get_full_name()
            or request.user.get_username(),
            owner=_text(request, "owner", required=False)[:200],
            due=_date(request, "due"),
            recorded_by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        question._change_reason = "Asked at the meeting"
        question.save()
        messages.success(request, f"Recorded the {question.get_kind_display().lower()}.")
    return redirect("meetings:paper", council.slug, meeting.date.isoformat())


@require_POST
def answer(request, slug, pk):
    council = _council(slug)
    if not access.can_answer(request.user, council):
        raise PermissionDenied("Only officers of this council answer the committee.")
    question = get_object_or_404(Question, pk=pk, meeting__committee__authority=council)
    try:
        question.response = _text(request, "response")
        question.status = _choice(request, "status", Question.Status.choices, "answered")
        if question.status == Question.Status.OPEN:
            question.status = Question.Status.ANSWERED
        question.owner = _text(request, "owner", required=False)[:200] or question.owner
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:paper", council.slug, question.meeting.date.isoformat())
    question.answered_by = request.user
    published = request.POST.get("publish") == "on"
    if published and question.published_at is None:
        question.published_at = timezone.now()
    question._change_reason = "Response published" if published else "Response drafted"
    question.save()
    messages.success(
        request, "Response published to members." if published else "Response saved, unpublished."
    )
    return redirect("meetings:paper", council.slug, question.meeting.date.isoformat())


@require_POST
def flag(request, slug):
    council = _council(slug)
    if not access.can_ask(request.user, council):
        raise PermissionDenied("Only members and officers of this council flag indicators.")
    try:
        entry = ForwardPlanFlag(
            indicator=_indicator(request, council),
            kind=_choice(request, "kind", ForwardPlanFlag.Reason.choices, "deep_dive"),
            reason=_text(request, "reason"),
            flagged_by=request.user.get_full_name() or request.user.get_username(),
            recorded_by=request.user,
            meeting=Meeting.objects.of(council).first(),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        entry._change_reason = "Flagged for the forward plan"
        entry.save()
        messages.success(request, f"{entry.indicator.ref} added to the forward plan.")
    return redirect("meetings:list", council.slug)
