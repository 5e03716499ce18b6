from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("programmes/", views.programme_list, name="list"),
    path("programmes/new/", views.programme_create, name="create"),
    path("invitations/<str:token>/", views.invitation_accept, name="accept"),
    path("p/<slug:slug>/people/", views.member_list, name="members"),
    path("p/<slug:slug>/people/invite/", views.invite, name="invite"),
    path(
        "p/<slug:slug>/people/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("p/<slug:slug>/people/<int:pk>/role/", views.member_role, name="member_role"),
    path("p/<slug:slug>/people/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("p/<slug:slug>/partners/add/", views.partner_add, name="partner_add"),
    path("p/<slug:slug>/bin/", views.bin_list, name="bin"),
    path("p/<slug:slug>/bin/<slug:kind>/<int:pk>/restore/", views.bin_restore, name="bin_restore"),
]
