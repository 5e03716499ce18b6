from django.urls import path

from ..views import alignment as views

urlpatterns = [
    path("p/<slug:slug>/alignment/", views.grid, name="alignment"),
    path("p/<slug:slug>/alignment/entries/<int:pk>/edit/", views.edit, name="alignment_edit"),
    path("p/<slug:slug>/alignment/entries/<int:pk>/delete/", views.delete, name="alignment_delete"),
    path("p/<slug:slug>/alignment/<slug:first>/<slug:second>/", views.pair, name="alignment_pair"),
    path("p/<slug:slug>/alignment/<slug:first>/<slug:second>/add/", views.create, name="alignment_create"),
]
