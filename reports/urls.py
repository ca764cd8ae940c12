from django.urls import include, path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("councils/<slug:slug>/", views.dashboard, name="dashboard"),
    path("councils/<slug:slug>/", include("reports.exports.urls")),
    path("councils/<slug:slug>/key-messages/", views.key_messages, name="key_messages"),
    path("councils/<slug:slug>/spine/", views.spine, name="spine"),
    path("councils/<slug:slug>/indicators/<slug:ref>/", views.indicator, name="indicator"),
    path("compare/", views.compare, name="compare"),
    path("data/observations.csv", views.observations_csv, name="observations_csv"),
]
