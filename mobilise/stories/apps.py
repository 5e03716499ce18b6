from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "mobilise.stories"
    label = "stories"
    verbose_name = "Stories and the programme's narrative"

    def ready(self) -> None:
        pass
