from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "mobilise.library"
    label = "library"
    verbose_name = "Shared library and search"

    def ready(self) -> None:
        pass
