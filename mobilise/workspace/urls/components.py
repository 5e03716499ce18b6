from django.urls import path

from ..views import components as views

urlpatterns = [
    path("p/<slug:slug>/", views.home, name="home"),
    path("p/<slug:slug>/changes/", views.activity, name="activity"),
]
