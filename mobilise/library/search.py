"""One search interface over SQLite FTS5 (the embedded default) and PostgreSQL full-text search.

The canary rule lives here: every query, count, snippet and suggestion is limited to entries of
the person's own programmes plus entries their programmes chose to share, inside the same SQL
statement that ranks them, so nothing private to another programme can be ranked, counted or quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString

from mobilise.programmes.models import Programme

from .models import SearchEntry, scope_token

PAGE_SIZE = 20
COUNT_CAP = 1000
MAX_TERMS = 12
SIMILAR_TERMS = 6
# Below this cosine similarity two items are about different things (all-MiniLM-L6-v2 scores
# unrelated sentences between 0 and 0.15): showing nothing beats a far-fetched suggestion.
MEANING_THRESHOLD = 0.25
START, STOP = "\x02", "\x03"
# Title words count eight times body words; the scope column's words count for nothing.
RANKING = "bm25(8.0, 1.0, 0.0)"
WORD = re.compile(r"\w+", re.UNICODE)
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "will",
        "with",
        "you",
        "your",
        "i",
        "my",
        "me",
        "not",
        "no",
        "do",
        "can",
    ]
)


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    component: str = ""
    topic: str = ""
    org_type: str = ""
    since: date | None = None


@dataclass(frozen=True)
class Hit:
    entry_id: int
    kind: str
    title: SafeString
    snippet: SafeString
    url: str
    programme_id: int
    programme_name: str
    shared: bool
    updated_at: datetime


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    total: int
    capped: bool


def visible_programme_ids(user: Any) -> list[int]:
    """The person's own programmes, and the worked examples every signed-in person may read."""
    from .examples import example_ids

    own = list(Programme.objects.for_user(user).values_list("pk", flat=True))
    return sorted(set(own) | set(example_ids())) if getattr(user, "is_authenticated", False) else []


def terms_of(text: str, limit: int = MAX_TERMS) -> list[str]:
    words = [w.lower() for w in WORD.findall(text)]
    return list(dict.fromkeys(words))[:limit]


def marked(text: str) -> SafeString:
    """Escape everything, then turn the engine's start/stop markers into <mark>."""
    return SafeString(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))


def _where(
    own: list[int], filters: Filters, *, alias: str = "e", visibility: bool = True
) -> tuple[str, list[Any]]:
    clauses = ["1 = 1"]
    params: list[Any] = []
    if not visibility:
        pass
    elif own:
        clauses.append(f"({alias}.programme_id IN ({','.join(['%s'] * len(own))}) OR {alias}.shared)")
        params += own
    else:
        clauses.append(f"{alias}.shared")
    for column in ("kind", "component", "topic"):
        value = getattr(filters, column)
        if value:
            clauses.append(f"{alias}.{column} = %s")
            params.append(value)
    if filters.since:
        clauses.append(f"{alias}.updated_at >= %s")
        params.append(datetime.combine(filters.since, datetime.min.time()))
    if filters.org_type:
        clauses.append(
            f"{alias}.programme_id IN (SELECT pp.programme_id FROM programmes_programme_partners pp "
            "JOIN accounts_organisation o ON o.id = pp.organisation_id WHERE o.type = %s)"
        )
        params.append(filters.org_type)
    return " AND ".join(clauses), params


def _names(ids: set[int]) -> dict[int, str]:
    return dict(Programme.objects.filter(pk__in=ids).values_list("pk", "name"))


def search(user: Any, text: str, filters: Filters = Filters(), *, page: int = 1) -> Results:
    terms = terms_of(text)
    if not terms:
        return Results([], 0, False)
    own = visible_programme_ids(user)
    offset = (max(page, 1) - 1) * PAGE_SIZE
    if connection.vendor == "postgresql":
        return _search_pg(terms, own, filters, offset, any_term=False)
    return _search_sqlite(terms, own, filters, offset, any_term=False)


def similar(entry: SearchEntry, user: Any, *, limit: int = 5) -> list[Hit]:
    """Shared work in other programmes closest in meaning to this entry (by embeddings, once the
    entry has one), or else whose words overlap most with this entry's."""
    by_meaning = similar_by_meaning(entry, limit=limit)
    if by_meaning is not None:
        return by_meaning
    return similar_by_words(entry, limit=limit)


