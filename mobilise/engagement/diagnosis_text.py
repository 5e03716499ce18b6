"""Plain-English words for the engine's diagnosis labels and network measures."""

from __future__ import annotations

DIAGNOSES: dict[str, tuple[str, str]] = {
    "fragmented": (
        "Fragmented: the network falls into separate pieces",
        "Some groups of people have no route to each other at all, so ideas and help cannot travel "
        "between them.",
    ),
    "hub_dependent": (
        "Hub-dependent: a few people hold it together",
        "Most connections run through a small number of people. If they are busy, ill or move on, "
        "the network loses its reach.",
    ),
    "chain_like": (
        "Chain-like: people linked one after another",
        "Many people are the only link between one part of the network and the next, and they do not "
        "belong to a close-knit group that could work around them. Ideas travel slowly and one person "
        "leaving can cut the network in two. This is the pattern seen in systems that struggled to "
        "improve.",
    ),
    "siloed": (
        "Siloed: close-knit groups that rarely connect",
        "People are well connected within their own groups, often their own teams or organisations, "
        "but very few ties join one group to another, so good practice stays where it started.",
    ),
    "distributed": (
        "Distributed and well connected",
        "Connections are spread widely: no one person holds it together, nobody's leaving would split "
        "it, and there are short routes between people across groups and organisations. This is the "
        "pattern seen in systems that improved the most.",
    ),
    "mixed": (
        "Mixed: no single pattern stands out",
        "The network has some strengths and some weak spots, with no one pattern strong enough to name.",
    ),
}

# (label, what it tells you, is a count that small-number suppression applies to): the measures
# shown, in this order. Counts of groups (separate pieces, communities) are not counts of people and
# give nobody away, so they are always shown.
MEASURES: dict[str, tuple[str, str, bool]] = {
    "people": ("People", "Everyone in the network, including people named who did not answer.", True),
    "ties": ("Ties", "Links between two people, counted once whichever way they were named.", True),
    "density": ("Density", "The share of all possible ties that exist.", False),
    "mean_degree": ("Average contacts", "How many people each person is tied to, on average.", False),
    "reciprocity": ("Returned ties", "The share of answers that were named back.", False),
    "components": ("Separate pieces", "Groups with no route between them.", False),
    "largest_component_share": (
        "In the main group",
        "The share of people in the largest connected group.",
        False,
    ),
    "isolates": ("Isolated people", "People with no ties at all.", True),
    "degree_centralisation": (
        "Reliance on hubs",
        "Low when contacts are spread evenly; high when one person is tied to nearly everyone.",
        False,
    ),
    "betweenness_centralisation": (
        "Reliance on go-betweens",
        "Low when routes are spread; high when nearly every route runs through one person.",
        False,
    ),
    "average_path_length": (
        "Average steps apart",
        "How many steps separate two people in the main group, on average.",
        False,
    ),
    "diameter": ("Furthest apart", "The most steps between any two people in the main group.", False),
    "global_efficiency": (
        "Efficiency",
        "How easily ideas can travel between everyone: higher is better.",
        False,
    ),
    "transitivity": ("Clustering", "How often two of a person's contacts also know each other.", False),
    "two_core_share": (
        "In the well-knit core",
        "The share of people with at least two ties inside the core.",
        False,
    ),
    "degeneracy": (
        "Depth of the core",
        "In the most tightly knit group, everyone has at least this many ties to others in it.",
        False,
    ),
    "articulation_points": (
        "Single points of failure",
        "People whose leaving would split the network.",
        True,
    ),
    "non_pendant_bridges": (
        "Fragile links",
        "Ties that are the only link between two parts of the network.",
        True,
    ),
    "chain_links": (
        "Links in a chain",
        "People who are the only route between parts of the network and belong to no close-knit group.",
        True,
    ),
    "algebraic_connectivity": (
        "Robustness",
        "How hard the main group is to cut in two: higher is sturdier.",
        False,
    ),
    "communities": ("Communities", "Groups more tied among themselves than to others.", False),
    "modularity": ("Separateness of communities", "How strongly the network splits into communities.", False),
    "cross_organisation_tie_share": (
        "Ties across organisations",
        "The share of ties joining people from different organisations.",
        False,
    ),
}
