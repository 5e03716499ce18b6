from django.urls import path

from . import views

app_name = "purpose"
urlpatterns = [
    path("p/<slug:slug>/purpose/", views.detail, name="detail"),
]
