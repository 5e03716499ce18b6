"""The variation and assurance icons, drawn simply for Mobilise, each always shown with a text label.

Symbols are defined once per page (``symbol_definitions``) and used by reference, so a dashboard
of 200 measures stays small.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from .sentences import ASSURANCE_LABELS, VARIATION_LABELS
from .style import COMMON, CONCERN, IMPROVEMENT, INK, NEUTRAL

_VARIATION_COLOURS = {
    "common_cause": COMMON,
    "improvement_high": IMPROVEMENT,
    "improvement_low": IMPROVEMENT,
    "concern_high": CONCERN,
    "concern_low": CONCERN,
    "neutral_high": NEUTRAL,
    "neutral_low": NEUTRAL,
}
_ASSURANCE_COLOURS = {"consistent_pass": IMPROVEMENT, "consistent_fail": CONCERN, "inconsistent": COMMON}
_UP = '<path d="M20 9 L26 17 H22.5 V27 H17.5 V17 H14 Z" fill="{ink}"/>'
_DOWN = '<path d="M20 31 L26 23 H22.5 V13 H17.5 V23 H14 Z" fill="{ink}"/>'
_WAVE = '<path d="M9 22 q3.7 -8 7.3 0 t7.3 0 t7.3 0" fill="none" stroke="{ink}" stroke-width="2.4"/>'


def _ring(colour: str) -> str:
    return f'<circle cx="20" cy="20" r="17" fill="#ffffff" stroke="{colour}" stroke-width="5"/>'


def _letter(text: str, size: int = 15) -> str:
    return (
        f'<text x="20" y="{20 + size * 0.37:.1f}" text-anchor="middle" font-family="Arial, sans-serif" '
        f'font-size="{size}" '
        f'font-weight="bold" fill="{INK}">{text}</text>'
    )


def _variation_body(icon: str) -> str:
    colour = _VARIATION_COLOURS[icon]
    if icon == "common_cause":
        return _ring(colour) + _WAVE.format(ink=INK)
    arrow = _UP if icon.endswith("_high") else _DOWN
    return _ring(colour) + arrow.format(ink=colour if icon.startswith("neutral") else INK)


def _assurance_body(icon: str) -> str:
    colour = _ASSURANCE_COLOURS[icon]
    if icon == "inconsistent":
        return _ring(colour) + _letter("P/F", size=11)
    return _ring(colour) + _letter("P" if icon == "consistent_pass" else "F")


def symbol_definitions() -> Markup:
    """Hidden SVG holding every icon once; include it once per page."""
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0" class="mobilise-icon-sprite" '
        'aria-hidden="true" focusable="false">'
    ]
    for icon in VARIATION_LABELS:
        parts.append(
            f'<symbol id="mdc-variation-{icon}" viewBox="0 0 40 40">{_variation_body(icon)}</symbol>'
        )
    for icon in ASSURANCE_LABELS:
        parts.append(
            f'<symbol id="mdc-assurance-{icon}" viewBox="0 0 40 40">{_assurance_body(icon)}</symbol>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _use(kind: str, icon: str, label: str, size: int) -> Markup:
    # The label beside the icon carries the meaning, so the drawing itself is hidden from screen readers.
    return Markup(
        f'<span class="measurement-icon"><svg width="{size}" height="{size}" viewBox="0 0 40 40" '
        f'aria-hidden="true" focusable="false"><use href="#mdc-{kind}-{icon}"/></svg>'
        f'<span class="measurement-icon__label">{escape(label)}</span></span>'
    )


def variation_icon(icon: str | None, size: int = 32) -> Markup:
    if icon not in VARIATION_LABELS:
        return Markup('<span class="measurement-icon measurement-icon--none">No variation icon</span>')
    return _use("variation", icon, VARIATION_LABELS[icon], size)


def assurance_icon(icon: str | None, size: int = 32, *, has_target: bool = True) -> Markup:
    if icon not in ASSURANCE_LABELS:
        text = "No assurance icon" if has_target else "No target"
        return Markup(f'<span class="measurement-icon measurement-icon--none">{text}</span>')
    return _use("assurance", icon, ASSURANCE_LABELS[icon], size)
