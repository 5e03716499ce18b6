"""The starter workshop themes every programme begins with, and the smaller spaces for change.

Each theme is tied to a Change Model component and suggests an agenda. A programme keeps its own
editable copies (`models.Theme`); planning a series copies a theme's title and agenda into each
session, where the facilitator changes them freely.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class StarterTheme:
    key: str
    title: str
    component: str
    agenda: str


THEMES: tuple[StarterTheme, ...] = (
    StarterTheme(
        "vision",
        "A clear vision and shared purpose",
        "purpose",
        "Why this matters to the people we serve\nWhat each partner hopes for, and fears\n"
        "A first draft of our shared purpose in our own words",
    ),
    StarterTheme(
        "strategy",
        "Strategy, plans and leadership for large-scale change",
        "leadership",
        "Who leads, at every level and in every organisation\nThe few themes that will carry the change\n"
        "Who gives permission, and how we will ask for it",
    ),
    StarterTheme(
        "narrative",
        "Engaging people through a story worth telling",
        "engagement",
        "The story of the change as a patient or carer would tell it\nWho we have not reached yet\n"
        "Where and how we will tell it next",
    ),
    StarterTheme(
        "data",
        "Better decisions with data",
        "measurement",
        "The few measures that tell us whether things are better\nReading run and control charts together\n"
        "What the data is telling us now",
    ),
    StarterTheme(
        "value",
        "Understanding value",
        "system_drivers",
        "What the change costs and what it releases\nBenefits we can bank and benefits we cannot\n"
        "The assumptions behind our value case",
    ),
    StarterTheme(
        "tailored",
        "A session shaped around what the alliance needs",
        "methodology",
        "What the alliance asked for\nWhat we will try before the next session",
    ),
)
THEMES_BY_KEY = {theme.key: theme for theme in THEMES}
THEME_CHOICES = [(t.key, t.title) for t in THEMES]


class Kind(models.TextChoices):
    WORKSHOP = "workshop", "Workshop"
    HUDDLE = "huddle", "Huddle"
    DEBRIEF = "debrief", "Learning debrief"
    PEER_ASSIST = "peer_assist", "Peer assist"
    ACTION_LEARNING = "action_learning", "Action-learning set"


SMALL_SPACES = (Kind.HUDDLE, Kind.DEBRIEF, Kind.PEER_ASSIST, Kind.ACTION_LEARNING)
