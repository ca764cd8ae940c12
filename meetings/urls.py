from django.urls import path, register_converter

from . import officer_views, views


class PaperFormat:
    regex = "docx|xlsx|pdf"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class Day:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


register_converter(PaperFormat, "paper_format")
register_converter(Day, "day")

app_name = "meetings"

urlpatterns = [
    path("councils/<slug:slug>/meetings/", views.meeting_list, name="list"),
    path("councils/<slug:slug>/meetings/record/", officer_views.record, name="record"),
    path("councils/<slug:slug>/committees/", officer_views.committees, name="committees"),
    path(
        "councils/<slug:slug>/committees/new/", officer_views.committee_edit, name="committee_add"
    ),
    path(
        "councils/<slug:slug>/committees/<slug:committee>/",
        officer_views.committee_edit,
        name="committee_edit",
    ),
    path("councils/<slug:slug>/meetings/<day:day>/", views.paper, name="paper"),
    path(
        "councils/<slug:slug>/meetings/<day:day>/paper.<paper_format:fmt>",
        views.paper_download,
        name="paper_download",
    ),
    path("councils/<slug:slug>/meetings/<day:day>/questions/", views.ask, name="ask"),
    path("councils/<slug:slug>/questions/<int:pk>/answer/", views.answer, name="answer"),
    path("councils/<slug:slug>/forward-plan/", views.flag, name="flag"),
    path("councils/<slug:slug>/since-last-meeting/", views.since_last_meeting, name="since"),
]
