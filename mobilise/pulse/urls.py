from django.urls import path

from . import views

app_name = "pulse"
P = "p/<slug:slug>/pulse/"
S = P + "<int:pk>/"
urlpatterns = [
    path(P, views.pulses, name="pulses"),
    path(P + "new/", views.pulse_create, name="create"),
    path(S, views.results, name="results"),
    path(S + "results.csv", views.export, name="export"),
    path(S + "manage/", views.manage, name="manage"),
    path(S + "edit/", views.pulse_edit, name="edit"),
    path(S + "delete/", views.pulse_delete, name="delete"),
    path(S + "questions/new/", views.question_add, name="question_add"),
    path(S + "waves/new/", views.wave_create, name="wave_create"),
    path(S + "waves/<int:wave>/remind/", views.wave_remind, name="wave_remind"),
    path(S + "waves/<int:wave>/rate/", views.wave_rate, name="wave_rate"),
    path(S + "comments/", views.comments, name="comments"),
    path(S + "comments/<int:comment>/", views.comment_redact, name="comment_redact"),
    # Public: a single-use link for answering without signing in.
    path("pulse/<str:token>/", views.answer, name="answer"),
]
