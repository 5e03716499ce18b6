from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mobilise.core"
    label = "core"
    verbose_name = "Mobilise core"

    def ready(self) -> None:
        from .sessions import connect_audit

        connect_audit()
