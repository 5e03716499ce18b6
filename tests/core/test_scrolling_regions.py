"""A table that scrolls sideways on a phone must be reachable by keyboard and named, or someone
without a mouse cannot read its hidden columns (axe: scrollable-region-focusable)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCROLLING = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\b(?:mobilise-scroll|improvement-picture)\b[^>]*>")


def test_every_scrolling_box_takes_focus_and_says_what_it_holds() -> None:
    found = []
    missing = []
    named = re.compile(r'aria-label="[^"]+"')
    for path in (ROOT / "mobilise").rglob("*.jinja"):
        text = path.read_text(encoding="utf-8")
        for match in SCROLLING.finditer(text):
            tag = match.group(0)
            found.append(tag)
            if not ('tabindex="0"' in tag and 'role="region"' in tag and named.search(tag)):
                line = text.count("\n", 0, match.start()) + 1
                missing.append(f"{path.relative_to(ROOT)}:{line}: {tag}")
    assert len(found) >= 10, "the scrolling tables should still be found by this check"
    advice = 'Give each scrolling box tabindex="0", role="region" and an aria-label:'
    assert not missing, "\n".join([advice, *missing])
