from django.apps import AppConfig


class BoardpaperConfig(AppConfig):
    name = "mobilise.boardpaper"
    label = "boardpaper"
    verbose_name = "Board papers"

    def ready(self) -> None:
        pass
