from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "mobilise.workshops"
    label = "workshops"
    verbose_name = "Workshops, feedback and evaluation"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable
        from mobilise.pdsa.wall_learning import register_wall_learning
        from mobilise.programmes.services import register_programme_starter
        from mobilise.workspace.board import register_board_section
        from mobilise.workspace.panels import register_home_panel

        from .contributions import board_section, home_panel, wall_learning
        from .models import Evaluation, Series, Session, ValueCase
        from .services import themes_start

        register_binnable("workshop_series", Series)
        register_binnable("workshop_session", Session)
        register_binnable("programme_evaluation", Evaluation)
        register_binnable("value_case", ValueCase)
        register_home_panel(60, home_panel)
        register_wall_learning(wall_learning)
        register_board_section(40, board_section)
        register_programme_starter(themes_start)
