from django.apps import AppConfig


class PdsaConfig(AppConfig):
    name = "mobilise.pdsa"
    label = "pdsa"
    verbose_name = "Tests of change"
