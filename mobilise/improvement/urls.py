from django.urls import path

from .views import diagrams, drivers, ideas, overview, theory

app_name = "improvement"
P = "p/<slug:slug>/improvement/"
urlpatterns = [
    path(P, overview.overview, name="overview"),
    # The theory of change
    path(P + "theory/", theory.theory, name="theory"),
    path(P + "theory/add/", theory.theory_item_add, name="theory_item_add"),
    path(P + "theory/<int:pk>/edit/", theory.theory_item_edit, name="theory_item_edit"),
    path(P + "theory/<int:pk>/move/", theory.theory_item_move, name="theory_item_move"),
    path(P + "theory/<int:pk>/delete/", theory.theory_item_delete, name="theory_item_delete"),
    path(P + "theory/history/", theory.theory_history, name="theory_history"),
    path(P + "theory/history/<int:history_id>/", theory.theory_revision, name="theory_revision"),
    # Driver diagrams
    path(P + "diagrams/new/", diagrams.diagram_add, name="diagram_add"),
    path(P + "diagrams/<int:pk>/", diagrams.diagram, name="diagram"),
    path(P + "diagrams/<int:pk>/edit/", diagrams.diagram_edit, name="diagram_edit"),
    path(P + "diagrams/<int:pk>/delete/", diagrams.diagram_delete, name="diagram_delete"),
    path(P + "diagrams/<int:pk>/history/", diagrams.diagram_history, name="diagram_history"),
    path(P + "diagrams/<int:pk>/export.csv", diagrams.diagram_csv, name="diagram_csv"),
    path(P + "diagrams/<int:pk>/diagram.svg", diagrams.diagram_svg, name="diagram_svg"),
    path(P + "diagrams/<int:pk>/drivers/new/", drivers.driver_add, name="driver_add"),
    # Drivers
    path(P + "drivers/<int:pk>/ideas/new/", ideas.idea_add, name="idea_add"),
    path(P + "drivers/<int:pk>/rename/", drivers.driver_rename, name="driver_rename"),
    path(P + "drivers/<int:pk>/move/", drivers.driver_move, name="driver_move"),
    path(P + "drivers/<int:pk>/reorder/", drivers.driver_reorder, name="driver_reorder"),
    path(P + "drivers/<int:pk>/delete/", drivers.driver_delete, name="driver_delete"),
    # Change ideas
    path(P + "ideas/<int:pk>/", ideas.idea, name="idea"),
    path(P + "ideas/<int:pk>/edit/", ideas.idea_edit, name="idea_edit"),
    path(P + "ideas/<int:pk>/link/", ideas.idea_link, name="idea_link"),
    path(P + "ideas/<int:pk>/move/", ideas.idea_move, name="idea_move"),
    path(P + "ideas/<int:pk>/unlink/", ideas.idea_unlink, name="idea_unlink"),
    path(P + "ideas/<int:pk>/reorder/", ideas.idea_reorder, name="idea_reorder"),
    path(P + "ideas/<int:pk>/delete/", ideas.idea_delete, name="idea_delete"),
]
