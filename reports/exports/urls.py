from django.urls import path, register_converter

from . import views


class TableFormat:
    regex = "docx|xlsx|csv|pdf|html"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class PackFormat(TableFormat):
    regex = "docx|pdf|html"


register_converter(TableFormat, "table_format")
register_converter(PackFormat, "pack_format")

# Included under councils/<slug>/ in the reports namespace.
urlpatterns = [
    path(
        "committee-table.<table_format:fmt>",
        views.committee_table_download,
        name="committee_table",
    ),
    path("committee-pack.<pack_format:fmt>", views.committee_pack_download, name="committee_pack"),
]
