"""The starter questions: plain English, one idea each, answerable in a few seconds on a phone."""

from __future__ import annotations

from .models import Kind, Theme

# (key, theme, kind, text, asked by default)
STARTER: tuple[tuple[str, str, str, str, bool], ...] = (
    (
        "physical",
        Theme.ENERGY,
        Kind.SCALE,
        "I have the physical energy to give to this work right now.",
        True,
    ),
    (
        "intellectual",
        Theme.ENERGY,
        Kind.SCALE,
        "This work gets me thinking: I can see ways to make it better.",
        True,
    ),
    ("emotional", Theme.ENERGY, Kind.SCALE, "I feel hopeful about where this change is heading.", True),
    (
        "spiritual",
        Theme.ENERGY,
        Kind.SCALE,
        "This change connects with why I chose to work in health and care.",
        True,
    ),
    (
        "belonging",
        Theme.BELONGING,
        Kind.SCALE,
        "I feel part of this change: it is ours, not someone else's.",
        True,
    ),
    (
        "valued",
        Theme.BELONGING,
        Kind.SCALE,
        "What makes me different is welcomed here, not just put up with.",
        True,
    ),
    ("agency", Theme.AGENCY, Kind.SCALE, "I have permission and the power to act on this.", True),
    (
        "commitment",
        Theme.COMMITMENT,
        Kind.SCALE,
        "I take part because I want to, not because I have been told to.",
        True,
    ),
    ("values", Theme.VALUES, Kind.SCALE, "The values we talk about are the values we act on.", True),
    ("help", Theme.COMMENT, Kind.TEXT, "What would help you right now?", True),
    ("worries", Theme.COMMENT, Kind.TEXT, "What worries you about this change?", False),
)
ENERGIES = ("physical", "intellectual", "emotional", "spiritual")
SHORT_NAMES = {
    "physical": "Physical energy",
    "intellectual": "Intellectual energy",
    "emotional": "Emotional energy",
    "spiritual": "Spiritual energy",
    "belonging": "Belonging",
    "valued": "Difference valued",
    "agency": "Agency",
    "commitment": "Commitment",
    "values": "Values lived",
    "help": "What would help",
    "worries": "What worries people",
}
SCALE_LABELS = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither agree nor disagree",
    4: "Agree",
    5: "Strongly agree",
}
