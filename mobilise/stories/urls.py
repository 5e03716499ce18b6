from django.urls import path

from .views import narrative, share, stories

app_name = "stories"
urlpatterns = [
    path("p/<slug:slug>/story/", narrative.detail, name="narrative"),
    path("p/<slug:slug>/story/edit/", narrative.edit, name="narrative_edit"),
    path("p/<slug:slug>/story/history/", narrative.history, name="narrative_history"),
    path("p/<slug:slug>/story/history/<int:history_id>/", narrative.revision, name="narrative_revision"),
    path(
        "p/<slug:slug>/story/history/<int:history_id>/restore/", narrative.restore, name="narrative_restore"
    ),
    path("p/<slug:slug>/story/for/<int:pk>/", narrative.audience_edit, name="audience_edit"),
    path("p/<slug:slug>/stories/", stories.story_list, name="list"),
    path("p/<slug:slug>/stories/new/", stories.story_create, name="create"),
    path("p/<slug:slug>/stories/<int:pk>/", stories.story_detail, name="story"),
    path("p/<slug:slug>/stories/<int:pk>/edit/", stories.story_edit, name="edit"),
    path("p/<slug:slug>/stories/<int:pk>/withdraw/", stories.story_withdraw, name="withdraw"),
    path("p/<slug:slug>/stories/<int:pk>/delete/", stories.story_delete, name="delete"),
    path("p/<slug:slug>/stories/waiting/", stories.moderation, name="moderation"),
    path("p/<slug:slug>/stories/waiting/<int:pk>/", stories.moderate, name="moderate"),
    path("p/<slug:slug>/stories/share-page/", share.share_settings, name="share_settings"),
    path("p/<slug:slug>/stories/share-page/change/", share.share_change, name="share_change"),
    path("share/<str:token>/", share.share, name="share"),
]
