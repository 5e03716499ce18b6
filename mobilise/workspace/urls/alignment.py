from django.urls import path

from ..views import alignment as views

urlpatterns = [
    path("p/<slug:slug>/alignment/", views.grid, name="alignment"),
]
