from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("library/<int:pk>/", views.item, name="item"),
    path("examples/", views.examples, name="examples"),
    path("p/<slug:slug>/library/", views.programme_library, name="programme"),
    path("p/<slug:slug>/library/contactable/", views.contactable, name="contactable"),
    path("p/<slug:slug>/library/<int:pk>/share/", views.share_item, name="share"),
    path("p/<slug:slug>/library/<int:pk>/similar/", views.similar, name="similar"),
    path("p/<slug:slug>/library/copy/<int:pk>/", views.copy, name="copy"),
]
