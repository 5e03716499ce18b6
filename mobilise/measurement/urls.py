from django.urls import path

from . import views

app_name = "measurement"
_m = "p/<slug:slug>/measures/<int:pk>/"
urlpatterns = [
    path("p/<slug:slug>/measures/", views.dashboard, name="dashboard"),
    path("p/<slug:slug>/measures/new/", views.measure_create, name="measure_create"),
    path("p/<slug:slug>/measures/import/", views.import_upload, name="import_upload"),
    path("p/<slug:slug>/measures/import/<int:job_pk>/", views.import_mapping, name="import_mapping"),
    path("p/<slug:slug>/measures/import/<int:job_pk>/status/", views.import_status, name="import_status"),
    path(_m, views.measure_detail, name="measure"),
    path(_m + "edit/", views.measure_edit, name="measure_edit"),
    path(_m + "delete/", views.measure_delete, name="measure_delete"),
    path(_m + "data.csv", views.measure_csv, name="measure_csv"),
    path(_m + "baseline/", views.baseline_edit, name="baseline"),
    path(_m + "points/new/", views.point_add, name="point_add"),
    path(_m + "points/<int:point_pk>/", views.point_edit, name="point_edit"),
    path(_m + "points/<int:point_pk>/delete/", views.point_delete, name="point_delete"),
    path(_m + "annotations/new/", views.annotation_add, name="annotation_add"),
    path(_m + "annotations/<int:annotation_pk>/delete/", views.annotation_delete, name="annotation_delete"),
    path(_m + "phases/new/", views.phase_add, name="phase_add"),
    path(_m + "phases/<int:phase_pk>/delete/", views.phase_delete, name="phase_delete"),
]
