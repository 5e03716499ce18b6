from django.apps import AppConfig


class BoardpaperConfig(AppConfig):
    name = "mobilise.boardpaper"
    label = "boardpaper"
    verbose_name = "Board papers"

    def ready(self) -> None:
        from mobilise.workspace.board import register_board_section
        from mobilise.workspace.panels import register_home_panel

        from .content import open_tensions
        from .contributions import home_panel

        register_board_section(30, open_tensions)
        register_home_panel(70, home_panel)
