from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "mobilise.workshops"
    label = "workshops"
    verbose_name = "Workshops, feedback and evaluation"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable
        from mobilise.workspace.panels import register_home_panel

        from .contributions import home_panel
        from .models import Evaluation, Series, Session

        register_binnable("workshop_series", Series)
        register_binnable("workshop_session", Session)
        register_binnable("programme_evaluation", Evaluation)
        register_home_panel(60, home_panel)
