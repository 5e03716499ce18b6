from django.apps import AppConfig


class AdoptionConfig(AppConfig):
    name = "mobilise.adoption"
    label = "adoption"
    verbose_name = "Spread: sites and adoption"

    def ready(self) -> None:
        pass
