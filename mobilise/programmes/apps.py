from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "mobilise.programmes"
    label = "programmes"
    verbose_name = "Programmes"
