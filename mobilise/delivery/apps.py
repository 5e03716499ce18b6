from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "mobilise.delivery"
    label = "delivery"
    verbose_name = "Delivery: leads, actions, risks and agreements"

    def ready(self) -> None:
        pass
