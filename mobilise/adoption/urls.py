from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "adoption"
P = "p/<slug:slug>/spread/"
urlpatterns: list[URLPattern | URLResolver] = [
    path(P, views.spread, name="spread"),
    path(P + "sites/", views.sites, name="sites"),
    path(P + "sites/new/", views.site_add, name="site_add"),
    path(P + "sites/import/", views.sites_import, name="sites_import"),
    path(P + "sites/<int:pk>/", views.site_edit, name="site_edit"),
    path(P + "sites/<int:pk>/delete/", views.site_delete, name="site_delete"),
    path(P + "practices/new/", views.practice_add, name="practice_add"),
    path(P + "practices/<int:pk>/", views.practice, name="practice"),
    path(P + "practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path(P + "practices/<int:pk>/delete/", views.practice_delete, name="practice_delete"),
    path(P + "practices/<int:pk>/stage/", views.stage_set, name="stage_set"),
    path(P + "practices/<int:pk>/sites/<int:site>/", views.stage_history, name="stage_history"),
    path(P + "practices/<int:pk>/stages/<int:change>/", views.stage_edit, name="stage_edit"),
    path(P + "practices/<int:pk>/stages/<int:change>/delete/", views.stage_delete, name="stage_delete"),
    path(P + "measures/new/", views.measure_add, name="measure_add"),
    path(P + "measures/<int:pk>/", views.measure, name="measure"),
    path(P + "measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path(P + "measures/<int:pk>/delete/", views.measure_delete, name="measure_delete"),
    path(P + "measures/<int:pk>/import/", views.measure_import, name="measure_import"),
    path(P + "measures/<int:pk>/sites/<int:site>/", views.site_chart, name="site_chart"),
]
