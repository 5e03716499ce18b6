from django.urls import path

from ..views import words as views

urlpatterns = [
    path("p/<slug:slug>/words/", views.audiences, name="vocabulary"),
    path("p/<slug:slug>/words/choose/", views.choose, name="vocabulary_choose"),
    path("p/<slug:slug>/words/new/", views.audience_create, name="audience_create"),
    path("p/<slug:slug>/words/<int:pk>/edit/", views.audience_edit, name="audience_edit"),
    path("p/<slug:slug>/words/<int:pk>/delete/", views.audience_delete, name="audience_delete"),
]
