from django.urls import path

from ..views import components as views

urlpatterns = [
    path("p/<slug:slug>/", views.home, name="home"),
    path("p/<slug:slug>/c/<slug:component>/", views.component, name="component"),
    path("p/<slug:slug>/c/<slug:component>/status/", views.component_status, name="component_status"),
    path("p/<slug:slug>/c/<slug:component>/notes/new/", views.note_create, name="note_create"),
    path("p/<slug:slug>/notes/<int:pk>/edit/", views.note_edit, name="note_edit"),
    path("p/<slug:slug>/notes/<int:pk>/delete/", views.note_delete, name="note_delete"),
    path("p/<slug:slug>/stage/", views.stage, name="stage"),
    path("p/<slug:slug>/stage/set/", views.stage_set, name="stage_set"),
    path("p/<slug:slug>/changes/", views.activity, name="activity"),
]
