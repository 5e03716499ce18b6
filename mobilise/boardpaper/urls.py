from django.urls import path

from . import views

app_name = "boardpaper"
B = "p/<slug:slug>/board/"
urlpatterns = [
    path(B, views.paper_list, name="list"),
    path(B + "draft/", views.draft, name="draft"),
    path(B + "draft/edit/", views.draft_edit, name="draft_edit"),
    path(B + "draft/publish/", views.publish, name="publish"),
    path(B + "<int:number>/", views.paper, name="paper"),
    path(B + "<int:number>/paper.pdf", views.paper_pdf, name="paper_pdf"),
    path(B + "<int:number>/<slug:table>.csv", views.paper_csv, name="paper_csv"),
]
