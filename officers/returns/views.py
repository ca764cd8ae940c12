"""Officers' pages: the return grid, the import with its preview, sign-off and the audit
trail. Each view asks indicators.access who may see or change which council."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.timezone import localdate, localtime
from django.views.decorators.http import require_POST

from indicators import access
from indicators.models import Authority, HistoryUpload, Period, SignOff, Value
from indicators.rules.figures import stored
from indicators.rules.periods import parse_period_label, period_label
from officers.imports import pending
from officers.imports.apply import apply_plan
from officers.imports.figures import RETURN_FREQUENCY
from officers.imports.plan import plan_sheets, plan_values
from officers.imports.reading import (
    VALUE_COLUMNS,
    ImportFileError,
    check_size,
    read_upload,
    web_max_rows,
)
from officers.imports.template import template_csv, template_xlsx

from . import audit
from .audit import REASON_MAX_LENGTH
from .due import checklist, due_indicators, fingerprint, grid_rows, last_change, stored_cells
from .signoff import (
    awaiting,
    describe,
    occasional_values,
    record_history_upload,
    sign_off,
    sign_off_batch,
    uploads_awaiting,
)
from .targets import attach_targets, planned_target, save_target


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


def _return_period(label):
    """(kind, start, end) of a return period's label, or raise ValueError saying why."""
    kind, start, end = parse_period_label(label)
    if kind not in RETURN_FREQUENCY:
        raise ValueError(f"{period_label(kind, start, end)} is not a month, quarter, term or year.")
    return kind, start, end


@_staff
def index(request):
    """The return picker. Opening a return only looks its period up (a GET never writes: a
    new period would change the data version and so every remembered page); a period not
    yet in the database is added by the officer's "Start the return" button (a POST)."""
    councils = list(access.authorities_for(request.user))
    label = request.GET.get("period", "").strip()
    start_return = None
    if request.method == "POST":
        authority = access.council_or_404(request.user, request.POST.get("authority", ""))
        if not access.can_enter(request.user, authority):
            raise PermissionDenied("Only the council's officers may start its return.")
        try:
            kind, start, end = _return_period(request.POST.get("period", "").strip())
            if start > localdate():
                raise ValueError(
                    f"{period_label(kind, start, end)} has not begun yet: a return is for a "
                    "period that has started."
                )
        except ValueError as error:
            messages.error(request, str(error))
        else:
            return redirect(_grid_url(authority, Period.objects.for_span(kind, start, end)))
    elif label and request.GET.get("authority"):
        authority = access.council_or_404(request.user, request.GET["authority"])
        try:
            kind, start, end = _return_period(label)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            period = Period.objects.filter(kind=kind, start=start, end=end).first()
            if period is not None:
                return redirect(_grid_url(authority, period))
            start_return = {
                "authority": authority,
                "label": period_label(kind, start, end),
                "can_start": access.can_enter(request.user, authority) and start <= localdate(),
                "started": start <= localdate(),
            }
    periods = Period.objects.filter(
        kind__in=list(RETURN_FREQUENCY), values__authority__in=councils
    ).distinct()
    return render(
        request,
        "officers/index.html",
        {
            "councils": councils,
            "periods": list(periods.order_by("-end")[:12]),
            "start_return": start_return,
            "title": "Period returns",
        },
    )


GRID_CELLS = ("value", "numerator", "denominator", "status", "note", "commentary")


def _reason_error(reason):
    if len(reason) > REASON_MAX_LENGTH:
        return (
            f"The reason is {len(reason):,} characters; the limit is "
            f"{REASON_MAX_LENGTH:,} characters. Shorten it; nothing was saved."
        )
    return ""


def _changed_since_loaded(authority, row, entered):
    who_when = last_change(authority, row)
    by = f" by {who_when[0]} at {localtime(who_when[1]):%d %b %Y %H:%M}" if who_when else ""
    figure = stored_cells(row).get("value")
    shown = "no value" if figure is None else stored(figure)
    return (
        f"{row['indicator'].ref} was changed{by} since you opened this page: it now reads "
        f"{shown} (you entered {entered.get('value') or 'no value'}). Your entry for this row "
        "was not saved; the current figures are shown: enter your change again if it is "
        "still right."
    )


