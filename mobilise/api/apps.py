from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mobilise.api"
    label = "api"
    verbose_name = "API: personal access tokens and the REST API"
