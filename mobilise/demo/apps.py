from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "mobilise.demo"
    label = "demo"
    verbose_name = "Demo data"
