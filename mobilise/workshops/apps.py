from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "mobilise.workshops"
    label = "workshops"
    verbose_name = "Workshops, feedback and evaluation"

    def ready(self) -> None:
        pass
