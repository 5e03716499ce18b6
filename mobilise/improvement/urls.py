from django.urls import path

from . import views

app_name = "improvement"
urlpatterns = [
    path("p/<slug:slug>/improvement/", views.overview, name="overview"),
]
