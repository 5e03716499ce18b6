"""Building a network from advice ties ("who do you go to for advice?").

A :class:`Network` holds two sparse matrices over the same people:

* ``directed`` – the answers as given: entry (i, j) is the weight of "i goes to j".
* ``undirected`` – the symmetrised network used for structure metrics: a tie named in
  either direction counts once; its weight is the sum of the weights in both directions
  (so a returned tie is a stronger tie, as in Burt's measures).

People are indexed 0..n-1 in a stable order: everyone in the people list first (in the order
given), then anyone else named in the ties, in order of first appearance.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import rustworkx as rx
import scipy.sparse as sp

__all__ = [
    "Network",
    "NetworkInputError",
    "Person",
    "Tie",
    "build_network",
    "build_network_from_codes",
    "build_network_from_columns",
]


class NetworkInputError(ValueError):
    """Raised when the ties or people cannot be turned into a network."""


@dataclass(frozen=True, slots=True)
class Person:
    """A person who may appear in the network, with optional attributes."""

    id: str
    organisation: str | None = None
    organisation_type: str | None = None
    formal_authority: bool | None = None


@dataclass(frozen=True, slots=True)
class Tie:
    """One answer: ``source`` goes to ``target`` for advice, with an optional strength."""

    source: str
    target: str
    weight: float = 1.0


@dataclass(frozen=True, eq=False)
class Network:
    """People and ties as sparse matrices. Build with :func:`build_network`."""

    ids: tuple[str, ...]
    directed: sp.csr_array
    undirected: sp.csr_array
    organisation: tuple[str | None, ...]
    organisation_type: tuple[str | None, ...]
    formal_authority: tuple[bool | None, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def n(self) -> int:
        return len(self.ids)

    @cached_property
    def index(self) -> dict[str, int]:
        return {pid: i for i, pid in enumerate(self.ids)}

    @cached_property
    def adjacency(self) -> sp.csr_array:
        """Unweighted symmetrised adjacency (1.0 where a tie exists), CSR, sorted indices."""
        a = self.undirected.copy()
        a.data = np.ones_like(a.data, dtype=np.float64)
        return a

    @cached_property
    def degree(self) -> np.ndarray:
        """Number of distinct contacts of each person in the symmetrised network."""
        degree: np.ndarray = np.diff(self.undirected.indptr).astype(np.int64)
        return degree

    @cached_property
    def in_degree(self) -> np.ndarray:
        """How many people named each person (directed answers)."""
        named: np.ndarray = np.diff(self.directed.tocsc().indptr).astype(np.int64)
        return named

    @cached_property
    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Undirected ties as arrays (u, v, weight) with u < v."""
        upper = sp.triu(self.undirected, k=1, format="coo")
        return (
            upper.row.astype(np.int64),
            upper.col.astype(np.int64),
            upper.data.astype(np.float64),
        )

    @cached_property
    def rx_graph(self) -> rx.PyGraph:
        """The symmetrised network as an unweighted rustworkx graph (node i is person i)."""
        g = rx.PyGraph(multigraph=False)
        g.add_nodes_from(range(self.n))
        u, v, _ = self.edges
        g.add_edges_from_no_data(list(zip(u.tolist(), v.tolist(), strict=True)))
        return g

    def ids_of(self, indices: Iterable[int]) -> list[str]:
        return [self.ids[int(i)] for i in indices]


def _check_id(value: str, what: str) -> str:
    text = str(value).strip()
    if not text:
        raise NetworkInputError(f"{what} is blank")
    return text


def build_network(
    ties: Iterable[Tie | tuple[str, str] | tuple[str, str, float]],
    people: Iterable[Person] | None = None,
) -> Network:
    """Build a :class:`Network` from directed ties and optional people.

    Self-ties are ignored (with a note). A tie given twice keeps its largest weight (with a
    note). Weights must be positive, finite numbers. People in ``people`` count even if they
    have no ties; people named only in ties are added without attributes.
    """
    sources: list[str] = []
    targets: list[str] = []
    weights: list[float] = []
    for number, raw in enumerate(ties, start=1):
        if isinstance(raw, Tie):
            source, target, weight = raw.source, raw.target, raw.weight
        elif len(raw) == 2:
            source, target = raw[0], raw[1]
            weight = 1.0
        else:
            source, target, weight = raw[0], raw[1], raw[2]
        sources.append(_check_id(source, f"tie {number}: the source"))
        targets.append(_check_id(target, f"tie {number}: the target"))
        try:
            w = float(weight)
        except (TypeError, ValueError):
            raise NetworkInputError(f"tie {number}: weight {weight!r} is not a number") from None
        if not math.isfinite(w) or w <= 0:
            raise NetworkInputError(f"tie {number}: weight {weight!r} must be a positive number")
        weights.append(w)
    return build_network_from_columns(sources, targets, np.asarray(weights, dtype=np.float64), people)


