from django.apps import AppConfig


class AdoptionConfig(AppConfig):
    name = "mobilise.adoption"
    label = "adoption"
    verbose_name = "Spread: sites and adoption"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from mobilise.core.bin import register_binnable
        from mobilise.pdsa.models import TestOfChange
        from mobilise.workspace.linked import register_linked_work
        from mobilise.workspace.panels import register_component_panel

        from .links import COMPONENT, component_panel, linked, on_test_saved
        from .models import Practice, Site, SiteMeasure, StageChange

        register_binnable("spread_site", Site)
        register_binnable("spread_practice", Practice)
        register_binnable("spread_measure", SiteMeasure)
        register_binnable("spread_stage", StageChange)
        register_linked_work(COMPONENT, linked)
        register_component_panel(60, component_panel)
        # A test of change that ends "adopt" at a site moves the site to adopted (see services).
        post_save.connect(on_test_saved, sender=TestOfChange, dispatch_uid="adoption-adopt-from-test")
