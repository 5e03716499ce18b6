from django.urls import path

from . import views

app_name = "engagement"
urlpatterns = [
    path("p/<slug:slug>/stakeholders/", views.stakeholders, name="stakeholders"),
]
