from django.db.models import Count, Max
from django.http import HttpResponse
from django.shortcuts import render

from indicators.models import Authority, Value
from indicators.observations import export_values, observation_rows, write_csv


def home(request):
    councils = (
        Authority.objects.filter(reports_to_portal=True)
        .annotate(
            latest_end=Max("values__period__end", filter=_published()),
            value_count=Count("values", filter=_published()),
        )
        .order_by("name")
    )
    return render(request, "reports/home.html", {"councils": councils})


def _published():
    from django.db.models import Q

    return Q(values__workflow=Value.Workflow.APPROVED)


def observations_csv(request):
    """The open data file: published values only, one row per comparison."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="observations.csv"'
    write_csv(observation_rows(export_values(published_only=True)), response)
    return response