def similar_by_meaning(entry: SearchEntry, *, limit: int = 5) -> list[Hit] | None:
    """Cosine similarity in numpy between this entry's embedding and those of every shared item in
    other programmes; None when this entry has no embedding yet."""
    import numpy as np

    from .embeddings import from_bytes
    from .models import Embedding
    from .nearest import shared_vectors

    own = Embedding.objects.filter(entry_id=entry.pk).values_list("vector", flat=True).first()
    if own is None:
        return None
    query = from_bytes([own])[0]
    held = shared_vectors()
    scores = held.matrix @ query
    scores[held.programmes == entry.programme_id] = -np.inf  # never the programme's own work
    keep = min(limit, len(scores))
    if not keep:
        return []
    best = np.argpartition(-scores, keep - 1)[:keep]
    best = best[np.argsort(-scores[best], kind="stable")]
    chosen = [int(held.ids[i]) for i in best if scores[i] >= MEANING_THRESHOLD]
    if not chosen:
        return []
    with connection.cursor() as cursor:
        # The visibility rule again, on the rows that are shown: a second lock on the door.
        cursor.execute(
            "SELECT e.id, e.kind, e.title, substr(e.body, 1, 300), e.url, e.programme_id, e.shared, "
            f"e.updated_at FROM library_searchentry e WHERE e.id IN ({','.join(['%s'] * len(chosen))}) "
            "AND e.shared = %s AND e.programme_id <> %s",
            [*chosen, True, entry.programme_id],
        )
        found = {int(row[0]): row for row in cursor.fetchall()}
    return _hits([found[pk] for pk in chosen if pk in found])


def similar_by_words(entry: SearchEntry, *, limit: int = 5) -> list[Hit]:
    """Shared work in other programmes whose words overlap most with this entry's."""
    # The title's words first, then the body's: enough to rank by, few enough to stay quick.
    words = [w for w in terms_of(f"{entry.title} {entry.body}", 400) if w not in STOPWORDS and len(w) > 2]
    if connection.vendor == "sqlite":
        words = rarest(words[:60])
    terms = words[:SIMILAR_TERMS]
    if not terms:
        return []
    filters = Filters()
    if connection.vendor == "postgresql":
        found = _search_pg(terms, [], filters, 0, any_term=True, exclude=entry.programme_id, limit=limit)
    else:
        found = _search_sqlite(terms, [], filters, 0, any_term=True, exclude=entry.programme_id, limit=limit)
    return found.hits


def _scope_match(own: list[int], filters: Filters, exclude: int | None) -> str:
    """The FTS5 column filter saying what the person may see, and the filters that are words."""
    seen = " OR ".join(["shared", *(f"p{pid}" for pid in own)])
    parts = [f"scope : ({seen})"]
    for prefix, value in (("k", filters.kind), ("c", filters.component), ("t", filters.topic)):
        if value:
            parts.append(f"scope : {scope_token(prefix, value)}")
    match = " AND ".join(parts)
    return f"({match}) NOT scope : p{exclude}" if exclude is not None else match


def rarest(words: list[str]) -> list[str]:
    """The words held by fewest items first: rare shared words say most about similarity, and
    their short lists of items are quick to rank. The index keeps stems ("falls" as "fall"), so
    each word is looked up by itself and by up to three letters shorter, and its longest match counts."""
    candidates = {
        word[:cut]: word for word in reversed(words) for cut in range(max(3, len(word) - 3), len(word) + 1)
    }
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, doc FROM library_fts_vocab WHERE term IN ({','.join(['%s'] * len(candidates))})",
            list(candidates),
        )
        found = dict(cursor.fetchall())
    counts: dict[str, int] = {}
    for word in words:
        for cut in range(len(word), max(2, len(word) - 4), -1):
            if word[:cut] in found:
                counts[word] = int(found[word[:cut]])
                break
    # Words the index has never seen cannot match anything, so they are left out.
    return sorted(counts, key=lambda w: (counts[w], words.index(w)))


def _mark(text: str, terms: list[str]) -> str:
    """Wrap words starting with any term (a rough stem: up to two letters shorter) in the markers."""
    stems = sorted({t[: max(3, len(t) - 2)] for t in terms}, key=len, reverse=True)
    if not stems:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(stem) for stem in stems) + r")\w*", re.IGNORECASE)
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)


