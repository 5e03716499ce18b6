"""Mobilise network engine: who goes to whom for advice, and what that means for change.

Pure Python on networkx-compatible definitions, with numpy/scipy and rustworkx doing the
heavy lifting. No Django here. Typical use::

    from mobilise.network import Person, Tie, analyse, build_network

    network = build_network([Tie("a", "b"), Tie("b", "c")], people=[Person("d")])
    analysis = analyse(network, response_rate=0.8)
    analysis.diagnosis.label, analysis.to_dict()
"""

from .analysis import Analysis, analyse
from .communities import ModularityTest, leiden, modularity, modularity_against_rewiring
from .diagnosis import LABELS, Diagnosis, Flag, diagnose, withhold_reason
from .graph import Network, NetworkInputError, Person, Tie, build_network
from .introductions import Introduction, suggest_introductions
from .metrics import MetricsResult, NetworkMetrics, Sampling, compute_metrics
from .nodes import NodeMeasures, brokers, burt_constraint, informal_influencers, sought_after
from .paths import EXACT_LIMIT, PIVOTS
from .spread import SpreadResult, compare_starting_groups, simulate_spread, spread_reach
from .thresholds import DEFAULT_THRESHOLDS, Thresholds

__all__ = [
    "DEFAULT_THRESHOLDS",
    "EXACT_LIMIT",
    "LABELS",
    "PIVOTS",
    "Analysis",
    "Diagnosis",
    "Flag",
    "Introduction",
    "MetricsResult",
    "ModularityTest",
    "Network",
    "NetworkInputError",
    "NetworkMetrics",
    "NodeMeasures",
    "Person",
    "Sampling",
    "SpreadResult",
    "Thresholds",
    "Tie",
    "analyse",
    "brokers",
    "build_network",
    "burt_constraint",
    "compare_starting_groups",
    "compute_metrics",
    "diagnose",
    "informal_influencers",
    "leiden",
    "modularity",
    "modularity_against_rewiring",
    "simulate_spread",
    "sought_after",
    "spread_reach",
    "suggest_introductions",
    "withhold_reason",
]
