"""Which of the eight components a piece of delivery work serves.

Stored as ",delivery,leadership," in one column, so "every action for this component" is one
indexed-free LIKE on both SQLite and PostgreSQL, and the history of a row keeps its components.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from mobilise.workspace.components import BY_KEY, COMPONENTS

ORDER = {c.key: i for i, c in enumerate(COMPONENTS)}


def pack(keys: Iterable[str]) -> str:
    chosen = sorted({k for k in keys if k in BY_KEY}, key=ORDER.__getitem__)
    return f",{','.join(chosen)}," if chosen else ""


def unpack(stored: str) -> list[str]:
    return [k for k in stored.split(",") if k in BY_KEY]


def serving(component: str) -> models.Q:
    """Rows that serve `component`."""
    return models.Q(components__contains=f",{component},")


class ComponentsMixin(models.Model):
    components = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        abstract = True

    @property
    def component_keys(self) -> list[str]:
        return unpack(self.components)

    @property
    def component_names(self) -> list[str]:
        return [BY_KEY[k].name for k in self.component_keys]


def names(keys: Iterable[str]) -> list[str]:
    return [BY_KEY[k].name for k in keys if k in BY_KEY]


def choices() -> list[tuple[str, str]]:
    return [(c.key, c.name) for c in COMPONENTS]


def any_of(values: Any) -> list[str]:
    return [v for v in values or [] if v in BY_KEY]
