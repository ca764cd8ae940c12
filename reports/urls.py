from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("data/observations.csv", views.observations_csv, name="observations_csv"),
]
