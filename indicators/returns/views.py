"""Officers' pages: the return grid, the import with its preview, sign-off and the audit
trail. Each view asks indicators.access who may see or change which council."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from indicators import access
from indicators.imports import pending
from indicators.imports.apply import apply_plan
from indicators.imports.figures import RETURN_FREQUENCY
from indicators.imports.plan import plan_sheets, plan_values
from indicators.imports.reading import (
    VALUE_COLUMNS,
    ImportFileError,
    check_size,
    read_upload,
    web_max_rows,
)
from indicators.imports.template import template_csv, template_xlsx
from indicators.models import Period, SignOff, Value

from . import audit
from .due import checklist, grid_rows, return_values
from .signoff import sign_off


def _staff(view):
    def wrapped(request, *args, **kwargs):
        if not access.is_staff_role(request.user):
            raise PermissionDenied("Officers' pages are for council officers and approvers.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_required(wrapped)


def _return(request, slug, period_id, *kinds):
    authority = access.council_or_404(request.user, slug, *kinds)
    period = get_object_or_404(Period, pk=period_id, kind__in=list(RETURN_FREQUENCY))
    return authority, period


def _grid_url(authority, period):
    return reverse("officers:return", args=[authority.slug, period.pk])


@_staff
def index(request):
    councils = list(access.authorities_for(request.user))
    label = request.GET.get("period", "").strip()
    if label and request.GET.get("authority"):
        authority = access.council_or_404(request.user, request.GET["authority"])
        try:
            period = Period.objects.from_label(label)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            if period.kind in RETURN_FREQUENCY:
                return redirect(_grid_url(authority, period))
            messages.error(request, f"{period.label} is not a month, quarter, term or year.")
    periods = Period.objects.filter(
        kind__in=list(RETURN_FREQUENCY), values__authority__in=councils
    ).distinct()
    return render(
        request,
        "officers/index.html",
        {
            "councils": councils,
            "periods": list(periods.order_by("-end")[:12]),
            "title": "Period returns",
        },
    )


@_staff
def return_grid(request, slug, period_id):
    authority, period = _return(request, slug, period_id)
    editable = access.can_enter(request.user, authority)
    rows = grid_rows(authority, period)
    errors, warnings, posted = {}, {}, {}
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("Only the council's officers may change its return.")
        records = []
        for number, row in enumerate(rows, start=1):
            cells = {
                name: request.POST.get(f"r{number}-{name}", "").strip()
                for name in ("value", "numerator", "denominator", "status", "note", "commentary")
            }
            posted[number] = cells
            if not row["value"] and not any(
                cells[n] for n in ("value", "numerator", "denominator", "note", "commentary")
            ):
                continue  # nothing entered and nothing stored: not due yet, or no data
            records.append(
                (
                    number,
                    {
                        **cells,
                        "authority": authority.slug,
                        "area": "",
                        "indicator_ref": row["indicator"].ref,
                        "period": row["period"],
                    },
                )
            )
        plan = plan_values(authority, records, return_period=period)
        for r in plan.rejected:
            errors.setdefault(r.row, []).append(f"{r.column}: {r.reason}")
        for row_number, warning in plan.warnings:
            warnings.setdefault(row_number, []).append(warning)
        confirmed = request.POST.get("confirm") == "yes"
        if not errors and (confirmed or not warnings):
            reason = request.POST.get("reason", "").strip() or "Entered in the return grid"
            written = apply_plan(plan, request.user, reason)
            messages.success(request, f"Saved {written} row(s) of the return.")
            return redirect(_grid_url(authority, period))
        if errors:
            messages.error(request, f"{len(errors)} row(s) need correcting; nothing was saved.")
        else:
            messages.warning(request, "Some changes are large: confirm them or add a note.")
    for number, row in enumerate(rows, start=1):
        row["number"] = number
        row["posted"] = posted.get(number)
        row["errors"] = errors.get(number, [])
        row["warnings"] = warnings.get(number, [])
    values = list(return_values(authority, period))
    workflows = {v.workflow for v in values}
    return render(
        request,
        "officers/return.html",
        {
            "title": f"{authority} return for {period}",
            "authority": authority,
            "period": period,
            "rows": rows,
            "editable": editable,
            "needs_confirm": bool(warnings) and not errors,
            "checklist": checklist(authority, period),
            "can_submit": editable and Value.Workflow.DRAFT in workflows,
            "can_approve": access.can_approve(request.user, authority)
            and Value.Workflow.SUBMITTED in workflows,
            "sign_offs": SignOff.objects.filter(authority=authority, period=period).select_related(
                "by"
            )[:10],
            "statuses": Value.Status.choices[:2],
        },
    )


@_staff
@require_POST
def sign_off_view(request, slug, period_id):
    authority, period = _return(request, slug, period_id)
    action = request.POST.get("action", "")
    if action not in SignOff.Action.values:
        raise Http404("No such sign-off step.")
    try:
        step = sign_off(action, authority, period, request.user, request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{step.get_action_display()}: {step.value_count} value(s).")
    return redirect(_grid_url(authority, period))


@_staff
def import_view(request, slug, period_id):
    """Upload -> preview (nothing written) -> confirm (everything in one transaction).
    All or nothing, as on the command line: a file with any rejected row cannot be confirmed.
    The previewed file waits in the database (indicators.imports.pending), not on disk."""
    authority, period = _return(request, slug, period_id, access.OFFICER)
    context = {
        "title": f"Import into {authority}'s return for {period}",
        "authority": authority,
        "period": period,
        "upload_hours": settings.SCRUTINY_UPLOAD_HOURS,
        "max_rows": f"{web_max_rows():,}",
    }
    if request.method == "POST" and request.POST.get("token"):
        return _confirm_import(request, authority, period, request.POST["token"])
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["file_error"] = "Choose a file to upload."
        else:
            try:
                check_size(upload.size)  # before reading 50 MB into memory
                data = upload.read()
                sheets = read_upload(upload.name, data)
            except ImportFileError as error:
                context["file_error"] = str(error)
            else:
                plan = plan_sheets(authority, sheets, period)
                context["plan"] = plan
                if plan.writes and not plan.rejected_count:
                    context["token"], context["digest"] = pending.keep(authority, upload.name, data)
    return render(request, "officers/import.html", context)


def _confirm_import(request, authority, period, token):
    again = redirect("officers:import", authority.slug, period.pk)
    stored = pending.take(authority, token)
    if stored is None:
        messages.error(
            request,
            f"That upload has expired (uploads wait {settings.SCRUTINY_UPLOAD_HOURS} hours for "
            "confirmation) or was already imported; upload the file again.",
        )
        return again
    if stored.digest != request.POST.get("digest"):
        raise PermissionDenied("The uploaded file changed since the preview.")
    try:
        plan = plan_sheets(authority, read_upload(stored.name, stored.data), period)
    except ImportFileError as error:
        messages.error(request, f"{error} Nothing was imported.")
        return again
    if plan.rejected_count:
        # The data may have changed since the preview (a value sent for sign-off), or the
        # form was not the preview's: either way, all rows or none.
        messages.error(
            request,
            f"{plan.rejected_count} row(s) of {stored.name} are rejected; nothing was "
            "imported. Correct the file and upload it again.",
        )
        return again
    written = apply_plan(plan, request.user, f"Imported from {stored.name}")
    pending.forget(authority, token)
    messages.success(request, f"Imported {written} row(s) from {stored.name}.")
    return redirect(_grid_url(authority, period))


@_staff
def template_view(request, slug, period_id, fmt):
    authority, period = _return(request, slug, period_id, access.OFFICER)
    name = f"{authority.slug}-{period.label.replace(' ', '').replace('/', '-')}"
    if fmt == "csv":
        response = HttpResponse(template_csv(authority, period), content_type="text/csv")
    else:
        response = HttpResponse(
            template_xlsx(authority, period),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@_staff
def audit_view(request, fmt="html"):
    authority = None
    if request.GET.get("authority"):
        authority = access.council_or_404(request.user, request.GET["authority"])
    model = request.GET.get("model") or None
    record = request.GET.get("record")
    entries = audit.trail(
        request.user, authority, model, int(record) if record and record.isdigit() else None
    )
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="audit-trail.csv"'
        audit.write_csv(entries, response)
        return response
    return render(
        request,
        "officers/audit.html",
        {
            "title": "Audit trail",
            "entries": entries[:500],
            "total": len(entries),
            "query": request.GET.urlencode(),
            "columns": VALUE_COLUMNS,
        },
    )
