from django.urls import path

from . import views

app_name = "purpose"
urlpatterns = [
    path("p/<slug:slug>/purpose/", views.detail, name="detail"),
    path("p/<slug:slug>/purpose/edit/", views.edit, name="edit"),
    path("p/<slug:slug>/purpose/history/", views.history, name="history"),
    path("p/<slug:slug>/purpose/history/<int:history_id>/", views.revision, name="revision"),
    path("p/<slug:slug>/purpose/history/<int:history_id>/restore/", views.restore, name="restore"),
    path("p/<slug:slug>/partners/<int:organisation_id>/", views.partner, name="partner"),
    path("p/<slug:slug>/partners/<int:organisation_id>/edit/", views.partner_edit, name="partner_edit"),
    path("p/<slug:slug>/welcome/", views.orientation, name="orientation"),
]
