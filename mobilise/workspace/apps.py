from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "mobilise.workspace"
    label = "workspace"
    verbose_name = "Change Model workspace"
