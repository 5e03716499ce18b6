from django.urls import path

from .views import answering, evaluations, sessions, themes, value

app_name = "workshops"
S = "p/<slug:slug>/sessions/"
urlpatterns = [
    path("sessions/", sessions.facilitator, name="facilitator"),
    path("feedback/<str:token>/", answering.feedback, name="feedback"),
    path("evaluate/<str:token>/", answering.evaluation, name="evaluation_answer"),
    path(S, sessions.overview, name="overview"),
    path(S + "series/new/", sessions.series_new, name="series_new"),
    path(S + "series/<int:pk>/", sessions.series_detail, name="series"),
    path(S + "themes/", themes.theme_list, name="themes"),
    path(S + "themes/new/", themes.theme_new, name="theme_new"),
    path(S + "themes/<int:pk>/edit/", themes.theme_edit, name="theme_edit"),
    path(S + "themes/<int:pk>/move/", themes.theme_move, name="theme_move"),
    path(S + "themes/<int:pk>/archive/", themes.theme_archive, name="theme_archive"),
    path(S + "new/", sessions.session_new, name="session_new"),
    path(S + "<int:pk>/", sessions.session_detail, name="session"),
    path(S + "<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path(S + "<int:pk>/delete/", sessions.session_delete, name="session_delete"),
    path(S + "<int:pk>/qr.svg", sessions.session_qr, name="session_qr"),
    path(S + "<int:pk>/feedback-link/", sessions.feedback_link, name="feedback_link"),
    path(S + "<int:pk>/actions/", sessions.action_add, name="action_add"),
    path(S + "<int:pk>/actions/<int:action_pk>/", sessions.action_done, name="action_done"),
    path(S + "evaluations/new/", evaluations.evaluation_new, name="evaluation_new"),
    path(S + "evaluations/<int:pk>/", evaluations.evaluation_detail, name="evaluation"),
    path("p/<slug:slug>/value/", value.value_list, name="value_list"),
    path("p/<slug:slug>/value/new/", value.value_new, name="value_new"),
    path("p/<slug:slug>/value/<int:pk>/edit/", value.value_edit, name="value_edit"),
    path("p/<slug:slug>/value/<int:pk>/delete/", value.value_delete, name="value_delete"),
]
