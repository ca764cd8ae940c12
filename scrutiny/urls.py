from django.contrib import admin
from django.urls import include, path

from scrutiny.views import after_login

admin.site.site_header = "Scrutiny performance portal: administration"
admin.site.site_title = "Scrutiny performance portal"
admin.site.index_title = "Councils, indicators, targets and users"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("signed-in/", after_login, name="after_login"),
    path("officers/", include("officers.urls")),
    path("", include("meetings.urls")),
    path("", include("reports.urls")),
]
