from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "mobilise.library"
    label = "library"
    verbose_name = "Shared library and search"

    def ready(self) -> None:
        from mobilise.programmes.roles import register_open_to_read

        from .examples import is_worked_example

        register_open_to_read(is_worked_example)
