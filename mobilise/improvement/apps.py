from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "mobilise.improvement"
    label = "improvement"
    verbose_name = "Theory of change and driver diagrams"
