"""What a respondent sees at each step: consent, one page per question, then check and send."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import Question, Respondent, RosterEntry, Survey, Tie

SHOW_ALL_UP_TO = 60
MAX_RESULTS = 50


@dataclass(frozen=True)
class Step:
    number: int  # 0 = consent, 1..n = questions, n + 1 = check and send
    total_questions: int

    @property
    def is_consent(self) -> bool:
        return self.number == 0

    @property
    def is_check(self) -> bool:
        return self.number == self.total_questions + 1

    @property
    def question_index(self) -> int:
        return self.number - 1


def step_for(respondent: Respondent | None, requested: str | None, total_questions: int) -> Step:
    """The step asked for, never past where the respondent could be; consent first."""
    if respondent is None or respondent.consented_at is None:
        return Step(0, total_questions)
    furthest = min(max(respondent.step, 1), total_questions + 1)
    try:
        wanted = int(requested) if requested else furthest
    except ValueError:
        wanted = furthest
    return Step(min(max(wanted, 1), total_questions + 1), total_questions)


def offered(survey: Survey, me: RosterEntry) -> QuerySet[RosterEntry]:
    """Who this respondent may choose or see: the published roster and names they typed in themselves.

    Names typed in by other respondents are never offered: their ids are small sequential numbers,
    so checking only "on this survey's roster" would let anyone read them.
    """
    mine = Tie.objects.filter(survey=survey, source=me).values("target_id")
    return (
        RosterEntry.objects.filter(survey=survey).filter(Q(typed_in=False) | Q(pk__in=mine)).exclude(pk=me.pk)
    )


def offered_ids(survey: Survey, me: RosterEntry) -> set[int]:
    return set(offered(survey, me).values_list("pk", flat=True))


def chosen_entries(respondent: Respondent, question: Question) -> list[RosterEntry]:
    return list(
        RosterEntry.objects.filter(ties_in__source=respondent.entry, ties_in__question=question).order_by(
            "name"
        )
    )


def listed_entries(survey: Survey, me: RosterEntry, find: str) -> tuple[list[RosterEntry], bool]:
    """People to choose from: everyone when the list is short, else those matching the search.

    Names typed in by other respondents are never listed. Returns (entries, searched).
    """
    people = RosterEntry.objects.filter(survey=survey, typed_in=False).exclude(pk=me.pk).order_by("name")
    if find.strip():
        return list(people.filter(name__icontains=find.strip())[:MAX_RESULTS]), True
    if people.count() <= SHOW_ALL_UP_TO:
        return list(people), False
    return [], False


def answers_by_question(
    respondent: Respondent, questions: list[Question]
) -> list[tuple[Question, list[str]]]:
    names: dict[int, list[str]] = {q.pk: [] for q in questions}
    for question_id, name in (
        Tie.objects.filter(source=respondent.entry, question__in=questions)
        .order_by("target__name")
        .values_list("question_id", "target__name")
    ):
        names[question_id].append(name)
    return [(q, names[q.pk]) for q in questions]