def build_network_from_columns(
    sources: list[str],
    targets: list[str],
    weights: np.ndarray | None = None,
    people: Iterable[Person] | None = None,
) -> Network:
    """:func:`build_network` from columns of ids already stripped of spaces.
    ``weights`` defaults to 1 for every tie."""
    if len(sources) != len(targets):
        raise NetworkInputError("there must be as many targets as sources")
    names = list(dict.fromkeys([*sources, *targets]))
    code = {pid: i for i, pid in enumerate(names)}
    return build_network_from_codes(
        np.fromiter((code[pid] for pid in sources), dtype=np.int64, count=len(sources)),
        np.fromiter((code[pid] for pid in targets), dtype=np.int64, count=len(targets)),
        names,
        weights,
        people,
    )


def build_network_from_codes(
    source_codes: np.ndarray,
    target_codes: np.ndarray,
    names: list[str],
    weights: np.ndarray | None = None,
    people: Iterable[Person] | None = None,
) -> Network:
    """:func:`build_network` from ties given as codes into ``names`` (ids already stripped of
    spaces): the fast path for files with many ties, where a compiled reader has already
    turned each id into a number."""
    m = len(source_codes)
    if len(target_codes) != m:
        raise NetworkInputError("there must be as many targets as sources")
    w_arr = np.ones(m) if weights is None else np.asarray(weights, dtype=np.float64)
    if len(w_arr) != m:
        raise NetworkInputError("there must be as many weights as ties")
    bad = np.flatnonzero(~(np.isfinite(w_arr) & (w_arr > 0)))
    if len(bad):
        raise NetworkInputError(f"tie {bad[0] + 1}: weight {w_arr[bad[0]]!r} must be a positive number")

    org: dict[str, str | None] = {}
    org_type: dict[str, str | None] = {}
    authority: dict[str, bool | None] = {}
    if people is not None:
        for person in people:
            pid = _check_id(person.id, "A person's id")
            if pid in org:
                raise NetworkInputError(f"person {pid!r} is listed more than once")
            org[pid] = person.organisation or None
            org_type[pid] = person.organisation_type or None
            authority[pid] = person.formal_authority
    listed = len(org)

    # Everyone listed first, then anyone else in order of first mention (source before target).
    both = np.empty(2 * m, dtype=np.int64)
    both[0::2], both[1::2] = source_codes, target_codes
    used, first = np.unique(both, return_index=True)
    mentioned = used[np.argsort(first, kind="stable")]
    blank = [i for i in mentioned.tolist() if names[i] == ""]
    if blank:
        at = int(np.flatnonzero(both == blank[0])[0])
        raise NetworkInputError(f"tie {at // 2 + 1}: the {'target' if at % 2 else 'source'} is blank")
    ids = list(org)
    ids += [pid for pid in (names[i] for i in mentioned.tolist()) if pid not in org]
    position = {pid: i for i, pid in enumerate(ids)}
    remap = np.full(len(names), -1, dtype=np.int64)
    remap[mentioned] = np.fromiter((position[names[i]] for i in mentioned.tolist()), np.int64, len(mentioned))
    r, c = remap[np.asarray(source_codes, dtype=np.int64)], remap[np.asarray(target_codes, dtype=np.int64)]
    keep = r != c
    self_ties = int(m - keep.sum())
    r, c, w_arr = r[keep], c[keep], w_arr[keep]

    n = len(ids)
    notes: list[str] = []
    if self_ties:
        plural = "ties" if self_ties != 1 else "tie"
        notes.append(f"Ignored {self_ties} self-{plural} (a person naming themselves).")
    if people is not None and n > listed:
        extra = n - listed
        who = "1 person" if extra == 1 else f"{extra} people"
        notes.append(
            f"{who} named in the ties {'was' if extra == 1 else 'were'} not in the people "
            f"list and {'was' if extra == 1 else 'were'} added without attributes."
        )

    directed = _merge(r, c, w_arr, n)
    if directed.nnz < len(r):
        notes.append(f"{len(r) - directed.nnz} repeated ties were merged (keeping the largest weight).")
    undirected = (directed + directed.T).tocsr()
    undirected.sort_indices()
    return Network(
        ids=tuple(ids),
        directed=directed,
        undirected=sp.csr_array(undirected),
        organisation=tuple(org.get(pid) for pid in ids),
        organisation_type=tuple(org_type.get(pid) for pid in ids),
        formal_authority=tuple(authority.get(pid) for pid in ids),
        notes=tuple(notes),
    )


def _merge(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, n: int) -> sp.csr_array:
    """CSR matrix of directed ties, keeping the largest weight of repeated ties."""
    if len(rows):
        key = rows * max(n, 1) + cols
        order = np.lexsort((-weights, key))
        key, weights = key[order], weights[order]
        first = np.ones(len(key), dtype=bool)
        first[1:] = key[1:] != key[:-1]
        key, weights = key[first], weights[first]
        rows, cols = key // max(n, 1), key % max(n, 1)
    m = sp.csr_array((weights, (rows, cols)), shape=(n, n), dtype=np.float64)
    m.sort_indices()
    return m
