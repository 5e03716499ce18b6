from django.urls import path

from ..views import words as views

urlpatterns = [
    path("p/<slug:slug>/words/", views.audiences, name="vocabulary"),
]
