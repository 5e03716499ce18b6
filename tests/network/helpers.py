"""Small helpers shared by the network tests."""

from __future__ import annotations

import networkx as nx

from mobilise.network import Network, Person, Tie, build_network


def from_nx(graph: nx.Graph, people: list[Person] | None = None) -> Network:
    """A network whose ties are the graph's edges (u names v), everyone listed as a person."""
    ties = [Tie(str(u), str(v), float(d.get("weight", 1.0))) for u, v, d in graph.edges(data=True)]
    if people is None:
        people = [Person(str(node)) for node in graph.nodes()]
    return build_network(ties, people)


def undirected(network: Network) -> nx.Graph:
    """The symmetrised network as a networkx graph with string labels and summed weights."""
    graph = nx.Graph()
    graph.add_nodes_from(network.ids)
    u, v, w = network.edges
    for a, b, weight in zip(u.tolist(), v.tolist(), w.tolist(), strict=True):
        graph.add_edge(network.ids[a], network.ids[b], weight=weight)
    return graph
