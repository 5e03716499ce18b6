from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "mobilise.stories"
    label = "stories"
    verbose_name = "Stories and the programme's narrative"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable
        from mobilise.workspace.panels import register_home_panel, register_item_panel

        from .contributions import similar_work_panel, story_panel
        from .models import Story
        from .sharing import register as register_library_items

        register_home_panel(20, story_panel)
        register_item_panel(10, similar_work_panel)
        register_library_items()
        register_binnable("story", Story)
