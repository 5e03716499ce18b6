from django.urls import path

from . import views

app_name = "measurement"
urlpatterns = [
    path("p/<slug:slug>/measures/", views.dashboard, name="dashboard"),
]
