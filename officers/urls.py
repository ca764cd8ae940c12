from django.urls import path, register_converter

from officers.returns import exceptions, statistics, views


class TemplateFormat:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TemplateFormat, "fmt")

app_name = "officers"

urlpatterns = [
    path("", views.index, name="index"),
    path("audit/", views.audit_view, name="audit"),
    path("statistics/", statistics.statistics_import, name="statistics"),
    path("audit.csv", views.audit_view, {"fmt": "csv"}, name="audit_csv"),
    path("<slug:slug>/history/", views.history_view, name="history"),
    path("<slug:slug>/exceptions/", exceptions.exception_report, name="exceptions"),
    path("<slug:slug>/<int:period_id>/", views.return_grid, name="return"),
    path("<slug:slug>/<int:period_id>/sign-off/", views.sign_off_view, name="sign_off"),
    path("<slug:slug>/<int:period_id>/import/", views.import_view, name="import"),
    path(
        "<slug:slug>/<int:period_id>/template.<fmt:fmt>",
        views.template_view,
        name="template",
    ),
]
