from __future__ import annotations

from django.urls import path

from ..views import overview
from ..views import register as views

P = "p/<slug:slug>/stakeholders/"
urlpatterns = [
    path(P, views.stakeholders, name="stakeholders"),
    path(P + "add/", views.stakeholder_create, name="stakeholder_create"),
    path(P + "<int:pk>/", views.stakeholder_detail, name="stakeholder_detail"),
    path(P + "<int:pk>/edit/", views.stakeholder_edit, name="stakeholder_edit"),
    path(P + "<int:pk>/move/", views.stakeholder_move, name="stakeholder_move"),
    path(P + "<int:pk>/delete/", views.stakeholder_delete, name="stakeholder_delete"),
    path(P + "map/", overview.power_map, name="map"),
    path(P + "over-time/", overview.movement, name="movement"),
    path(P + "critical-mass/", overview.critical_mass, name="critical_mass"),
    path(P + "critical-mass/goal/", overview.critical_mass_goal, name="critical_mass_goal"),
]
