from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "mobilise.workspace"
    label = "workspace"
    verbose_name = "Change Model workspace"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable
        from mobilise.core.jinja2env import register_template_global
        from mobilise.programmes.attention import register_attention

        from .contributions import workspace_attention
        from .models import AlignmentEntry, Audience, Note
        from .vocabulary import vocabulary

        register_binnable("note", Note)
        register_binnable("alignment", AlignmentEntry)
        register_binnable("audience", Audience)
        register_attention(20, workspace_attention)
        register_template_global("vocabulary", vocabulary)
