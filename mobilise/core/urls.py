from django.urls import path

from . import health, policies, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
    path("csp-report", policies.csp_report, name="csp_report"),
]