def _search_sqlite(
    terms: list[str],
    own: list[int],
    filters: Filters,
    offset: int,
    *,
    any_term: bool,
    exclude: int | None = None,
    limit: int = PAGE_SIZE,
) -> Results:
    quoted = [f'"{t}"' for t in terms]
    if not any_term:
        quoted[-1] += "*"  # the last word may still be being typed
    words = (" OR " if any_term else " AND ").join(quoted)
    match = f"({{title body}} : ({words})) AND ({_scope_match(own, filters, exclude)})"
    # Visibility is already in the match, so ranking sees only what the person may see; the SQL
    # filter below repeats it after ranking, as a second lock on the door.
    where, params = _where(own, Filters())
    narrow, narrow_params = _where(
        [], Filters(since=filters.since, org_type=filters.org_type), visibility=False
    )
    narrowing = filters.since is not None or bool(filters.org_type)
    # Rank first with nothing but ids, then quote only the page shown: snippets are the costly part.
    if narrowing:
        inner = (
            "SELECT f.rowid AS id, f.rank AS rank FROM library_fts f JOIN library_searchentry e "
            f"ON e.id = f.rowid WHERE f.library_fts MATCH %s AND f.rank MATCH %s AND {narrow}"
        )
        inner_params: list[Any] = [match, RANKING, *narrow_params]
    else:
        inner = "SELECT rowid AS id, rank FROM library_fts WHERE library_fts MATCH %s AND rank MATCH %s"
        inner_params = [match, RANKING]
    with connection.cursor() as cursor:
        cursor.execute(f"{inner} ORDER BY rank LIMIT %s OFFSET %s", [*inner_params, limit, offset])
        ranked = [int(row[0]) for row in cursor.fetchall()]
        rows: list[Any] = []
        marked_up: dict[int, tuple[str, str]] = {}
        if ranked and any_term:
            # Suggestions mark their words in Python: a second full-text pass costs more than ranking.
            cursor.execute(
                "SELECT id, title, substr(body, 1, 300) FROM library_searchentry "
                f"WHERE id IN ({','.join(['%s'] * len(ranked))})",
                ranked,
            )
            marked_up = {int(r[0]): (_mark(r[1], terms), _mark(r[2], terms)) for r in cursor.fetchall()}
        elif ranked:
            # One seek per shown item (MATCH with rowid =), not a second pass over every match.
            quote = (
                "SELECT rowid, highlight(library_fts, 0, %s, %s), snippet(library_fts, 1, %s, %s, '…', 24) "
                "FROM library_fts WHERE library_fts MATCH %s AND rowid = %s"
            )
            cursor.execute(
                " UNION ALL ".join([quote] * len(ranked)),
                [value for rowid in ranked for value in (START, STOP, START, STOP, match, rowid)],
            )
            marked_up = {int(r[0]): (r[1], r[2]) for r in cursor.fetchall()}
        if ranked:
            cursor.execute(
                "SELECT e.id, e.kind, e.url, e.programme_id, e.shared, e.updated_at "
                f"FROM library_searchentry e WHERE e.id IN ({','.join(['%s'] * len(ranked))}) AND {where}",
                [*ranked, *params],
            )
            facts: dict[int, Any] = {int(r[0]): r for r in cursor.fetchall()}
            rows = [
                (rowid, facts[rowid][1], *marked_up[rowid], *facts[rowid][2:])
                for rowid in ranked
                if rowid in facts and rowid in marked_up
            ]
        total, capped = len(rows) + offset, False
        if not any_term:
            cursor.execute(f"SELECT count(*) FROM ({inner} LIMIT %s)", [*inner_params, COUNT_CAP + 1])
            total = int(cursor.fetchone()[0])
            capped = total > COUNT_CAP
    return Results(_hits(rows), min(total, COUNT_CAP), capped)


def _hits(rows: list[Any]) -> list[Hit]:
    names = _names({int(r[5]) for r in rows})
    hits = []
    for entry_id, kind, title, snippet, url, programme_id, shared, updated in rows:
        if isinstance(updated, str):
            updated = datetime.fromisoformat(updated)
        hits.append(
            Hit(
                entry_id=int(entry_id),
                kind=str(kind),
                title=marked(str(title)),
                snippet=marked(str(snippet or "")),
                url=str(url),
                programme_id=int(programme_id),
                programme_name=names.get(int(programme_id), ""),
                shared=bool(shared),
                updated_at=updated,
            )
        )
    return hits


def _search_pg(
    terms: list[str],
    own: list[int],
    filters: Filters,
    offset: int,
    *,
    any_term: bool,
    exclude: int | None = None,
    limit: int = PAGE_SIZE,
) -> Results:
    parts = [f"'{t}'" for t in terms]
    if not any_term:
        parts[-1] += ":*"
    raw = (" | " if any_term else " & ").join(parts)
    where, params = _where(own, filters)
    if exclude is not None:
        where += " AND e.programme_id <> %s"
        params.append(exclude)
    query = "to_tsquery('english', %s)"
    base = f"FROM library_searchentry e WHERE e.vector @@ {query} AND {where}"
    options = f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=15, MaxFragments=1"
    with connection.cursor() as cursor:
        # Rank first, then quote only the page that is shown: headlines are the costly part.
        cursor.execute(
            f"WITH ranked AS (SELECT e.id, ts_rank_cd(e.vector, {query}) AS rank {base} "
            "ORDER BY rank DESC, e.id LIMIT %s OFFSET %s) "
            f"SELECT e.id, e.kind, ts_headline('english', e.title, {query}, %s), "
            f"ts_headline('english', e.body, {query}, %s), e.url, e.programme_id, e.shared, e.updated_at "
            "FROM ranked JOIN library_searchentry e ON e.id = ranked.id ORDER BY ranked.rank DESC, e.id",
            [
                raw,
                raw,
                *params,
                limit,
                offset,
                raw,
                f"StartSel={START}, StopSel={STOP}, HighlightAll=true",
                raw,
                options,
            ],
        )
        rows = cursor.fetchall()
        total, capped = len(rows) + offset, False
        if not any_term:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 {base} LIMIT %s) AS found", [raw, *params, COUNT_CAP + 1]
            )
            total = int(cursor.fetchone()[0])
            capped = total > COUNT_CAP
    return Results(_hits(rows), min(total, COUNT_CAP), capped)
