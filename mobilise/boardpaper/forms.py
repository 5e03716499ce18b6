"""The convenor's words for the next paper."""

from __future__ import annotations

from django import forms

from mobilise.pdsa.fields import TextBlock


class DraftForm(forms.Form):
    title = forms.CharField(
        label="Title (optional)",
        max_length=200,
        required=False,
        strip=True,
        help_text="Leave blank for “(programme): report to the programme board”.",
        error_messages={"max_length": "The title must be 200 characters or fewer"},
    )
    narrative = TextBlock(
        label="Covering note",
        max_length=6000,
        short_name="The covering note",
        help_text="A few short paragraphs, in your own words: what has changed, and what worries you. "
        "Leave a blank line between paragraphs.",
    )
    asks = TextBlock(
        label="The board is asked to",
        max_length=3000,
        short_name="What the board is asked to do",
        help_text="One request a line, like “agree to fund two more sites”.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
