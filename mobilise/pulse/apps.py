from django.apps import AppConfig


class PulseConfig(AppConfig):
    name = "mobilise.pulse"
    label = "pulse"
    verbose_name = "Pulse: energy, belonging and agency"

    def ready(self) -> None:
        pass
