from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "mobilise.delivery"
    label = "delivery"
    verbose_name = "Delivery: leads, actions, risks and agreements"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable
        from mobilise.purpose.orientation import register_orientation_section
        from mobilise.workspace.board import register_board_section
        from mobilise.workspace.linked import register_linked_work
        from mobilise.workspace.panels import (
            HomeColumn,
            register_component_panel,
            register_home_column,
            register_home_panel,
        )

        from . import contributions
        from .models import Action, Agreement, Milestone, Review, Risk, SystemDriver

        register_binnable("action", Action)
        register_binnable("risk", Risk)
        register_binnable("agreement", Agreement)
        register_binnable("system_driver", SystemDriver)
        register_binnable("review", Review)
        register_binnable("milestone", Milestone)
        register_home_panel(100, contributions.home_panel)
        register_home_panel(101, contributions.review_panel)
        register_component_panel(100, contributions.component_panel)
        register_home_column(100, HomeColumn("Led by", contributions.lead_cells))
        register_linked_work("leadership", contributions.leadership_work)
        register_linked_work("delivery", contributions.delivery_work)
        register_linked_work("system_drivers", contributions.drivers_work)
        register_board_section(20, contributions.board_risks)
        register_board_section(25, contributions.board_agreements)
        register_orientation_section(20, contributions.orientation_leads)
