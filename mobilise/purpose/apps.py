from django.apps import AppConfig


class PurposeConfig(AppConfig):
    name = "mobilise.purpose"
    label = "purpose"
    verbose_name = "Shared purpose"
