"""Checks on server-drawn pictures as the browser shows them: the browser measures the real text,
which keeps the server's width estimates honest."""

from __future__ import annotations

from typing import Any

from .steps import Journey

# Each text's box in the picture's own units, and the picture's size.
TEXT_BOXES = """(svg) => {
  const box = svg.viewBox.baseVal;
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return {text: t.textContent, left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height};
  });
  return {width: box.width, height: box.height, texts};
}"""


BOX = "t => { const b = t.getBBox(); return {y: b.y, height: b.height}; }"


# How tall the words of a picture are on the screen, in CSS pixels.
SCREEN_TEXT = """(svg) => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize));
  return Math.min(...sizes) * scale;
}"""


def drawn_for_this_width(journey: Journey, width: int) -> Any:
    """The engagement chart drawn for this screen: the only one shown, with words of a readable size."""
    shown = "wide" if width > 640 else "narrow"
    picture = journey.page.locator(f"svg.engagement-chart__svg--{shown}")
    assert picture.is_visible()
    assert journey.page.locator("svg.engagement-chart__svg:visible").count() == 1
    smallest = picture.evaluate(SCREEN_TEXT)
    assert smallest >= 11, f"the chart's words are {smallest:.1f}px on a {width}px screen"
    return picture


def words_fit_and_stand_apart(picture: Any, *, apart: bool = True) -> None:
    seen = picture.evaluate(TEXT_BOXES)
    for t in seen["texts"]:
        assert t["left"] >= -0.5 and t["right"] <= seen["width"] + 0.5, f"{t['text']!r} is cut off"
        assert t["top"] >= -0.5 and t["bottom"] <= seen["height"] + 0.5, f"{t['text']!r} is cut off"
    if apart:
        texts = seen["texts"]
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                clear = (
                    a["right"] <= b["left"] + 1
                    or b["right"] <= a["left"] + 1
                    or a["bottom"] <= b["top"] + 1
                    or b["bottom"] <= a["top"] + 1
                )
                assert clear, f"{a['text']!r} and {b['text']!r} overlap"
