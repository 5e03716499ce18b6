"""What a pulse's answers add up to, as anyone in the programme may see it: every number passes
through the disclosure engine (`mobilise.disclosure`) before it reaches a page, a CSV or a prompt."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import F, Sum

from mobilise.core.spreadsheets import neutralise
from mobilise.disclosure import (
    Rules,
    differencing_refusal,
    merge_small_groups,
    protect_counts,
    protect_table,
    rounded_share,
    visible_comments,
)
from mobilise.spc import analyse_batch

from .models import (
    AGREE_FROM,
    ORG_TYPES,
    ROLE_GROUPS,
    AnswerTally,
    Comment,
    Kind,
    PeopleTally,
    Pulse,
    Quadrant,
    Question,
    Wave,
)
from .starter import ENERGIES, SHORT_NAMES

ORG_LABELS = dict(ORG_TYPES)
ROLE_LABELS = dict(ROLE_GROUPS)
NOT_SHOWN = "not shown"


@dataclass
class Point:
    wave: int
    people: int  # true count, for decisions only; never printed
    people_text: str
    mean: float | None
    agree: float | None
    refused: str | None = None
    people_shown: int | None = None  # the count as it may be shown (rounded), None when withheld


@dataclass
class SpcLine:
    """An XmR chart's lines and each point's signal, one entry per wave."""

    centre: list[float | None] = field(default_factory=list)
    lower: list[float | None] = field(default_factory=list)
    upper: list[float | None] = field(default_factory=list)
    point_types: list[str | None] = field(default_factory=list)
    variation: str | None = None


@dataclass
class Trend:
    question: Question
    name: str
    points: list[Point]
    mean_line: SpcLine = field(default_factory=SpcLine)
    agree_line: SpcLine = field(default_factory=SpcLine)

    @property
    def point_types(self) -> list[str | None]:
        return self.mean_line.point_types

    @property
    def agree_types(self) -> list[str | None]:
        return self.agree_line.point_types

    @property
    def fell(self) -> bool:
        """The latest shown wave is a special-cause fall."""
        shown = [i for i, p in enumerate(self.points) if p.mean is not None]
        return bool(shown) and self.point_types[shown[-1]] == "special_cause_concern"

    @property
    def latest(self) -> float | None:
        shown = [p.mean for p in self.points if p.mean is not None]
        return shown[-1] if shown else None

    @property
    def change(self) -> float | None:
        shown = [p.mean for p in self.points if p.mean is not None]
        return shown[-1] - shown[-2] if len(shown) >= 2 else None


@dataclass
class GroupRow:
    label: str
    people_text: str
    means: list[str]


@dataclass
class Results:
    pulse: Pulse
    waves: list[Wave]
    questions: list[Question]
    trends: list[Trend]
    refusal: str | None
    quadrant: list[tuple[str, str, str]]  # (name, count text, share text)
    quadrant_shown: dict[int, float] = field(default_factory=dict)
    by_org: list[GroupRow] = field(default_factory=list)
    by_role: list[GroupRow] = field(default_factory=list)
    comments: list[tuple[str, list[str]]] = field(default_factory=list)
    comments_note: str = ""
    summary: list[str] = field(default_factory=list)
    filtered: bool = False

    @property
    def energies(self) -> list[Trend]:
        return [t for t in self.trends if t.question.key in ENERGIES]


def _load(
    pulse: Pulse, org_type: str | None, role_group: str | None
) -> tuple[list[Wave], list[Question], np.ndarray, np.ndarray]:
    """Waves, questions, answer counts added up by wave, question and score (in the database, for
    this view), and people by wave, group and belonging quadrant. Four queries."""
    waves = list(pulse.waves.order_by("number"))
    questions = list(pulse.questions.all())
    tallies = AnswerTally.objects.filter(wave__pulse=pulse, count__gt=0)
    if org_type is not None:
        tallies = tallies.filter(org_type=org_type)
    if role_group is not None:
        tallies = tallies.filter(role_group=role_group)
    answers = np.array(
        list(
            tallies.values("wave_id", "question_id", "value")
            .annotate(n=Sum("count"))
            .values_list("wave_id", "question_id", "value", "n")
            .order_by()
        ),
        dtype=np.int64,
    ).reshape(-1, 4)
    people = np.array(
        list(
            PeopleTally.objects.filter(wave__pulse=pulse, count__gt=0).values_list(
                "wave_id", "org_type", "role_group", "quadrant", "count"
            )
        ),
        dtype=object,
    ).reshape(-1, 5)
    return waves, questions, answers, people


def _mask(org: np.ndarray, role: np.ndarray, org_type: str | None, role_group: str | None) -> np.ndarray:
    keep = np.ones(org.shape[0], dtype=bool)
    if org_type is not None:
        keep &= org == org_type
    if role_group is not None:
        keep &= role == role_group
    return keep


def _count_shown(n: int, rules: Rules) -> int | None:
    return protect_counts([n], rules).shown()[0]


def _count_text(n: int, rules: Rules) -> str:
    """A count as shown: withheld when small, else rounded. Always worded alike, so the words never
    tell an exact multiple of 5 from a rounded count."""
    shown = _count_shown(n, rules)
    return f"fewer than {rules.threshold}" if shown is None else f"{shown:,}"


def fmt_mean(x: float | None) -> str:
    return NOT_SHOWN if x is None or math.isnan(x) else f"{x:.1f}"


def fmt_share(x: float | None) -> str:
    return NOT_SHOWN if x is None or math.isnan(x) else f"{x:.0%}"


def pulse_results(pulse: Pulse, *, org_type: str | None = None, role_group: str | None = None) -> Results:
    rules = Rules(pulse.threshold)
    waves, questions, answers, people = _load(pulse, org_type, role_group)
    filtered = org_type is not None or role_group is not None
    wave_index = {w.pk: i for i, w in enumerate(waves)}
    n_w = len(waves)

    # People per wave: everyone, this view, and the views this one sits inside (for differencing).
    p_wave = (
        np.array([wave_index[w] for w in people[:, 0]], dtype=np.int64) if len(people) else np.zeros(0, int)
    )
    p_org, p_role = people[:, 1].astype(str), people[:, 2].astype(str)
    p_count = people[:, 4].astype(np.int64) if len(people) else np.zeros(0, np.int64)
    p_quad = people[:, 3].astype(np.int64) if len(people) else np.zeros(0, np.int64)

    def per_wave(keep: np.ndarray) -> np.ndarray:
        return np.bincount(p_wave[keep], weights=p_count[keep], minlength=n_w).astype(np.int64)

    everyone = per_wave(np.ones(len(p_count), dtype=bool))
    in_view = per_wave(_mask(p_org, p_role, org_type, role_group))
    supersets = [everyone]
    if org_type is not None and role_group is not None:
        supersets += [
            per_wave(_mask(p_org, p_role, org_type, None)),
            per_wave(_mask(p_org, p_role, None, role_group)),
        ]
    refusals: list[str | None] = [
        differencing_refusal(int(in_view[i]), [int(s[i]) for s in supersets], rules) if filtered else None
        for i in range(n_w)
    ]
    for i in range(n_w):
        if not filtered and rules.is_small(int(in_view[i])):
            refusals[i] = f"Fewer than {rules.threshold} people answered this wave."

    # Answers: per question and wave, the number answering, the sum of scores and the number agreeing.
    q_index = {q.pk: i for i, q in enumerate(questions)}
    n = np.zeros((len(questions), n_w), dtype=np.int64)
    total = np.zeros_like(n)
    agree = np.zeros_like(n)
    if len(answers):
        qi = _index(answers[:, 1], q_index)
        wi = _index(answers[:, 0], wave_index)
        value, count = answers[:, 2], answers[:, 3]
        np.add.at(n, (qi, wi), count)
        np.add.at(total, (qi, wi), count * value)
        np.add.at(agree, (qi, wi), count * (value >= AGREE_FROM))

    trends: list[Trend] = []
    for qi_, question in enumerate(questions):
        if question.kind != Kind.SCALE or not n[qi_].any():
            continue
        points = []
        for wi_, wave in enumerate(waves):
            k = int(n[qi_, wi_])
            ok = refusals[wi_] is None and rules.enough(k)
            points.append(
                Point(
                    wave=wave.number,
                    people=k,
                    people_text=_count_text(k, rules) if refusals[wi_] is None else NOT_SHOWN,
                    mean=total[qi_, wi_] / k if ok else None,
                    agree=rounded_share(int(agree[qi_, wi_]), k, rules) if ok else None,
                    refused=refusals[wi_],
                    people_shown=_count_shown(k, rules) if refusals[wi_] is None else None,
                )
            )
        trends.append(Trend(question, SHORT_NAMES.get(question.key, question.text), points))
    _spc(trends, n_w)

    results = Results(
        pulse=pulse,
        waves=waves,
        questions=questions,
        trends=trends,
        refusal=next((r for r in reversed(refusals) if r), None) if filtered else None,
        quadrant=[],
        filtered=filtered,
    )
    if n_w:
        last = _last_shown(in_view, refusals, rules)
        if last is not None:
            keep = _mask(p_org, p_role, org_type, role_group) & (p_wave == last)
            _quadrants(results, p_quad[keep], p_count[keep], rules)
            if not filtered:
                here = p_wave == last
                _breakdowns(results, questions, waves[last], p_org[here], p_role[here], p_count[here], rules)
                _comments(results, waves[last], int(everyone[last]), rules)
    results.summary = summary(results)
    return results


def _index(ids: np.ndarray, index: dict[int, int]) -> np.ndarray:
    """Database ids to row numbers, on whole columns."""
    if not len(ids):
        return np.zeros(0, dtype=np.int64)
    keys = np.fromiter(index.keys(), dtype=np.int64, count=len(index))
    rows = np.fromiter(index.values(), dtype=np.int64, count=len(index))
    order = np.argsort(keys)
    found = np.searchsorted(keys[order], ids.astype(np.int64))
    out: np.ndarray = rows[order][found]
    return out


def _spc(trends: list[Trend], n_w: int) -> None:
    """One batch call for every question's chart of wave means, and one for the share agreeing
    (XmR, higher is better)."""
    for trend in trends:
        trend.mean_line.point_types = [None] * n_w
        trend.agree_line.point_types = [None] * n_w

    def mean_line(t: Trend) -> SpcLine:
        return t.mean_line

    def agree_line(t: Trend) -> SpcLine:
        return t.agree_line

    def mean(p: Point) -> float | None:
        return p.mean

    def agree(p: Point) -> float | None:
        return None if p.agree is None else 100 * p.agree

    for line_of, value_of in ((mean_line, mean), (agree_line, agree)):
        charted = [t for t in trends if sum(value_of(p) is not None for p in t.points) >= 2]
        if not charted:
            continue
        values = np.array(
            [[math.nan if value_of(p) is None else value_of(p) for p in t.points] for t in charted]
        )
        batch = analyse_batch(values, lengths=np.full(len(charted), n_w), improvement="increase")
        for i, trend in enumerate(charted):
            spc = batch.series(i)
            line = line_of(trend)
            line.centre = [_num(x) for x in spc.centre]
            line.lower = [_num(x) for x in spc.lower]
            line.upper = [_num(x) for x in spc.upper]
            line.point_types = list(spc.point_type)
            line.variation = spc.variation_icon


def _num(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def _last_shown(in_view: np.ndarray, refusals: list[str | None], rules: Rules) -> int | None:
    for i in range(len(refusals) - 1, -1, -1):
        if refusals[i] is None and rules.enough(int(in_view[i])):
            return i
    return None


QUADRANT_ORDER = (Quadrant.INCLUSION, Quadrant.ASSIMILATION, Quadrant.DIFFERENTIATION, Quadrant.EXCLUSION)
QUADRANT_MEANING = {
    Quadrant.INCLUSION: "belong, and feel their difference is valued",
    Quadrant.ASSIMILATION: "belong, but feel they must fit in",
    Quadrant.DIFFERENTIATION: "feel valued for who they are, but not part of it",
    Quadrant.EXCLUSION: "feel neither",
}


def _quadrants(results: Results, quadrant: np.ndarray, count: np.ndarray, rules: Rules) -> None:
    counts = np.bincount(quadrant, weights=count, minlength=5).astype(np.int64)
    cells = [int(counts[q]) for q in QUADRANT_ORDER]
    shown = protect_counts(cells, rules)
    whole = sum(cells)
    # Shares of the total added up from the rounded cells, never of the exact total.
    total = shown.shown_total()
    for q, cell, value in zip(QUADRANT_ORDER, cells, shown.shown(), strict=True):
        share = (
            value / total
            if value is not None
            and total
            and rules.enough(whole)
            and rounded_share(cell, whole, rules) is not None
            else None
        )
        results.quadrant.append(
            (
                f"{q.label}: {QUADRANT_MEANING[q]}",
                f"fewer than {rules.threshold}" if value is None else f"{value:,}",
                fmt_share(share),
            )
        )
        if share is not None:
            results.quadrant_shown[int(q)] = share


def _breakdowns(
    results: Results,
    questions: list[Question],
    wave: Wave,
    org: np.ndarray,
    role: np.ndarray,
    count: np.ndarray,
    rules: Rules,
) -> None:
    """Means by organisation type and by role group in one wave, small groups merged first."""
    charted = {t.question.pk for t in results.trends}
    scale = [q for q in questions if q.kind == Kind.SCALE and q.pk in charted]
    for field_name, labels, groups_of, target in (
        ("org_type", ORG_LABELS, org, results.by_org),
        ("role_group", ROLE_LABELS, role, results.by_role),
    ):
        people_by: dict[str, int] = defaultdict(int)
        for label, k in zip(groups_of, count, strict=True):
            people_by[str(label)] += int(k)
        merged = merge_small_groups(people_by, rules)
        sizes: dict[str, int] = defaultdict(int)
        for label, k in people_by.items():
            sizes[merged[label]] += k
        sums: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
        rows = (
            AnswerTally.objects.filter(wave=wave, count__gt=0)
            .values(field_name, "question_id")
            .annotate(n=Sum("count"), total=Sum(F("count") * F("value")))
            .values_list(field_name, "question_id", "n", "total")
            .order_by()
        )
        for label, question_id, k, total in rows:
            acc = sums[(merged.get(str(label), str(label)), int(question_id))]
            acc[0] += int(k)
            acc[1] += int(total)
        names = sorted(sizes)
        for g, shown in zip(names, protect_counts([sizes[g] for g in names], rules).shown(), strict=True):
            means = []
            for q in scale:
                k, s = sums.get((g, q.pk), [0, 0])
                means.append(fmt_mean(s / k) if rules.enough(k) and shown is not None else NOT_SHOWN)
            name = labels.get(g, g) or "Preferred not to say"
            size_text = f"fewer than {rules.threshold}" if shown is None else f"{shown:,}"
            target.append(GroupRow(name, size_text, means))


def _comments(results: Results, wave: Wave, answered: int, rules: Rules) -> None:
    rows = list(
        Comment.objects.filter(wave=wave, redacted=False)
        .order_by("question__position", "pk")
        .values_list("pk", "question_id", "text")
    )
    names = {q.pk: SHORT_NAMES.get(q.key, q.text) for q in results.questions}
    grouped: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, question_id, text in rows:
        grouped[question_id].append((pk, text))
    if not rules.enough(answered):
        results.comments_note = (
            f"Comments appear once at least {rules.threshold} people have answered, "
            "so no one can be picked out."
        )
        return
    for question_id, items in grouped.items():
        shown = visible_comments(items, answered, rules=rules)
        if shown:
            results.comments.append((names.get(question_id, "Comments"), shown))


def summary(results: Results) -> list[str]:
    lines = []
    fell = [t.name.lower() for t in results.trends if t.fell]
    if fell:
        lines.append(f"A real fall, not just noise: {', '.join(fell)} dropped in the latest wave.")
    energies = [t for t in results.energies if t.latest is not None]
    if energies:
        lowest = min(energies, key=lambda t: t.latest or 0)
        lines.append(
            f"Of the four energies, {lowest.name.lower()} is lowest at {fmt_mean(lowest.latest)} out of 5."
        )
    agency = next((t for t in results.trends if t.question.key == "agency"), None)
    if agency and agency.points and agency.points[-1].agree is not None:
        lines.append(f"{fmt_share(agency.points[-1].agree)} feel they have permission and the power to act.")
    inclusion = results.quadrant_shown.get(int(Quadrant.INCLUSION))
    if inclusion is not None:
        lines.append(f"{fmt_share(inclusion)} both belong and feel their difference is valued.")
    if not lines:
        lines.append(
            f"Not enough answers yet to show anything: results appear once at least "
            f"{results.pulse.threshold} people have answered."
        )
    return lines


def export_rows(results: Results) -> list[list[str]]:
    """The CSV: one row per wave and question, every number through the engine, and every cell safe
    to open in a spreadsheet (convenors type question text, which could start with "=")."""
    rows = [["wave", "question", "people answering", "mean (1 to 5)", "share agreeing"]]
    for trend in results.trends:
        for point in trend.points:
            rows.append(
                [str(point.wave), trend.name, point.people_text, fmt_mean(point.mean), fmt_share(point.agree)]
            )
    return [[neutralise(cell) for cell in row] for row in rows]


def answer_table(pulse: Pulse, wave: Wave) -> tuple[list[str], list[list[int | None]]]:
    """Counts of each score for each question in a wave, protected as a whole table (for the CSV)."""
    questions = [q for q in wave.questions.all() if q.kind == Kind.SCALE]
    cells = np.zeros((len(questions), 5), dtype=np.int64)
    index = {q.pk: i for i, q in enumerate(questions)}
    for question_id, value, count in AnswerTally.objects.filter(wave=wave, count__gt=0).values_list(
        "question_id", "value", "count"
    ):
        if question_id in index:
            cells[index[question_id], value - 1] += count
    shown = protect_table(cells, Rules(pulse.threshold))
    return [SHORT_NAMES.get(q.key, q.text) for q in questions], shown.shown_rows()


@dataclass(frozen=True)
class WaveRate:
    """How many have answered a wave, as shown to people: through the disclosure engine."""

    share: str | None  # "62%", or None when withheld
    answered: str  # "45" (rounded to 5), or "fewer than 8"
    bar: int  # 0 to 100, for the progress bar (0 when withheld: the bar is not drawn)
    sentence: str  # what to say when the share is withheld


def wave_rate(wave: Wave, threshold: int) -> WaveRate:
    rules = Rules(threshold)
    share = rounded_share(wave.answered, wave.invited, rules) if wave.invited else None
    answered = _count_text(wave.answered, rules)
    if share is None:
        if not wave.invited:
            sentence = "Nobody has been asked yet."
        elif rules.is_small(wave.answered) or not wave.answered:
            sentence = f"Fewer than {threshold} people have answered so far, so the rate is not shown yet."
        else:
            sentence = (
                "Almost everyone has answered. The exact rate is not shown, so no one can be picked out."
            )
        return WaveRate(None, answered, 0, sentence)
    return WaveRate(fmt_share(share), answered, round(share * 100), "")
