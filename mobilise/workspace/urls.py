from django.urls import path

from . import views

app_name = "workspace"
urlpatterns = [
    path("p/<slug:slug>/", views.home, name="home"),
    path("p/<slug:slug>/alignment/", views.alignment, name="alignment"),
    path("p/<slug:slug>/words/", views.vocabulary_page, name="vocabulary"),
    path("p/<slug:slug>/changes/", views.activity, name="activity"),
]
