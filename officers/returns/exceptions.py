"""The officers' exception report: which indicators meet Norfolk's exception criteria at a
period and why, and the set officers choose to take to committee as report cards."""

from datetime import date
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from indicators import access
from indicators.models import ExceptionReport, Value
from officers.exception_advice import exception_advice

from .views import _staff


class ChoiceForm(forms.Form):
    committee = forms.CharField(max_length=200, required=False)
    meeting_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the meeting date as a date, e.g. 2018-07-10."},
    )
    indicators = forms.TypedMultipleChoiceField(
        required=False,
        coerce=int,
        error_messages={
            "invalid_choice": "%(value)s is not one of this council's indicators at this period."
        },
    )


def _period_end(request, authority):
    """?period= as an end date; the latest published period when none is given."""
    text = request.GET.get("period", "").strip()
    if not text:
        latest = (
            Value.objects.published()
            .filter(authority=authority)
            .aggregate(end=Max("period__end"))["end"]
        )
        if latest is None:
            raise Http404(f"{authority} has no published data.")
        return latest
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Http404(f"'{text}' is not a period end date such as 2018-04-30.") from None


def _ordered(advice):
    """Themes in the council's order, then the table order within each."""
    return sorted(
        advice,
        key=lambda a: (
            a.value.indicator.theme.order if a.value.indicator.theme_id else 999,
            a.value.indicator.order,
            a.value.indicator.ref,
        ),
    )


@_staff
def exception_report(request, slug):
    authority = access.council_or_404(request.user, slug)
    period_end = _period_end(request, authority)
    advice = _ordered(exception_advice(authority, period_end))
    if not advice:
        raise Http404(f"{authority} has no published data up to {period_end:%-d %B %Y}.")
    scheme = authority.rating_scheme
    # "5", not "5.00": the words go into the pack as Norfolk prints them.
    variance = format(
        (scheme.exception_variance_percent if scheme else Decimal(5)).normalize(), "f"
    )
    saved = ExceptionReport.objects.for_period(authority, period_end)
    by_pk = {a.value.indicator_id: a for a in advice}
    form = ChoiceForm(
        request.POST or None,
        initial={
            "committee": saved.committee if saved else authority.committee,
            "meeting_date": saved.meeting_date if saved else None,
        },
    )
    form.fields["indicators"].choices = [(pk, pk) for pk in by_pk]
    if request.method == "POST":
        if form.is_valid():
            chosen = [by_pk[pk] for pk in by_pk if pk in form.cleaned_data["indicators"]]
            ExceptionReport.save_choice(
                authority,
                period_end,
                [(a.value.indicator, a.words) for a in chosen],
                request.user,
                committee=form.cleaned_data["committee"],
                meeting_date=form.cleaned_data["meeting_date"],
            )
            messages.success(
                request, f"Saved: {len(chosen)} report card(s) chosen for the committee pack."
            )
            url = reverse("officers:exceptions", args=[authority.slug])
            return redirect(f"{url}?period={period_end.isoformat()}")
        messages.error(request, "Nothing was saved: correct the fields marked below.")
    if saved is not None:
        ticked = set(saved.chosen_indicator_ids)
    else:
        # Before anyone chooses: the indicators officers have written a card for.
        ticked = {a.value.indicator_id for a in advice if a.has_card}
    if request.method == "POST":
        ticked = {int(pk) for pk in request.POST.getlist("indicators") if pk.isdigit()}
    return render(
        request,
        "officers/exceptions.html",
        {
            "title": f"{authority}: exception report as at {period_end:%-d %B %Y}",
            "authority": authority,
            "period_end": period_end,
            "proposed": [a for a in advice if a.proposed],
            "others": [a for a in advice if not a.proposed],
            "ticked": ticked,
            "saved": saved,
            "form": form,
            "variance": variance,
        },
    )
