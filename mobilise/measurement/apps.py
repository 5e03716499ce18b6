from django.apps import AppConfig


class MeasurementConfig(AppConfig):
    name = "mobilise.measurement"
    label = "measurement"
    verbose_name = "Transparent measurement"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable
        from mobilise.workspace.linked import register_linked_work

        from .contributions import measurement_work
        from .models import Measure

        register_binnable("measure", Measure)
        register_linked_work("measurement", measurement_work)
