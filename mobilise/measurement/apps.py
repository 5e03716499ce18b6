from django.apps import AppConfig


class MeasurementConfig(AppConfig):
    name = "mobilise.measurement"
    label = "measurement"
    verbose_name = "Transparent measurement"
