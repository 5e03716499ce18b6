"""Where each box and connector of a driver diagram goes, laid out left to right.

Pure functions, no Django. Four columns: the aim, primary drivers, secondary drivers and change
ideas. Each secondary driver gets a band tall enough for the change ideas first drawn beside
it; each primary driver a band tall enough for its secondary drivers. A change idea that serves
several secondary drivers is drawn once, beside the first of them, with a connector from each.
Bands never overlap, so neither do boxes; the aim sits in the middle of everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tree import IdeaNode, Tree

COLUMN_WIDTH = 230
COLUMN_GAP = 70
MARGIN = 16
HEADING_HEIGHT = 44
FONT_SIZE = 14
LINE_HEIGHT = 18
PADDING = 8
GAP = 10
BAND_GAP = 22
CHARS_PER_LINE = 28
MAX_LINES = 6
COLUMN_HEADINGS = ("Aim", "Primary drivers", "Secondary drivers", "Change ideas")
KINDS = ("aim", "primary", "secondary", "idea")


@dataclass(frozen=True)
class Box:
    key: str
    kind: str
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    title: str

    @property
    def right_middle(self) -> tuple[float, float]:
        return (self.x + self.width, self.y + self.height / 2)

    @property
    def left_middle(self) -> tuple[float, float]:
        return (self.x, self.y + self.height / 2)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    path: str


@dataclass(frozen=True)
class Heading:
    x: float
    text: str


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    headings: tuple[Heading, ...]


def wrap(text: str, width: int = CHARS_PER_LINE, max_lines: int = MAX_LINES) -> tuple[str, ...]:
    """Break text into lines of at most `width` characters at spaces (long words are split);
    if it needs more than `max_lines`, the last line ends with …."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return tuple(lines) or ("",)


def box_height(lines: tuple[str, ...]) -> float:
    return len(lines) * LINE_HEIGHT + 2 * PADDING


def column_x(index: int) -> float:
    return MARGIN + index * (COLUMN_WIDTH + COLUMN_GAP)


def connector(start: tuple[float, float], end: tuple[float, float]) -> str:
    """A smooth S-shaped path from the right side of one box to the left side of the next."""
    (x1, y1), (x2, y2) = start, end
    middle = (x1 + x2) / 2
    return f"M{x1:.1f},{y1:.1f} C{middle:.1f},{y1:.1f} {middle:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"


class _Builder:
    def __init__(self) -> None:
        self.boxes: dict[str, Box] = {}

    def place(self, key: str, kind: str, title: str, y: float) -> Box:
        lines = wrap(title)
        box = Box(key, kind, column_x(KINDS.index(kind)), y, COLUMN_WIDTH, box_height(lines), lines, title)
        self.boxes[key] = box
        return box


def _idea_key(idea: IdeaNode) -> str:
    return f"idea-{idea.pk}"


def layout_diagram(aim: str, tree: Tree) -> Layout:
    """Boxes, connectors and column headings for the whole diagram, in SVG user units."""
    builder = _Builder()
    placed: set[int] = set()
    top: float = MARGIN + HEADING_HEIGHT
    cursor = top

    def place_ideas(ideas: list[IdeaNode], y: float) -> float:
        """Draw the ideas not drawn yet, stacked from `y`; return where the stack ends."""
        end = y
        for idea in ideas:
            if idea.pk in placed:
                continue
            placed.add(idea.pk)
            box = builder.place(_idea_key(idea), "idea", idea.title, end)
            end = box.y + box.height + GAP
        return end

    for primary in tree.primaries:
        band_top = cursor
        inner = band_top
        for secondary in primary.secondaries:
            box = builder.place(f"driver-{secondary.pk}", "secondary", secondary.title, inner)
            ideas_end = place_ideas(secondary.ideas, inner)
            inner = max(box.y + box.height + GAP, ideas_end)
        primary_box = builder.place(f"driver-{primary.pk}", "primary", primary.title, band_top)
        band_height = max(inner - GAP - band_top, primary_box.height)
        # Centre the primary driver beside its secondary drivers.
        centred = band_top + (band_height - primary_box.height) / 2
        builder.boxes[primary_box.key] = _moved(primary_box, centred)
        cursor = band_top + band_height + BAND_GAP

    if tree.unlinked_ideas:
        cursor = place_ideas(tree.unlinked_ideas, cursor) - GAP + BAND_GAP

    content_bottom = max(cursor - BAND_GAP, top)
    aim_box = builder.place("aim", "aim", aim, top)
    centred = top + max((content_bottom - top - aim_box.height) / 2, 0)
    aim_box = _moved(aim_box, centred)
    builder.boxes["aim"] = aim_box

    edges = _edges(tree, builder.boxes)
    height = max(content_bottom, aim_box.y + aim_box.height) + MARGIN
    width = column_x(len(KINDS) - 1) + COLUMN_WIDTH + MARGIN
    headings = tuple(Heading(column_x(i), text) for i, text in enumerate(COLUMN_HEADINGS))
    order = {"aim": 0, "primary": 1, "secondary": 2, "idea": 3}
    boxes = tuple(sorted(builder.boxes.values(), key=lambda b: (order[b.kind], b.y)))
    return Layout(width=width, height=height, boxes=boxes, edges=edges, headings=headings)


def _moved(box: Box, y: float) -> Box:
    return Box(box.key, box.kind, box.x, y, box.width, box.height, box.lines, box.title)


def _edges(tree: Tree, boxes: dict[str, Box]) -> tuple[Edge, ...]:
    edges: list[Edge] = []

    def join(source: str, target: str) -> None:
        edges.append(Edge(source, target, connector(boxes[source].right_middle, boxes[target].left_middle)))

    for primary in tree.primaries:
        join("aim", f"driver-{primary.pk}")
        for secondary in primary.secondaries:
            join(f"driver-{primary.pk}", f"driver-{secondary.pk}")
            for idea in secondary.ideas:
                join(f"driver-{secondary.pk}", _idea_key(idea))
    return tuple(edges)
