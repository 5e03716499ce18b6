from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "mobilise.improvement"
    label = "improvement"
    verbose_name = "Theory of change and driver diagrams"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable

        from .models import ChangeIdea, Driver, DriverDiagram, TheoryItem

        register_binnable("diagram", DriverDiagram)
        register_binnable("driver", Driver)
        register_binnable("change_idea", ChangeIdea)
        register_binnable("theory_item", TheoryItem)
