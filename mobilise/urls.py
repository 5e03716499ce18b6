from django.urls import include, path

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("", include("mobilise.core.urls")),
    path("", include("mobilise.accounts.urls")),
    path("", include("mobilise.programmes.urls")),
    path("", include("mobilise.purpose.urls")),
    path("", include("mobilise.workspace.urls")),
    path("", include("mobilise.measurement.urls")),
    path("", include("mobilise.improvement.urls")),
    path("", include("mobilise.pdsa.urls")),
    path("", include("mobilise.engagement.urls")),
    path("", include("mobilise.library.urls")),
    path("", include("mobilise.pulse.urls")),
    path("", include("mobilise.delivery.urls")),
    path("", include("mobilise.adoption.urls")),
    path("", include("mobilise.stories.urls")),
    path("", include("mobilise.workshops.urls")),
    path("", include("mobilise.boardpaper.urls")),
    path("", include("mobilise.api.urls")),
]

handler404 = "mobilise.core.views.not_found"
handler403 = "mobilise.core.views.forbidden"
handler500 = "mobilise.core.views.server_error"
