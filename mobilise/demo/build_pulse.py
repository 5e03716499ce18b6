"""Demo content for pulses: six monthly waves in each demo programme. In the first programme emotional
and spiritual energy fall in the latest wave, so its home shows the "energy has fallen" prompt.

The answers are written as the counts they add up to (the only form in which answers are ever
stored), drawn from a fixed random seed so the demo is the same every time and fast to build."""

from __future__ import annotations

import zlib
from datetime import timedelta
from typing import Any

import numpy as np

from mobilise.pulse import services
from mobilise.pulse.models import (
    ORG_TYPES,
    ROLE_GROUPS,
    AnswerTally,
    Comment,
    Kind,
    PeopleTally,
    Quadrant,
    Wave,
)

from .content import PROGRAMMES
from .content.people import CONVENOR

WAVES = 6
PEOPLE_PER_WAVE = (46, 52, 49, 55, 51, 48)
LEVELS = {"physical": 3.4, "intellectual": 3.9, "emotional": 3.7, "spiritual": 3.8}
COMMENTS = (
    "Protected time on Thursday afternoons would make the biggest difference.",
    "Hearing how the first practices got on really helped.",
    "I worry we stop once the numbers look better.",
    "More chance to talk to colleagues in other organisations, not just our own.",
    "Please keep the updates short.",
    "It would help to know who to ask when something gets stuck.",
    "Our team is stretched, but this feels worth it.",
    "Winter pressures are starting to bite.",
)
ORGS = [v for v, _ in ORG_TYPES if v in ("nhs_trust", "gp_practice", "local_authority", "voluntary", "")]
ROLES = [v for v, _ in ROLE_GROUPS]


def build(spec: Any, programme: Any, people: Any, clock: Any) -> None:
    convenor = people[CONVENOR]
    rng = np.random.default_rng(zlib.crc32(spec.slug.encode()))
    falls = spec.slug == PROGRAMMES[0].slug
    pulse = services.pulse_create(
        programme=programme, name="Monthly energy pulse", cadence=28, threshold=8, user=convenor
    )
    questions = [q for q in pulse.questions.all() if q.asked_by_default]
    scale = [q for q in questions if q.kind == Kind.SCALE]
    today = clock.now.date()
    for w in range(WAVES):
        opens = today - timedelta(days=28 * (WAVES - 1 - w) + 3)
        sent = services.wave_open(
            pulse=pulse,
            questions=questions,
            opens_on=opens,
            closes_on=opens + timedelta(days=7),
            user=convenor,
            emails=[],
        )
        wave = sent.wave
        n = PEOPLE_PER_WAVE[w]
        org = rng.integers(0, len(ORGS), n)
        role = rng.integers(0, len(ROLES), n)
        scores = {}
        for q in scale:
            level = LEVELS.get(q.key, 3.6) + 0.04 * w
            if falls and w == WAVES - 1 and q.key in ("emotional", "spiritual"):
                level -= 1.3
            scores[q.key] = np.clip(np.rint(rng.normal(level, 0.8, n)), 1, 5).astype(int)
        rows = []
        for q in scale:
            key = org * 100 + role * 10 + scores[q.key]
            codes, counts = np.unique(key, return_counts=True)
            rows += [
                AnswerTally(
                    wave=wave,
                    question=q,
                    org_type=ORGS[c // 100],
                    role_group=ROLES[(c // 10) % 10],
                    value=c % 10,
                    count=k,
                )
                for c, k in zip(codes.tolist(), counts.tolist(), strict=True)
            ]
        AnswerTally.objects.filter(wave=wave).delete()
        AnswerTally.objects.bulk_create(rows)
        quadrant = np.full(n, int(Quadrant.UNKNOWN))
        if "belonging" in scores and "valued" in scores:
            quadrant = 1 + (scores["belonging"] >= 4) * 1 + (scores["valued"] >= 4) * 2
        codes, counts = np.unique(org * 100 + role * 10 + quadrant, return_counts=True)
        PeopleTally.objects.filter(wave=wave).delete()
        PeopleTally.objects.bulk_create(
            PeopleTally(
                wave=wave, org_type=ORGS[c // 100], role_group=ROLES[(c // 10) % 10], quadrant=c % 10, count=k
            )
            for c, k in zip(codes.tolist(), counts.tolist(), strict=True)
        )
        helps = next((q for q in questions if q.key == "help"), None)
        if helps is not None:
            picked = rng.choice(len(COMMENTS), 4, replace=False)
            Comment.objects.bulk_create(Comment(wave=wave, question=helps, text=COMMENTS[i]) for i in picked)
        Wave.objects.filter(pk=wave.pk).update(answered=n, invited=n + 20)
