"""Every threshold the diagnosis uses, in one place.

The diagnosis applies its rules in this order and stops at the first that fits (what each
label means for the people in the network is in ``docs/network.md``):

1. **fragmented** – the largest connected group holds fewer than
   ``fragmented_largest_component_share`` of people.
2. **hub_dependent** – degree centralisation of at least ``hub_degree_centralisation`` or
   betweenness centralisation of at least ``hub_betweenness_centralisation``: a few people
   hold the network together.
3. **chain_like** – real fragility, any of: fewer than ``chain_two_core_share`` of people in
   the 2-core (most hang off branches); no 3-core in a group of at least ``chain_min_people``
   (degeneracy at most ``chain_max_degeneracy``: the core is a thin ring or chain); at least
   ``chain_link_share`` of people being single points of failure outside every tightly knit
   group (links in a chain). Long routes alone do not make a chain.
4. **siloed** – dense groups with few ties between them, any of: at most
   ``silo_between_share`` of ties between communities while people are tied to at least
   ``silo_community_density`` of their own community on average (close-knit groups); at most
   ``silo_between_share_alone`` of ties between communities (groups that barely meet,
   however large); with two or more organisations, fewer than
   ``silo_cross_organisation_share`` of ties crossing organisations. High modularity alone
   does not make silos: a small-world network of neighbourhoods has it too.
5. **distributed** – all of: at least ``distributed_largest_component_share`` of people
   connected, degree centralisation at most ``distributed_degree_centralisation`` and
   betweenness centralisation at most ``distributed_betweenness_centralisation``, at least
   ``distributed_two_core_share`` in the 2-core, degeneracy at least
   ``distributed_min_degeneracy``, path-length ratio at most ``distributed_path_length_ratio``
   and at most ``distributed_articulation_share`` of people single points of failure.
6. **mixed** – none of the above.

Change the numbers by passing your own ``Thresholds(...)`` to :func:`analyse` or
:func:`diagnose`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_THRESHOLDS", "Thresholds"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    # Withhold the diagnosis below this survey response rate.
    min_response_rate: float = 0.70

    # 1. fragmented
    fragmented_largest_component_share: float = 0.80

    # 2. hub_dependent
    hub_degree_centralisation: float = 0.40
    hub_betweenness_centralisation: float = 0.50

    # 3. chain_like
    chain_two_core_share: float = 0.50
    chain_max_degeneracy: int = 2
    chain_min_people: int = 10
    chain_link_share: float = 0.10
    chain_long_route_ratio: float = 1.5  # routes this much longer are mentioned as evidence

    # 4. siloed
    silo_between_share: float = 0.12
    silo_community_density: float = 0.40
    silo_between_share_alone: float = 0.04
    silo_cross_organisation_share: float = 0.10

    # 5. distributed
    distributed_largest_component_share: float = 0.90
    distributed_degree_centralisation: float = 0.25
    distributed_betweenness_centralisation: float = 0.35
    distributed_two_core_share: float = 0.80
    distributed_min_degeneracy: int = 3
    distributed_path_length_ratio: float = 2.5
    distributed_articulation_share: float = 0.05

    # People
    influencer_quantile: float = 0.90  # "sought after": in-degree in the top decile ...
    influencer_min_in_degree: int = 2  # ... and named by at least this many people
    broker_quantile: float = 0.90  # brokers: betweenness in the top decile ...
    broker_constraint_quantile: float = 0.50  # ... and constraint at or below the median

    # Flags
    small_network: int = 10  # fewer people than this: treat results as indicative
    low_reciprocity: float = 0.10
    isolate_share: float = 0.05  # flag isolates above this share of people
    leaders_sought_after_quantile: float = 0.75  # formal leaders expected in the top quarter


DEFAULT_THRESHOLDS = Thresholds()
