from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "mobilise.engagement"
    label = "engagement"
    verbose_name = "Stakeholders and relationships"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable

        from .models import Stakeholder, Survey

        register_binnable("stakeholder", Stakeholder)
        register_binnable("survey", Survey)
