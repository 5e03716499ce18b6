"""Give every existing programme the six starter themes, and link sessions planned from them.

The themes are written out here, not imported, so later edits to the starters change only new
programmes. No history rows are written: the themes' history starts with their first edit.
"""

from typing import Any

from django.db import migrations

STARTERS = (
    (
        "vision",
        "A clear vision and shared purpose",
        "purpose",
        "Why this matters to the people we serve\nWhat each partner hopes for, and fears\n"
        "A first draft of our shared purpose in our own words",
    ),
    (
        "strategy",
        "Strategy, plans and leadership for large-scale change",
        "leadership",
        "Who leads, at every level and in every organisation\nThe few themes that will carry the change\n"
        "Who gives permission, and how we will ask for it",
    ),
    (
        "narrative",
        "Engaging people through a story worth telling",
        "engagement",
        "The story of the change as a patient or carer would tell it\nWho we have not reached yet\n"
        "Where and how we will tell it next",
    ),
    (
        "data",
        "Better decisions with data",
        "measurement",
        "The few measures that tell us whether things are better\nReading run and control charts together\n"
        "What the data is telling us now",
    ),
    (
        "value",
        "Understanding value",
        "system_drivers",
        "What the change costs and what it releases\nBenefits we can bank and benefits we cannot\n"
        "The assumptions behind our value case",
    ),
    (
        "tailored",
        "A session shaped around what the alliance needs",
        "methodology",
        "What the alliance asked for\nWhat we will try before the next session",
    ),
)


def add_themes(apps: Any, schema_editor: Any) -> None:
    Programme = apps.get_model("programmes", "Programme")
    Theme = apps.get_model("workshops", "Theme")
    Session = apps.get_model("workshops", "Session")
    has_themes = set(Theme.objects.values_list("programme_id", flat=True).distinct())
    for programme_id in Programme.objects.exclude(pk__in=has_themes).values_list("pk", flat=True):
        made = Theme.objects.bulk_create(
            Theme(
                programme_id=programme_id,
                key=key,
                title=title,
                component=component,
                agenda=agenda,
                position=i,
            )
            for i, (key, title, component, agenda) in enumerate(STARTERS)
        )
        for theme in made:
            if theme.pk is None:  # a database that does not return ids from bulk inserts
                theme = Theme.objects.get(programme_id=programme_id, key=theme.key)
            Session.objects.filter(programme_id=programme_id, theme=theme.key, planned_from=None).update(
                planned_from=theme
            )


class Migration(migrations.Migration):
    dependencies = [("workshops", "0003_themes")]

    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
