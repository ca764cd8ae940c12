"""The scrutiny cycle on reports' own pages (the council's dashboard, an indicator page):
template tags, so reports' Python never imports meetings."""

from django import template

from reports.formatting import ref_slug

from .. import access
from ..models import ForwardPlanFlag, Meeting, Question

register = template.Library()


@register.filter
def indicator_slug(ref):
    return ref_slug(ref)


@register.inclusion_tag("meetings/includes/council_panel.html")
def council_meetings(council):
    flags = ForwardPlanFlag.objects.filter(indicator__authority=council).select_related(
        "indicator", "meeting"
    )
    last = Meeting.objects.of(council).filter(paper__isnull=False).first()
    return {"council": council, "flags": flags, "last": last}


@register.inclusion_tag("meetings/includes/questions.html", takes_context=True)
def indicator_questions(context, council, indicator):
    user = context["request"].user
    queryset = Question.objects.filter(indicator=indicator).select_related("meeting")
    questions = None
    if access.can_read(user, council):
        sees_all = access.sees_unpublished(user, council)
        questions = list(queryset)
        for question in questions:
            question.shown_response = question.response if sees_all or question.published else ""
    return {
        "council": council,
        "questions": questions,
        "open_count": queryset.filter(status=Question.Status.OPEN).count(),
        "can_answer": access.can_answer(user, council),
        "heading": "The committee's questions on this indicator",
        "csrf_token": context.get("csrf_token"),
        "request": context["request"],
    }
