"""Official statistics through the web, for administrators: the same reading and writing as
`manage.py import_statistics` (officers/imports/statistics*.py), with a preview.

Upload -> preview (the whole import run and rolled back: what would be added, changed,
published, skipped, warned, rejected) -> confirm (all or nothing; refused while any row is
rejected). The file waits in the uploads cache (officers.imports.pending) and the options
travel signed, so the confirm writes exactly what was previewed. Figures are imported as
drafts; a second administrator publishes them by uploading the same file with "publish"
ticked (four eyes: nobody publishes figures they imported).
"""

from __future__ import annotations

from types import SimpleNamespace

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from indicators.models import Indicator
from indicators.models.value import FRACTION_SCALES
from officers.imports import pending
from officers.imports.apply import PlanRejected
from officers.imports.reading import MAX_BYTES, ImportFileError, check_size, web_max_rows
from officers.imports.statistics import Options, read_statistics
from officers.imports.statistics_apply import IndicatorSpec, apply_statistics, national_indicator

# Uploads of national figures wait under their own key, apart from every council's.
NATIONAL = SimpleNamespace(pk="national")
SALT = "officers.statistics"
SHOWN = 200


def _pairs(text, label):
    pairs = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        column, sep, value = line.partition("=")
        if not sep or not column.strip():
            raise forms.ValidationError(f"{label}: write one COLUMN=VALUE a line ({line!r}).")
        pairs[column.strip()] = value.strip()
    return pairs


class StatisticsForm(forms.Form):
    indicator = forms.CharField(max_length=40, label="Indicator reference")
    value = forms.CharField(max_length=200, label="Value column", help_text="e.g. percentage")
    numerator = forms.CharField(max_length=200, required=False, label="Numerator column")
    denominator = forms.CharField(max_length=200, required=False, label="Denominator column")
    where = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Only rows with",
        help_text="One COLUMN=VALUE a line, e.g. cla_group=CLA on 31 March",
    )
    denominator_where = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Denominator from the row with",
        help_text="When the denominator is another row's figure: placement_stability=Total "
        "children",
    )
    snapshot = forms.BooleanField(required=False, label="Figures are as at the period's end")
    name = forms.CharField(max_length=400, required=False, label="Name (a new indicator)")
    unit = forms.ChoiceField(choices=[("", "—"), *Indicator.Unit.choices], required=False)
    polarity = forms.ChoiceField(
        choices=[
            ("", "—"),
            ("higher", "Higher is better"),
            ("lower", "Lower is better"),
            ("none", "No polarity"),
        ],
        required=False,
    )
    frequency = forms.ChoiceField(
        choices=[
            ("", "—"),
            ("annual", "Annual"),
            ("quarterly", "Quarterly"),
            ("monthly", "Monthly"),
        ],
        required=False,
    )
    publish = forms.BooleanField(
        required=False,
        label="Publish the drafts another administrator imported from this file",
    )

    def clean_where(self):
        return _pairs(self.cleaned_data["where"], "Only rows with")

    def clean_denominator_where(self):
        return _pairs(self.cleaned_data["denominator_where"], "Denominator from the row with")


def _administrator(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied("Official statistics are imported by administrators.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return login_required(wrapped)


def _run(name, data, choices, user, dry_run):
    """(statistics, outcome or None, error) for the file and the chosen options."""
    spec = IndicatorSpec(
        choices["indicator"],
        choices["name"],
        choices["unit"],
        choices["polarity"],
        choices["frequency"],
    )
    existing = national_indicator(spec, 0, create=False)
    unit = existing.unit if existing else spec.unit
    options = Options(
        value=choices["value"],
        numerator=choices["numerator"],
        denominator=choices["denominator"],
        where=choices["where"],
        denominator_where=choices["denominator_where"],
        snapshot=choices["snapshot"],
        scale=FRACTION_SCALES.get(unit, 0) if unit else None,
    )
    stats = read_statistics(name, data, options, web_max_rows(), MAX_BYTES)
    if stats.rejected:
        return stats, None, ""
    publish = choices["publish"]
    try:
        outcome = apply_statistics(
            stats,
            spec,
            source=name,
            importer=None if publish else user,
            approver=user if publish else None,
            publish=publish,
            dry_run=dry_run,
        )
    except (ValidationError, PlanRejected) as error:
        return stats, None, " ".join(getattr(error, "messages", [str(error)]))
    return stats, outcome, ""


@_administrator
def statistics_import(request):
    context = {
        "title": "Import official statistics",
        "max_rows": f"{web_max_rows():,}",
        "upload_hours": settings.SCRUTINY_UPLOAD_HOURS,
    }
    if request.method == "POST" and request.POST.get("token"):
        return _confirm(request)
    form = StatisticsForm(request.POST or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        upload = request.FILES.get("file")
        if upload is None:
            context["file_error"] = "Choose a file to upload."
        else:
            try:
                check_size(upload.size)
                data = upload.read()
                stats, outcome, error = _run(
                    upload.name, data, form.cleaned_data, request.user, dry_run=True
                )
            except ImportFileError as problem:
                context["file_error"] = str(problem)
            else:
                context.update(_preview(stats, outcome, error))
                if outcome is not None and not stats.rejected:
                    token, digest = pending.keep(NATIONAL, upload.name, data)
                    context.update(
                        token=token,
                        digest=digest,
                        options=signing.dumps(form.cleaned_data, salt=SALT),
                    )
    return render(request, "officers/statistics.html", context)


def _preview(stats, outcome, error):
    return {
        "stats": stats,
        "outcome": outcome,
        "error": error,
        "rejected": stats.rejected[:SHOWN],
        "more_rejected": max(0, len(stats.rejected) - SHOWN),
        "warnings": stats.warnings[:SHOWN],
        "more_warnings": max(0, len(stats.warnings) - SHOWN),
        "skipped": sorted(stats.skipped.items()),
        "suppressed": sum(bool(r.suppressed) for r in stats.rows),
    }


def _confirm(request):
    again = redirect("officers:statistics")
    stored = pending.take(NATIONAL, request.POST["token"])
    if stored is None:
        messages.error(request, "That upload has expired or was already imported; upload it again.")
        return again
    if stored.digest != request.POST.get("digest"):
        raise PermissionDenied("The uploaded file changed since the preview.")
    try:
        choices = signing.loads(request.POST.get("options", ""), salt=SALT)
    except signing.BadSignature:
        raise PermissionDenied("The options changed since the preview.") from None
    try:
        stats, outcome, error = _run(stored.name, stored.data, choices, request.user, False)
    except ImportFileError as problem:
        messages.error(request, f"{problem} Nothing was imported.")
        return again
    if stats.rejected or outcome is None:
        messages.error(
            request,
            f"{len(stats.rejected)} row(s) of {stored.name} are rejected{': ' if error else ''}"
            f"{error}; nothing was imported.",
        )
        return again
    pending.forget(NATIONAL, request.POST["token"])
    messages.success(request, f"Imported {stored.name}: {outcome}")
    return again
