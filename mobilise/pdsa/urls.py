from django.urls import path

from . import views

app_name = "pdsa"
urlpatterns = [
    path("p/<slug:slug>/tests/", views.wall, name="wall"),
]
