"""Every threshold the diagnosis uses, in one place.

The diagnosis applies its rules in this order and stops at the first that fits:

1. **fragmented** – the largest connected group holds fewer than
   ``fragmented_largest_component_share`` of people.
2. **hub_dependent** – degree centralisation of at least ``hub_degree_centralisation`` or
   betweenness centralisation of at least ``hub_betweenness_centralisation``: a few people
   hold the network together.
3. **chain_like** – any of: fewer than ``chain_two_core_share`` of people in the 2-core
   (most hang off branches); no 3-core in a group of at least ``chain_min_people``
   (degeneracy at most ``chain_max_degeneracy``: the core is a thin ring or chain);
   paths at least ``chain_path_length_ratio`` times as long as a random network of the
   same size and mean degree would have; at least ``chain_bridge_share`` of ties being
   non-pendant bridges.
4. **siloed** – modularity of at least ``silo_modularity`` that is at least
   ``silo_modularity_excess`` above, and ``silo_modularity_z`` standard deviations above, the
   rewired networks; or (with two or more organisations) fewer than
   ``silo_cross_organisation_share`` of ties crossing organisations.
5. **distributed** – all of: at least ``distributed_largest_component_share`` of people
   connected, both centralisations at most ``distributed_centralisation``, at least
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
    chain_path_length_ratio: float = 2.0
    chain_bridge_share: float = 0.05

    # 4. siloed
    silo_modularity: float = 0.40
    silo_modularity_excess: float = 0.15
    silo_modularity_z: float = 2.0
    silo_cross_organisation_share: float = 0.10

    # 5. distributed
    distributed_largest_component_share: float = 0.90
    distributed_centralisation: float = 0.25
    distributed_two_core_share: float = 0.80
    distributed_min_degeneracy: int = 3
    distributed_path_length_ratio: float = 1.5
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
