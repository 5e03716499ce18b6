"""The driver diagram's layout and picture, as pure functions (no database)."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from types import SimpleNamespace as Row
from xml.etree import ElementTree

from mobilise.improvement.layout import COLUMN_WIDTH, MAX_LINES, Box, layout_diagram, wrap
from mobilise.improvement.svg import render_svg
from mobilise.improvement.tree import Tree, build_tree, csv_rows

LONG = "Make sure every person leaving hospital has a named care coordinator who visits within two days"


def big_tree(primaries: int = 6, secondaries_each: int = 5, ideas: int = 164) -> Tree:
    drivers, links = [], []
    pk = 1
    secondary_ids = []
    for p in range(primaries):
        primary = pk
        drivers.append(Row(pk=primary, parent_id=None, kind="primary", title=f"Primary {p} {LONG}"))
        pk += 1
        for s in range(secondaries_each):
            drivers.append(Row(pk=pk, parent_id=primary, kind="secondary", title=f"Secondary {p}.{s}"))
            secondary_ids.append(pk)
            pk += 1
    idea_rows = [
        Row(pk=1000 + i, title=f"Idea {i} " + ("with a long title " * (i % 4))) for i in range(ideas)
    ]
    for i, idea in enumerate(idea_rows):
        links.append((idea.pk, secondary_ids[i % len(secondary_ids)]))
        if i % 5 == 0:
            links.append((idea.pk, secondary_ids[(i + 7) % len(secondary_ids)]))
    return build_tree(drivers, idea_rows, links)


def overlaps(a: Box, b: Box) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def test_a_200_node_diagram_is_laid_out_with_no_boxes_overlapping() -> None:
    tree = big_tree()
    assert tree.node_count == 200
    layout = layout_diagram("Fewer falls at home", tree)
    assert len(layout.boxes) == 201  # every driver and change idea once, plus the aim
    assert not [(a.key, b.key) for a, b in combinations(layout.boxes, 2) if overlaps(a, b)]
    assert all(b.x >= 0 and b.x + b.width <= layout.width for b in layout.boxes)
    assert all(b.y >= 0 and b.y + b.height <= layout.height for b in layout.boxes)


def test_the_columns_run_left_to_right_from_the_aim_to_the_change_ideas() -> None:
    layout = layout_diagram("Aim", big_tree(2, 2, 6))
    x_of = {
        kind: {b.x for b in layout.boxes if b.kind == kind}
        for kind in ("aim", "primary", "secondary", "idea")
    }
    assert all(len(xs) == 1 for xs in x_of.values())
    xs = [x_of[k].pop() for k in ("aim", "primary", "secondary", "idea")]
    assert xs == sorted(xs) and len(set(xs)) == 4
    assert [h.text for h in layout.headings] == [
        "Aim",
        "Primary drivers",
        "Secondary drivers",
        "Change ideas",
    ]


def test_a_change_idea_with_two_parents_is_drawn_once_with_a_connector_from_each() -> None:
    drivers = [
        Row(pk=1, parent_id=None, kind="primary", title="P"),
        Row(pk=2, parent_id=1, kind="secondary", title="S1"),
        Row(pk=3, parent_id=1, kind="secondary", title="S2"),
    ]
    tree = build_tree(drivers, [Row(pk=9, title="Shared idea")], [(9, 2), (9, 3)])
    layout = layout_diagram("Aim", tree)
    assert [b.key for b in layout.boxes].count("idea-9") == 1
    assert Counter(e.target for e in layout.edges)["idea-9"] == 2
    assert {e.source for e in layout.edges if e.target == "idea-9"} == {"driver-2", "driver-3"}


def test_long_labels_wrap_to_the_box_and_stop_with_an_ellipsis() -> None:
    lines = wrap(LONG * 3)
    assert len(lines) == MAX_LINES and lines[-1].endswith("…")
    assert all(len(line) <= 28 for line in lines)
    assert wrap("Supercalifragilisticexpialidociousnessmeasures ok")[0] == "Supercalifragilisticexpialid"
    box = layout_diagram(LONG, build_tree([], [], [])).boxes[0]
    assert box.width == COLUMN_WIDTH and len(box.lines) > 1


def test_an_empty_diagram_shows_just_the_aim() -> None:
    layout = layout_diagram("Fewer falls", build_tree([], [], []))
    assert [b.kind for b in layout.boxes] == ["aim"] and layout.edges == ()


def test_the_svg_names_itself_and_escapes_what_people_typed() -> None:
    drivers = [Row(pk=1, parent_id=None, kind="primary", title="<script>alert(1)</script> & more")]
    svg = render_svg(
        layout_diagram("Aim", build_tree(drivers, [], [])),
        title="Driver diagram: A & B",
        description="The outline lists it as text.",
    )
    root = ElementTree.fromstring(svg)  # well-formed XML, so it opens as a file too
    assert root.get("role") == "img"
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Driver diagram: A & B"  # type: ignore[union-attr]
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_csv_rows_give_one_row_per_path_including_bare_drivers() -> None:
    drivers = [
        Row(pk=1, parent_id=None, kind="primary", title="P1"),
        Row(pk=2, parent_id=1, kind="secondary", title="S1"),
        Row(pk=3, parent_id=1, kind="secondary", title="S2"),
        Row(pk=4, parent_id=None, kind="primary", title="P2"),
    ]
    ideas = [Row(pk=7, title="Shared"), Row(pk=8, title="Alone")]
    rows = csv_rows("Aim", build_tree(drivers, ideas, [(7, 2), (7, 3)]))
    assert rows == [
        ("Aim", "P1", "S1", "Shared"),
        ("Aim", "P1", "S2", "Shared"),
        ("Aim", "P2", "", ""),
        ("Aim", "", "", "Alone"),
    ]
