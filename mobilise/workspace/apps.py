from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "mobilise.workspace"
    label = "workspace"
    verbose_name = "Change Model workspace"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable

        from .models import AlignmentEntry, Audience, Note

        register_binnable("note", Note)
        register_binnable("alignment", AlignmentEntry)
        register_binnable("audience", Audience)