def _input(field):
    """The grid input an error concerns: the value's for a column with no input of its own
    (the period, the indicator's reference)."""
    return field if field in GRID_CELLS or field == "target" else "value"


def _error_summary(rows, errors, reason_error):
    """[(link to the input, message)], in page order: the error summary's links."""
    summary = [
        (f"#r{number}-{_input(field)}", f"{rows[number - 1]['indicator'].ref} {message}")
        for number in sorted(errors)
        for field, message in errors[number]
    ]
    if reason_error:
        summary.append(("#id_reason", reason_error))
    return summary


MISSING = {
    "value": "No value",
    "target": "No target (or Tracker) stored",
    "benchmarks": "No benchmarks",
    "commentary": "Commentary needed (an exception)",
}


def _missing_summary(items, rows):
    """The checklist as one line per thing missing, each indicator a link to its row:
    [(what, [(ref, link, detail)])]."""
    numbers = {row["indicator"].pk: row["number"] for row in rows}
    groups = {key: [] for key in MISSING}
    for item in items:
        for missing in item["missing"]:
            key, _, detail = missing.partition(" (")
            groups.setdefault(key, []).append(
                (
                    item["indicator"].ref,
                    f"#row-{numbers.get(item['indicator'].pk, '')}",
                    detail.rstrip(")") if key == "commentary" else "",
                )
            )
    return [(MISSING.get(key, key), refs) for key, refs in groups.items() if refs]


@_staff
def return_grid(request, slug, period_id):
    authority, period = _return(request, slug, period_id)
    editable = access.can_enter(request.user, authority)
    # errors: {row number: [(the input it concerns, message)]}
    errors, warnings, posted, targets = {}, {}, {}, {}
    reason_error = ""
    if request.method != "POST":
        rows = attach_targets(authority, grid_rows(authority, period))
    else:
        if not editable:
            raise PermissionDenied("Only the council's officers may change its return.")
        reason = request.POST.get("reason", "").strip()
        reason_error = _reason_error(reason)
        with transaction.atomic():
            # One save of a council's return at a time (the council's row locked, on
            # PostgreSQL): a second officer's save waits here, then checks against the first.
            list(Authority.objects.select_for_update().filter(pk=authority.pk).values("pk"))
            rows = attach_targets(authority, grid_rows(authority, period))
            records, conflicts, kept = [], [], []
            for number, row in enumerate(rows, start=1):
                cells = {
                    name: request.POST.get(f"r{number}-{name}", "").strip() for name in GRID_CELLS
                }
                was = request.POST.get(f"r{number}-loaded")  # absent: no check (scripts)
                entered = fingerprint(cells)
                changed_meanwhile = was is not None and was != row["fingerprint"]
                if changed_meanwhile and entered != row["fingerprint"]:
                    # Someone saved this row after the page was loaded.
                    if entered == was:
                        kept.append(row)  # this officer left it alone: keep theirs
                    else:
                        conflicts.append(row)
                        errors[number] = [("value", _changed_since_loaded(authority, row, cells))]
                    continue
                posted[number] = cells
                target_text = request.POST.get(f"r{number}-target")  # absent: scripts
                if target_text is not None:
                    row["posted_target"] = target_text.strip()
                    try:
                        if planned := planned_target(row, target_text):
                            targets[number] = planned
                    except ValueError as error:
                        errors.setdefault(number, []).append(("target", f"target: {error}"))
                if not row["value"] and not any(
                    cells[n] for n in ("value", "numerator", "denominator", "note", "commentary")
                ):
                    if number in targets and targets[number][1] == row["target_text"]:
                        del targets[number]  # the carried-forward target waits for a value
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
                errors.setdefault(r.row, []).append((r.column, f"{r.column}: {r.reason}"))
            for row_number, warning in plan.warnings:
                warnings.setdefault(row_number, []).append(warning)
            confirmed = request.POST.get("confirm") == "yes"
            saved = not errors and not reason_error and (confirmed or not warnings)
            if saved:
                why = reason or "Entered in the return grid"
                written = apply_plan(plan, request.user, why)
                for number, planned in targets.items():
                    save_target(authority, rows[number - 1], planned, request.user, why)
        if kept:
            refs = ", ".join(row["indicator"].ref for row in kept)
            messages.info(
                request,
                f"Changed by someone else since you opened this page, and kept as they left "
                f"them (you had not changed these rows): {refs}.",
            )
        if saved:
            saved_targets = f" and {len(targets)} target(s)" if targets else ""
            messages.success(request, f"Saved {written} row(s){saved_targets} of the return.")
            return redirect(_grid_url(authority, period))
        if conflicts:
            refs = ", ".join(row["indicator"].ref for row in conflicts)
            messages.error(
                request,
                f"Someone else changed {refs} since you opened this page; nothing was saved. "
                "Check the current figures shown for those rows and save again.",
            )
        elif errors:
            messages.error(request, f"{len(errors)} row(s) need correcting; nothing was saved.")
        elif reason_error:
            messages.error(request, reason_error)
        else:
            messages.warning(request, "Some changes are large: confirm them or add a note.")
    for number, row in enumerate(rows, start=1):
        row["number"] = number
        row["posted"] = posted.get(number)
        row["errors"] = [message for _field, message in errors.get(number, [])]
        row["invalid"] = {_input(field) for field, _message in errors.get(number, [])}
        row["warnings"] = warnings.get(number, [])
    items = checklist(authority, period)
    waiting = {
        model: list(qs.values_list("workflow", flat=True))
        for model, qs in awaiting(authority, period)
    }
    workflows = {w for flows in waiting.values() for w in flows}
    other_changes = describe(
        {model: len(flows) for model, flows in waiting.items() if model is not Value}
    )
    if occasional := occasional_values(authority).count():
        words = f"{occasional} value{'s' if occasional > 1 else ''} of occasional indicators"
        other_changes = ", ".join(filter(None, [words, other_changes]))
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
            "error_summary": _error_summary(rows, errors, reason_error),
            "missing": _missing_summary(items, rows),
            "reason": request.POST.get("reason", "") if reason_error else "",
            "reason_error": reason_error,
            "reason_max_length": REASON_MAX_LENGTH,
            "checklist": items,
            "can_submit": editable and Value.Workflow.DRAFT in workflows,
            "can_approve": access.can_approve(request.user, authority)
            and Value.Workflow.SUBMITTED in workflows,
            "sign_offs": SignOff.objects.filter(authority=authority, period=period).select_related(
                "by"
            )[:10],
            "statuses": Value.Status.choices[:2],
            "other_changes": other_changes,
        },
    )


