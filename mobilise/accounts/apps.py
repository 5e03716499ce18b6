from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mobilise.accounts"
    label = "accounts"
    verbose_name = "People and organisations"
