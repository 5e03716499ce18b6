"""Workspace routes, gathered from one module per part of the workspace."""

from . import alignment, components, words

app_name = "workspace"
urlpatterns = [*components.urlpatterns, *alignment.urlpatterns, *words.urlpatterns]
