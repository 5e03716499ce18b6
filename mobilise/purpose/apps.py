from django.apps import AppConfig


class PurposeConfig(AppConfig):
    name = "mobilise.purpose"
    label = "purpose"
    verbose_name = "Shared purpose"

    def ready(self) -> None:
        from mobilise.programmes.attention import register_attention
        from mobilise.programmes.services import register_programme_starter
        from mobilise.workspace.activity import register_change_source
        from mobilise.workspace.panels import register_home_panel
        from mobilise.workspace.presenters import register_purpose_reader

        from .audiences import start_word_sets
        from .contributions import orientation_panel, purpose_attention, purpose_changes, purpose_statement

        register_attention(10, purpose_attention)
        register_purpose_reader(purpose_statement)
        register_change_source(purpose_changes)
        register_home_panel(5, orientation_panel)
        register_programme_starter(start_word_sets)
