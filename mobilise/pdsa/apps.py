from django.apps import AppConfig


class PdsaConfig(AppConfig):
    name = "mobilise.pdsa"
    label = "pdsa"
    verbose_name = "Tests of change"

    def ready(self) -> None:
        from mobilise.core.bin import register_binnable
        from mobilise.improvement.reads import register_tests_of_change
        from mobilise.measurement.reads import register_chart_notes
        from mobilise.workspace.linked import register_linked_work

        from .contributions import TESTS_READER, methodology_work
        from .links import test_dates_for_measure
        from .models import Attachment, TestOfChange

        register_binnable("test_of_change", TestOfChange)
        register_binnable("test_attachment", Attachment)
        register_tests_of_change(TESTS_READER)
        register_chart_notes(test_dates_for_measure)
        register_linked_work("methodology", methodology_work)
