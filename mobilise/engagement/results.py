"""What the results pages show, from a stored analysis: named for convenors and facilitators,
anonymised (stable pseudonyms, small groups merged, small counts hidden) for everyone else."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.crypto import salted_hmac

from mobilise.accounts.models import OrganisationType

from .diagnosis_text import DIAGNOSES, MEASURES
from .disclosure import NOT_SHOWN, THRESHOLD, Disclosure, percent_text
from .engine_adapter import ID_IN_TEXT
from .models import IntroductionDecision, NetworkAnalysis, RosterEntry
from .picture import drawing_json, spread_chart
from .rates import DIAGNOSIS_THRESHOLD

NOT_RECORDED = "Not recorded"
ONLY_SMALL = re.compile(r"\bOnly [1-7] (?:people|person)\b")


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    label: str
    organisation: str
    type_label: str
    in_degree: int
    flags: tuple[str, ...]
    named_by: str = ""  # the in-degree as this viewer may see it
    size: int = 0  # the in-degree as drawn: hidden counts all drawn alike


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    value: str
    hint: str


@dataclass(frozen=True)
class Introduction:
    first_key: str
    second_key: str
    first: str
    second: str
    reason: str
    decision: str


@dataclass
class Results:
    named: bool
    analysis: NetworkAnalysis
    diagnosis_title: str = ""
    diagnosis_text: str = ""
    evidence: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    withheld: str = ""
    measures: list[Measure] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    spofs: list[Person] = field(default_factory=list)
    brokers: list[Person] = field(default_factory=list)
    influencers: list[Person] = field(default_factory=list)
    introductions: list[Introduction] = field(default_factory=list)
    by_type: list[tuple[str, str]] = field(default_factory=list)
    spread_drawings: list[Any] = field(default_factory=list)
    spread_rows: list[tuple[int, list[str]]] = field(default_factory=list)
    spread_series: list[tuple[str, str, int]] = field(default_factory=list)
    graph_json: str = "{}"
    notes: list[str] = field(default_factory=list)
    response_rate: float | None = None
    rate_text: str = ""  # "" when the rate is unknown or would give a small count away
    too_small: bool = False  # too few people to show each one without names


TYPE_LABELS: dict[str, str] = dict(OrganisationType.choices)


def _type_label(value: str | None) -> str:
    return TYPE_LABELS.get(value or "", NOT_RECORDED)


def _number(value: Any) -> str:
    if value is None:
        return "Not known"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() and abs(value) >= 10 else f"{value:.2f}"
    return str(value)


def withheld_reason(rate: float | None, rate_text: str = "") -> str:
    """Why the diagnosis is not shown, or "" when it can be. Without `rate_text` no rate is given."""
    if rate is None or rate >= DIAGNOSIS_THRESHOLD:
        return ""
    so_few = (
        f"Only {rate_text} of people asked"
        if rate_text
        else f"Fewer than {round(100 * DIAGNOSIS_THRESHOLD)}% of people asked"
    )
    return (
        f"{so_few} had answered when this analysis ran. With fewer than "
        f"{round(100 * DIAGNOSIS_THRESHOLD)}% answering, ties that nobody reported could change the picture "
        "a lot: people who did not answer can look isolated, and whole groups can look cut off. So the "
        "diagnosis and suggested introductions are held back. Encourage more people to answer, then run "
        "the analysis again."
    )


# The engine backs each finding with its statistic, "(degree centralisation 0.24, where 0 means…)";
# the sentence before it already says it in words, so people see the words only.
_STATISTIC = re.compile(r"\s*\([^()]*centralisation \d[^()]*\)")
_STATISTIC_CLAUSE = re.compile(r"\s*\((?:degree|betweenness) centralisation[^()]*\)")
CENTRALISATION_KEYS = ("degree_centralisation", "betweenness_centralisation")


def speak_plainly(text: str) -> str:
    return _STATISTIC_CLAUSE.sub("", _STATISTIC.sub("", text))


def reliance_words(value: float) -> str:
    """How much a network leans on a few people, in words rather than a 0 to 1 index."""
    return "Low" if value < 0.2 else ("Some" if value < 0.5 else "High")


def plain_text(
    text: str,
    label_of: Callable[[str], str],
    *,
    named: bool,
    people: int = 0,
    ties: int = 0,
    answers: int = 0,
) -> str:
    """The engine's words with each person's name (or pseudonym) in; for anonymised viewers every
    count and percentage of people or ties goes through the disclosure path."""
    text = ID_IN_TEXT.sub(lambda m: label_of(m.group(1)), text)
    text = speak_plainly(text)
    if not named:
        disclosure = Disclosure(named=False)
        text = ONLY_SMALL.sub("Fewer than 8 people", text)
        text = disclosure.percentages_in(text, people=people, ties=ties, answers=answers)
        text = disclosure.counts_in(text)
    return text


@dataclass(frozen=True, slots=True)
class _Entry:
    number: int
    name: str
    organisation_name: str
    organisation_type: str

    @property
    def pseudonym(self) -> str:
        return f"Person {self.number}"


def _entries(survey_id: int) -> dict[str, _Entry]:
    rows = RosterEntry.objects.filter(survey_id=survey_id).values_list(
        "key", "number", "name", "organisation_name", "organisation_type"
    )
    return {key: _Entry(number, name, org, org_type) for key, number, name, org, org_type in rows}


def _rate_text(data: dict[str, Any], disclosure: Disclosure) -> str:
    """The response rate when the analysis ran, through the disclosure path; "" when withheld."""
    rate, asked, answered = data.get("response_rate"), data.get("asked"), data.get("answered")
    if rate is None:
        return ""
    if isinstance(asked, int) and isinstance(answered, int):
        shown = disclosure.share(answered, asked)
        return "" if shown.hidden else shown.text
    # Older results kept only the rate: without the counts, only named viewers see it.
    return percent_text(rate) if disclosure.named else ""


def _secret_order(analysis_id: int) -> Callable[[str], str]:
    """An order of people known only to the server (keyed by the site's secret), stable per analysis."""

    def key(person_id: str) -> str:
        return salted_hmac("mobilise.drawing-order", f"{analysis_id}:{person_id}").hexdigest()

    return key


def build_results(analysis: NetworkAnalysis, *, named: bool) -> Results:
    """Everything the results page shows; for anonymised viewers every aggregate of the answers
    goes through one `Disclosure`."""
    data: dict[str, Any] = analysis.result or {}
    disclosure = Disclosure(named)
    entries = _entries(analysis.survey_id)
    columns = data.get("people") or {}
    keys: list[str] = columns.get("id") or []

    def raw_type(key: str) -> str:
        entry = entries.get(key)
        return _type_label(entry.organisation_type if entry else None)

    # Groups are merged by how many people the table and drawing show, so no group shown is small.
    group_of = disclosure.groups(raw_type(key) for key in keys)

    def type_of(key: str) -> str:
        return group_of.get(raw_type(key), raw_type(key))

    def label_of(key: str) -> str:
        entry = entries.get(key)
        if entry is None:
            return key if named else "Someone"
        return entry.name if named else entry.pseudonym

    def node_id(key: str) -> str:
        entry = entries.get(key)
        return key if named else f"p{entry.number if entry else 0}"

    spof, brokers, influencers = (
        set(data.get(k) or []) for k in ("single_points_of_failure", "brokers", "informal_influencers")
    )
    people: list[Person] = []
    for key, in_degree, degree in zip(
        keys, columns.get("in_degree") or [], columns.get("degree") or [], strict=True
    ):
        entry = entries.get(key)
        flags = tuple(
            f
            for f, on in (
                ("Single point of failure", key in spof),
                ("Broker", key in brokers),
                ("Informal influencer", key in influencers),
                ("No ties", not degree),
            )
            if on
        )
        named_by = disclosure.count(int(in_degree or 0))
        people.append(
            Person(
                node_id(key),
                label_of(key),
                (entry.organisation_name if entry and named else ""),
                type_of(key),
                int(in_degree or 0),
                flags,
                named_by.text,
                disclosure.level(int(in_degree or 0)),
            )
        )
    # Sorted by the count as shown, so the order cannot rank people whose counts are hidden.
    people.sort(key=lambda p: (-p.size, p.label))
    by_id = {p.id: p for p in people}

    def listed(name: str) -> list[Person]:
        return [by_id[node_id(k)] for k in data.get(name) or [] if node_id(k) in by_id]

    results = Results(
        named=named,
        analysis=analysis,
        people=people,
        response_rate=data.get("response_rate"),
        rate_text=_rate_text(data, disclosure),
        notes=list(data.get("notes") or []),
        too_small=not named and 0 < len(people) < THRESHOLD,
    )
    results.spofs, results.brokers = listed("single_points_of_failure"), listed("brokers")
    results.influencers = listed("informal_influencers")
    metrics = data.get("metrics") or {}
    answers = sum(int(n or 0) for n in columns.get("in_degree") or [])
    results.measures = _measures(metrics, disclosure, people=len(people), answers=answers)
    results.by_type = [
        (label, shown.text) for label, shown in disclosure.group_table(p.type_label for p in people)
    ]
    diagnosis = data.get("diagnosis") or {}
    ties = metrics.get("ties")
    sizes = {
        "people": len(people),
        "ties": int(ties) if isinstance(ties, int | float) else 0,
        "answers": answers,
    }
    results.withheld = withheld_reason(results.response_rate, results.rate_text) or plain_text(
        diagnosis.get("withheld") or "", label_of, named=named, **sizes
    )
    if not results.withheld and diagnosis.get("label") in DIAGNOSES:
        results.diagnosis_title, results.diagnosis_text = DIAGNOSES[diagnosis["label"]]
        results.evidence = [
            plain_text(line, label_of, named=named, **sizes) for line in diagnosis.get("evidence") or []
        ]
    results.flags = [
        plain_text(f["message"], label_of, named=named, **sizes)
        for f in diagnosis.get("flags") or []
        if f.get("code") != "response_rate_low"
    ]
    if named and not results.withheld:
        results.introductions = _introductions(analysis, data, entries, label_of)
    spread_chart(results, data, disclosure)
    shuffle_key = None if named else _secret_order(analysis.pk)
    results.graph_json = drawing_json(
        data, keys, people, node_id, introductions=results.introductions, shuffle_key=shuffle_key
    )
    return results


SHOWN_MEASURES = tuple(MEASURES)
SHARES = {
    "density",
    "reciprocity",
    "largest_component_share",
    "two_core_share",
    "cross_organisation_tie_share",
}


def _measures(metrics: dict[str, Any], disclosure: Disclosure, *, people: int, answers: int) -> list[Measure]:
    """The measures table. A share or average is withheld whenever the count behind it would be."""
    n = int(metrics.get("people") or people)
    ties = metrics.get("ties")
    ties_hidden = isinstance(ties, int | float) and disclosure.count(int(ties)).hidden
    # What each share is a share of, so that the count behind it can be checked.
    totals = {
        "largest_component_share": n,
        "two_core_share": n,
        "cross_organisation_tie_share": int(ties) if isinstance(ties, int | float) else 0,
        "reciprocity": answers,
    }
    rows = []
    for key in SHOWN_MEASURES:
        if key not in metrics:
            continue
        label, hint, is_count = MEASURES[key]
        value = metrics[key]
        if is_count and isinstance(value, int | float):
            text = disclosure.count(int(value)).text
        elif key in ("density", "mean_degree") and ties_hidden:
            text = NOT_SHOWN  # both are the number of ties divided by a number that is shown
        elif key in ("density", "mean_degree") and not disclosure.named and isinstance(ties, int | float):
            # Both are the number of ties over a number anyone can work out: from the rounded ties.
            over = n * (n - 1) / 2 if key == "density" else n / 2
            shown = disclosure.ratio(int(ties), over)
            text = NOT_SHOWN if shown.value is None else _ratio_text(key, float(shown.value))
        elif key in totals and isinstance(value, int | float) and not disclosure.named:
            whole = totals[key]
            text = disclosure.share(round(value * whole), whole).text if whole else NOT_SHOWN
        elif key in CENTRALISATION_KEYS and isinstance(value, int | float):
            text = reliance_words(float(value))
        elif key in SHARES and isinstance(value, int | float):
            text = percent_text(value)
        else:
            text = _number(value)
        rows.append(Measure(key, label, text, hint))
    return rows


def _ratio_text(key: str, value: float) -> str:
    return percent_text(value) if key in SHARES else _number(value)


def _introductions(
    analysis: NetworkAnalysis,
    data: dict[str, Any],
    entries: dict[str, _Entry],
    label_of: Callable[[str], str],
) -> list[Introduction]:
    decided = {
        frozenset((d.first.key, d.second.key)): d.get_decision_display()
        for d in IntroductionDecision.objects.filter(survey_id=analysis.survey_id).select_related(
            "first", "second"
        )
    }
    rows = []
    for item in data.get("suggested_introductions") or []:
        a, b = item["pair"]
        if a in entries and b in entries:
            rows.append(
                Introduction(
                    a,
                    b,
                    entries[a].name,
                    entries[b].name,
                    plain_text(item.get("reason", ""), label_of, named=True),
                    decided.get(frozenset((a, b)), ""),
                )
            )
    return rows


RESULTS_CACHE = "rendered"
RESULTS_FORMAT = 1  # bump when what the results page shows changes, so a release never shows old ones
PEOPLE_ROWS = "engagement/partials/people_rows.jinja"


def cached_results(analysis: NetworkAnalysis, *, named: bool) -> tuple[Results, str]:
    """The results and the rendered table of everyone, made once per analysis and viewer kind.

    A finished analysis never changes; what else the results show is the roster's names (fixed once
    an entry exists) and, for named viewers, the decisions on suggested introductions, whose state
    is part of the key. So a cached copy is never stale, in any process.
    """
    from django.core.cache import caches
    from django.template.loader import render_to_string

    decided = ""
    if named:
        rows = IntroductionDecision.objects.filter(survey_id=analysis.survey_id).order_by("pk")
        decided = ",".join(
            f"{a}-{b}-{d}" for a, b, d in rows.values_list("first_id", "second_id", "decision")
        )
    key = (
        f"survey-results:{RESULTS_FORMAT}:{analysis.pk}:{int(named)}:{salted_hmac('k', decided).hexdigest()}"
    )
    cache = caches[RESULTS_CACHE]
    found: tuple[Results, str] | None = cache.get(key)
    if found is None:
        full = NetworkAnalysis.objects.get(pk=analysis.pk)  # with its result, for this once
        results = build_results(full, named=named)
        rows_html = render_to_string(PEOPLE_ROWS, {"people": results.people, "named": named})
        # The copy kept carries no result document, and no list of everyone: the page shows them
        # through the rendered rows, and thousands of small objects are slow to take back out.
        found = (dataclasses.replace(results, analysis=analysis, people=[]), rows_html)
        cache.set(key, found, timeout=24 * 60 * 60)
    return found


def people_sheet(analysis: NetworkAnalysis, *, named: bool) -> list[list[str]] | None:
    """The table of everyone as spreadsheet rows, headings first: exactly what the page's table
    shows this viewer (pseudonyms, merged groups and hidden counts for anonymised viewers), or
    None where the page shows no table because the network is too small."""
    results = build_results(NetworkAnalysis.objects.get(pk=analysis.pk), named=named)
    if results.too_small:
        return None
    organisation = ["Organisation"] if named else []
    rows = [["Person", *organisation, "Type of organisation", "Named by", "Notes"]]
    rows.extend(
        [p.label, *([p.organisation] if named else []), p.type_label, p.named_by, ", ".join(p.flags)]
        for p in results.people
    )
    return rows
