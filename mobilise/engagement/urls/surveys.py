from __future__ import annotations

from django.urls import path

from ..views import answer, results, surveys

P = "p/<slug:slug>/relationships/"
S = P + "<int:pk>/"
urlpatterns = [
    path(P, surveys.surveys, name="surveys"),
    path(P + "new/", surveys.survey_create, name="survey_create"),
    path(P + "import/", surveys.network_import_view, name="network_import"),
    path(S, surveys.survey_detail, name="survey_detail"),
    path(S + "rate/", surveys.survey_rate, name="survey_rate"),
    path(S + "edit/", surveys.survey_edit, name="survey_edit"),
    path(S + "delete/", surveys.survey_delete, name="survey_delete"),
    path(S + "links/", surveys.survey_links, name="survey_links"),
    path(S + "links.csv", surveys.survey_links_csv, name="survey_links_csv"),
    path(S + "send/", surveys.survey_send, name="survey_send"),
    path(S + "remind/", surveys.survey_remind, name="survey_remind"),
    path(S + "answer/", answer.survey_answer, name="survey_answer"),
    path(S + "analyse/", surveys.survey_analyse, name="survey_analyse"),
    path(S + "analyses/<int:analysis>/", surveys.analysis_status, name="analysis_status"),
    path(S + "results/", results.survey_results, name="survey_results"),
    path(S + "picture/", results.survey_picture, name="survey_picture"),
    path(S + "results/people.csv", results.survey_results_csv, name="survey_results_csv"),
    path(S + "picture/people.csv", results.survey_picture_csv, name="survey_picture_csv"),
    path(S + "introductions/", results.introduction_decide, name="introduction_decide"),
    # Public: a single-use link for answering without signing in (see views/answer.py).
    path("s/<str:token>/", answer.survey_link, name="survey_link"),
]
