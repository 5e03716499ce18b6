from django.apps import AppConfig


class PulseConfig(AppConfig):
    name = "mobilise.pulse"
    label = "pulse"
    verbose_name = "Pulse: energy, belonging and agency"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable
        from mobilise.workspace.board import register_board_section
        from mobilise.workspace.panels import register_component_panel, register_home_panel

        from . import permissions  # noqa: F401  (registers the pulse permission)
        from .models import Pulse
        from .panels import board_section, home_panel, leadership_panel

        register_binnable("pulse", Pulse)
        register_home_panel(40, home_panel)
        register_component_panel(40, leadership_panel)
        register_board_section(50, board_section)
