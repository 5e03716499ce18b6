from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "mobilise.improvement"
    label = "improvement"
    verbose_name = "Theory of change and driver diagrams"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable
        from mobilise.measurement.reads import register_aims
        from mobilise.workspace.linked import register_linked_work

        from .contributions import aims_using, methodology_work
        from .models import ChangeIdea, Driver, DriverDiagram, TheoryItem
        from .services.restoring import restore_with_batch

        register_binnable("diagram", DriverDiagram)
        register_binnable("driver", Driver, restore=restore_with_batch)
        register_binnable("change_idea", ChangeIdea, restore=restore_with_batch)
        register_binnable("theory_item", TheoryItem)
        register_linked_work("methodology", methodology_work)
        register_aims(aims_using)
