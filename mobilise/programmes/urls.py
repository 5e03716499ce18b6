from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("programmes/", views.programme_list, name="list"),
    path("programmes/new/", views.programme_create, name="create"),
    path("invitations/<str:token>/", views.invitation_preview, name="invitation"),
    path("invitations/<str:token>/accept/", views.invitation_accept, name="accept"),
    path("join/<str:token>/", views.join, name="join"),
    path("p/<slug:slug>/people/", views.member_list, name="members"),
    path("p/<slug:slug>/people/invite/", views.invite, name="invite"),
    path("p/<slug:slug>/people/invite/list/", views.invite_list, name="invite_list"),
    path("p/<slug:slug>/people/invitations/", views.invitation_list, name="invitations"),
    path("p/<slug:slug>/people/invitations/remind/", views.invitations_remind, name="invitations_remind"),
    path("p/<slug:slug>/people/who-may-invite/", views.invite_rule, name="invite_rule"),
    path("p/<slug:slug>/people/join-links/", views.join_link_create, name="join_link_create"),
    path("p/<slug:slug>/people/join-links/<int:pk>/revoke/", views.join_link_revoke, name="join_link_revoke"),
    path("p/<slug:slug>/people/requests/<int:pk>/", views.join_request_decide, name="join_request_decide"),
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
