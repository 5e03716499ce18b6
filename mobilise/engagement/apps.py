from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "mobilise.engagement"
    label = "engagement"
    verbose_name = "Stakeholders and relationships"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable
        from mobilise.workspace.linked import register_linked_work

        from .contributions import engagement_work, leadership_work
        from .models import Stakeholder, Survey

        register_binnable("stakeholder", Stakeholder)
        register_binnable("survey", Survey)
        register_linked_work("engagement", engagement_work)
        register_linked_work("leadership", leadership_work)
