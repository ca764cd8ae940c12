"""Downloads of the committee table and the committee pack, for anyone who can read the
dashboard: published values only, and the report cards officers chose."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from indicators.models import Authority, Theme
from reports import queries

from .formats import CONTENT_TYPES, filename, render, render_pack
from .layout import committee_table
from .pack import committee_pack, pack_filename
from .pdf import ChromiumBusy, PdfUnavailable
from .printed import remembered_print

# The formats Chromium prints (the Word pack's charts too): remembered, at most a few at once.
PRINTED = {("table", "pdf"), ("pack", "pdf"), ("pack", "docx")}


def _council_and_period(request, slug):
    council = get_object_or_404(
        Authority.objects.select_related("rating_scheme"), slug=slug, reports_to_portal=True
    )
    chosen = queries.resolve_period(request.GET.get("period"), queries.period_choices(council))
    if chosen is None:
        raise Http404(f"{council} has no published data.")
    return council, chosen


def _theme(request, council):
    text = request.GET.get("theme", "")
    if not text:
        return None
    if not text.isdigit():
        raise Http404("Unknown theme.")
    return get_object_or_404(Theme, pk=int(text), authority=council)


def _download(content, fmt, name):
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _unavailable(error):
    response = HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    if isinstance(error, ChromiumBusy):
        response["Retry-After"] = str(error.retry_after)
    return response


def _content(kind, council, chosen, theme, fmt, render):
    if (kind, fmt) not in PRINTED:
        return render()
    key = (kind, council.pk, chosen.param, theme.pk if theme else "", fmt)
    return remembered_print(key, render)


def committee_table_download(request, slug, fmt):
    council, chosen = _council_and_period(request, slug)
    theme = _theme(request, council)

    def build():
        return render(committee_table(council, chosen.end, chosen.label, theme), fmt)

    try:
        content = _content("table", council, chosen, theme, fmt, build)
    except (PdfUnavailable, ChromiumBusy) as error:
        return _unavailable(error)
    return _download(content, fmt, filename(council, chosen.label, fmt))


def committee_pack_download(request, slug, fmt):
    council, chosen = _council_and_period(request, slug)
    theme = _theme(request, council)

    def build():
        return render_pack(committee_pack(council, chosen.end, chosen.label, theme), fmt)

    try:
        content = _content("pack", council, chosen, theme, fmt, build)
    except (PdfUnavailable, ChromiumBusy) as error:
        return _unavailable(error)
    return _download(content, fmt, pack_filename(council, chosen.label, fmt))
