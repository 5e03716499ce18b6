from django.apps import AppConfig


class PulseConfig(AppConfig):
    name = "mobilise.pulse"
    label = "pulse"
    verbose_name = "Pulse: energy, belonging and agency"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from mobilise.core.bin import register_binnable
        from mobilise.workspace.board import register_board_section
        from mobilise.workspace.panels import register_component_panel, register_home_panel

        from .cleanup import forget_history
        from .models import Pulse
        from .panels import board_section, home_panel, leadership_panel

        register_binnable("pulse", Pulse)
        post_delete.connect(forget_history, sender=Pulse, dispatch_uid="pulse.forget_history")
        register_home_panel(40, home_panel)
        register_component_panel(40, leadership_panel)
        register_board_section(50, board_section)