@_staff
@require_POST
def sign_off_view(request, slug, period_id):
    authority, period = _return(request, slug, period_id)
    action = request.POST.get("action", "")
    if action not in SignOff.Action.values:
        raise Http404("No such sign-off step.")
    if error := _reason_error(request.POST.get("reason", "").strip()):
        messages.error(request, error)
        return redirect(_grid_url(authority, period))
    if action == SignOff.Action.SUBMITTED and request.POST.get("confirm") != "yes":
        # An incomplete return is sent only once the officer has seen what is missing:
        # asked here, on the server, so no script or stale page can skip the question.
        if not access.can_enter(request.user, authority):
            raise PermissionDenied("Only the council's officers may submit its return.")
        items = checklist(authority, period)
        without = [item["indicator"] for item in items if "value" in item["missing"]]
        if without:
            return render(
                request,
                "officers/confirm_submit.html",
                {
                    "title": f"Submit an incomplete return for {period}?",
                    "authority": authority,
                    "period": period,
                    "without": without,
                    "due": due_indicators(authority, period).count(),
                },
            )
    try:
        step = sign_off(action, authority, period, request.user, request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{step.get_action_display()}: {describe(step.counts)}.")
    return redirect(_grid_url(authority, period))


@_staff
def import_view(request, slug, period_id):
    """Upload -> preview (nothing written) -> confirm (everything in one transaction).
    All or nothing, as on the command line: a file with any rejected row cannot be confirmed.
    The previewed file waits in the database (officers.imports.pending), not on disk."""
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
        _preview_upload(request, context, authority, lambda sheets: plan_sheets(
            authority, sheets, period))  # fmt: skip
    return render(request, "officers/import.html", context)


def _preview_upload(request, context, authority, plan_for):
    """The uploaded file read and planned (nothing written): the plan in the context, with
    a token to confirm it when no row is rejected, or why the file cannot be read."""
    upload = request.FILES.get("file")
    if upload is None:
        context["file_error"] = "Choose a file to upload."
        return
    try:
        check_size(upload.size)  # before reading 50 MB into memory
        data = upload.read()
        plan = plan_for(read_upload(upload.name, data))
    except ImportFileError as error:
        context["file_error"] = str(error)
        return
    context["plan"] = plan
    if plan.writes and not plan.rejected_count:
        context["token"], context["digest"] = pending.keep(authority, upload.name, data)


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


def _number_or_404(text):
    if not text.isdigit() or len(text) > 18:
        raise Http404("No such upload.")
    return int(text)


@_staff
def history_view(request, slug):
    """A council's history in one upload (values for any periods, no return period), then
    one sign-off step for every return it fills: upload -> preview -> confirm (all or
    nothing, as for one return), then "Submit all" and, by another person, "Approve all",
    each for the returns that upload filled (HistoryUpload), no other."""
    authority = access.council_or_404(request.user, slug)
    if request.method == "POST" and not request.POST.get("action"):
        if not access.can_enter(request.user, authority):
            raise PermissionDenied("Only the council's officers may import its figures.")
    context = {
        "title": f"Load {authority}'s history",
        "authority": authority,
        "upload_hours": settings.SCRUTINY_UPLOAD_HOURS,
        "max_rows": f"{web_max_rows():,}",
    }
    if request.method == "POST" and request.POST.get("action"):
        action = request.POST["action"]
        if action not in (SignOff.Action.SUBMITTED, SignOff.Action.APPROVED):
            raise Http404("No such sign-off step.")
        upload = get_object_or_404(
            HistoryUpload, authority=authority, pk=_number_or_404(request.POST.get("upload", ""))
        )
        try:
            steps = sign_off_batch(
                action,
                authority,
                sorted(upload.periods.all(), key=lambda p: (p.end, p.start)),
                request.user,
                request.POST.get("reason", "").strip()[:REASON_MAX_LENGTH],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages) + " Nothing was signed off.")
        else:
            count = sum(step.value_count for step in steps)
            messages.success(
                request,
                f"{SignOff.Action(action).label}: {len(steps)} return(s), {count} value(s).",
            )
        return redirect("officers:history", authority.slug)
    if request.method == "POST" and request.POST.get("token"):
        stored_upload = pending.take(authority, request.POST["token"])
        if stored_upload is None:
            messages.error(request, "That upload has expired or was already imported.")
            return redirect("officers:history", authority.slug)
        if stored_upload.digest != request.POST.get("digest"):
            raise PermissionDenied("The uploaded file changed since the preview.")
        try:
            plan = plan_sheets(authority, read_upload(stored_upload.name, stored_upload.data))
        except ImportFileError as error:
            messages.error(request, f"{error} Nothing was imported.")
            return redirect("officers:history", authority.slug)
        if plan.rejected_count:
            messages.error(
                request,
                f"{plan.rejected_count} row(s) of {stored_upload.name} are rejected; nothing "
                "was imported.",
            )
            return redirect("officers:history", authority.slug)
        with transaction.atomic():
            written = apply_plan(plan, request.user, f"History imported from {stored_upload.name}")
            record_history_upload(plan, stored_upload.name, request.user)
        pending.forget(authority, request.POST["token"])
        messages.success(request, f"Imported {written} row(s) from {stored_upload.name}.")
        return redirect("officers:history", authority.slug)
    if request.method == "POST":
        _preview_upload(request, context, authority, lambda sheets: plan_sheets(authority, sheets))
    may_enter = access.can_enter(request.user, authority)
    may_approve = access.can_approve(request.user, authority)
    context["uploads"] = [
        {
            "upload": upload,
            "returns": periods,
            "can_submit": may_enter and Value.Workflow.DRAFT in flows,
            "can_approve": may_approve and Value.Workflow.SUBMITTED in flows,
        }
        for upload, periods, flows in uploads_awaiting(authority)
    ]
    return render(request, "officers/history.html", context)
