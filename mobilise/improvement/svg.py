"""The driver diagram as a standalone SVG document, drawn from a `Layout`.

Pure functions, no Django. Styling uses presentation attributes, not page CSS, so the same
markup works inline on the page and as a downloaded file. The picture is one image to
assistive technology (`role="img"` with a title and description); the outline on the page is
its text equivalent.
"""

from __future__ import annotations

from html import escape

from .layout import FONT_SIZE, LINE_HEIGHT, PADDING, Layout

# Fill and border per kind of box; the column headings say the kind in words too.
STYLES: dict[str, tuple[str, str]] = {
    "aim": ("#005eb8", "#003087"),
    "primary": ("#e8edee", "#425563"),
    "secondary": ("#ffffff", "#425563"),
    "idea": ("#fff9c4", "#7a6b00"),
}
TEXT_COLOURS = {"aim": "#ffffff"}


def render_svg(layout: Layout, *, title: str, description: str, element_id: str = "driver-diagram") -> str:
    width, height = f"{layout.width:.0f}", f"{layout.height:.0f}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{element_id}-title {element_id}-desc" '
        f'id="{element_id}" font-family="Frutiger W01, Arial, sans-serif" font-size="{FONT_SIZE}">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(description)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    parts += [
        f'<text x="{h.x:.1f}" y="32" font-weight="bold" font-size="16" fill="#212b32">{escape(h.text)}</text>'
        for h in layout.headings
    ]
    parts.append('<g fill="none" stroke="#768692" stroke-width="1.5">')
    parts += [f'<path d="{edge.path}"/>' for edge in layout.edges]
    parts.append("</g>")
    for box in layout.boxes:
        fill, stroke = STYLES[box.kind]
        colour = TEXT_COLOURS.get(box.kind, "#212b32")
        parts.append(
            f"<g><title>{escape(box.title)}</title>"
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" height="{box.height:.1f}" '
            f'rx="4" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
            f'<text fill="{colour}">'
        )
        for index, line in enumerate(box.lines):
            baseline = box.y + PADDING + (index + 1) * LINE_HEIGHT - 4
            parts.append(f'<tspan x="{box.x + PADDING:.1f}" y="{baseline:.1f}">{escape(line)}</tspan>')
        parts.append("</text></g>")
    parts.append("</svg>")
    return "".join(parts)
