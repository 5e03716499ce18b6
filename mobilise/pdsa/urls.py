from django.urls import path

from .views import attachments, imports, tests, wall

app_name = "pdsa"
T = "p/<slug:slug>/tests/"
urlpatterns = [
    path("tests/", wall.my_wall, name="my_wall"),
    path(T, wall.wall_page, name="wall"),
    path(T + "new/", tests.create, name="create"),
    path(T + "import/", imports.import_upload, name="import"),
    path(T + "import/template.csv", imports.import_template, name="import_template"),
    path(T + "import/<int:pk>/", imports.import_preview, name="import_preview"),
    path(T + "<int:pk>/", tests.detail, name="detail"),
    path(T + "<int:pk>/edit/", tests.edit, name="edit"),
    path(T + "<int:pk>/next/", tests.next_cycle, name="next_cycle"),
    path(T + "<int:pk>/delete/", tests.delete, name="delete"),
    path(T + "<int:pk>/attachments/new/", attachments.attachment_add, name="attachment_add"),
    path(T + "<int:pk>/attachments/<int:attachment_pk>/", attachments.attachment_download, name="attachment"),
    path(
        T + "<int:pk>/attachments/<int:attachment_pk>/delete/",
        attachments.attachment_delete,
        name="attachment_delete",
    ),
]
