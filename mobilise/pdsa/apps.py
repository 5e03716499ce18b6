from django.apps import AppConfig


class PdsaConfig(AppConfig):
    name = "mobilise.pdsa"
    label = "pdsa"
    verbose_name = "Tests of change"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable

        from .models import Attachment, TestOfChange

        register_binnable("test_of_change", TestOfChange)
        register_binnable("test_attachment", Attachment)
