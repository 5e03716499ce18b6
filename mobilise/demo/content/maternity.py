"""Demo programme 2: a five-year vision for maternity across six boroughs.

A fictional alliance, early in its first round: still framing the vision, with two components
(spread and improvement methodology) not yet touched, which the workspace highlights.
"""

from __future__ import annotations

from mobilise.accounts.models import OrganisationType as T
from mobilise.demo.spec import (
    AlignmentSpec,
    InvitationSpec,
    Member,
    NoteSpec,
    Org,
    ProgrammeSpec,
    PurposeRevision,
    StageStep,
    StatusChange,
)
from mobilise.programmes.models import Stage
from mobilise.programmes.roles import Role
from mobilise.workspace.models import NoteKind, Relationship, Status, TensionStatus

from .people import CONVENOR, FACILITATOR

PROGRAMME = ProgrammeSpec(
    slug="six-borough-maternity-vision",
    name="A five-year vision for maternity across six boroughs",
    challenge=(
        "Agree one five-year vision for maternity care across Ashby Vale, Brookwood, Cressington, "
        "Dalemere, Eastholm and Fernley that every trust, commissioner and council can sign up to, "
        "shaped by the women and families who use the services."
    ),
    convenor_org="icb",
    started_days_ago=150,
    orgs=(
        Org("icb", "South Riverside Integrated Care Board", T.COMMISSIONER, "DEMO21"),
        Org(
            "brookwood",
            "Brookwood and Cressington University Hospitals NHS Foundation Trust",
            T.NHS_TRUST,
            "DEMO22",
        ),
        Org("dalemere", "Dalemere and Fernley Hospitals NHS Trust", T.NHS_TRUST, "DEMO23"),
        Org("councils", "Six boroughs' children and families partnership", T.LOCAL_AUTHORITY),
        Org("public_health", "South Riverside public health network", T.PUBLIC_HEALTH),
        Org("mvp", "South Riverside Maternity Voices Partnership", T.PATIENT_GROUP),
        Org("doulas", "Bumps and Beyond community doulas", T.VOLUNTARY),
        Org("healthwatch", "Healthwatch Brookwood", T.HEALTHWATCH),
    ),
    members=(
        Member(FACILITATOR, Role.FACILITATOR, None, 148),
        Member("helen.osei", Role.MEMBER, "brookwood", 147),
        Member("sinead.maguire", Role.MEMBER, "icb", 147),
        Member("rebecca.lowe", Role.MEMBER, "dalemere", 140),
        Member("amira.haddad", Role.MEMBER, "mvp", 139),
        Member("tom.whitfield", Role.MEMBER, "public_health", 120),
        Member("kemi.adeyemi", Role.MEMBER, "doulas", 115),
        Member("tanya.brooks", Role.MEMBER, "healthwatch", 60),
        Member("martin.cole", Role.VIEWER, "brookwood", 90),
    ),
    purpose=(
        PurposeRevision(
            140,
            CONVENOR,
            "Starting point from the first workshop",
            statement="Safer, kinder maternity care across the six boroughs.",
            why_it_matters="Births are rising, more women arrive with diabetes or obesity, and our "
            "caesarean and breastfeeding rates are out of line with similar areas.",
        ),
        PurposeRevision(
            61,
            "helen.osei",
            "Rewritten with what women told the maternity voices partnership",
            statement="Every woman and family in our six boroughs is known, listened to and safe, from the "
            "first positive test to the months after birth, whichever hospital or borough they are in.",
            why_it_matters="Births are rising and more women start pregnancy with diabetes, obesity or a "
            "mental health condition. Women told the maternity voices partnership that care feels "
            "fragmented: a different midwife at every appointment, and support that drops away a few "
            "weeks after the birth. Women who book late, or who do not speak English, fare worst.",
            who_for="Pregnant women, birthing people and their families living in the six boroughs, and "
            "the midwives, obstetricians, health visitors and doulas who care for them.",
            values="- Listen first, especially to those who are seldom heard\n"
            "- Continuity wherever we can offer it\n"
            "- One vision, six boroughs: nobody's postcode decides their care",
            what_good_looks_like="In five years: most women see the same small team of midwives throughout; "
            "earlier booking in every borough; perinatal mental health support without a long wait; "
            "breastfeeding support that lasts beyond the first fortnight; and women saying they felt "
            "listened to.",
        ),
    ),
    stages=(
        StageStep(
            Stage.FRAME,
            1,
            "Framing the vision: what do women and families need from us in five years?",
            150,
            CONVENOR,
        ),
    ),
    statuses={
        "purpose": (StatusChange(Status.EXPLORING, 140, CONVENOR),),
        "leadership": (StatusChange(Status.EXPLORING, 120, FACILITATOR),),
        "delivery": (StatusChange(Status.EXPLORING, 30, "sinead.maguire"),),
        "measurement": (
            StatusChange(Status.EXPLORING, 88, "tom.whitfield"),
            StatusChange(Status.NEEDS_ATTENTION, 25, "tom.whitfield"),
        ),
        "system_drivers": (StatusChange(Status.NEEDS_ATTENTION, 75, "sinead.maguire"),),
        "engagement": (
            StatusChange(Status.EXPLORING, 110, "kemi.adeyemi"),
            StatusChange(Status.IN_PLACE, 40, "amira.haddad"),
        ),
    },
    notes=(
        NoteSpec(
            "purpose",
            NoteKind.NOTE,
            140,
            CONVENOR,
            "Why one vision and not six",
            """\
            Each borough has had its own maternity plan, but both trusts serve women from several
            boroughs, and no single commissioner buys everything a woman needs (health visiting sits
            with the councils, for example). Six plans mean six sets of priorities for the same midwives.

            The ask of this group: one vision the whole system can hold itself to.""",
        ),
        NoteSpec(
            "purpose",
            NoteKind.EVIDENCE,
            96,
            "amira.haddad",
            "What 212 women told the partnership",
            """\
            Survey and six listening sessions over four months. The strongest themes:

            - seeing a different midwife every time, and repeating the same history
            - postnatal support that stops just when things get hard
            - interpreters booked late or not at all
            - partners made to feel like visitors

            Quotes and the full analysis are in the partnership's report.""",
        ),
        NoteSpec(
            "purpose",
            NoteKind.DECISION,
            61,
            "helen.osei",
            "Draft two goes to women before any board",
            """\
            We agreed the second draft of the purpose and vision goes back to the maternity voices
            partnership and the doula groups first. Boards see it only after women have said whether it
            sounds like them.""",
        ),
        NoteSpec(
            "leadership",
            NoteKind.NOTE,
            120,
            FACILITATOR,
            "Leaders we have, leaders we need",
            """\
            The vision group is mostly senior managers and consultants. Missing so far: community
            midwives, health visitors, a GP, and anyone from the councils' early help teams.

            Suggestion: each member brings one person from the front line to the next session.""",
        ),
        NoteSpec(
            "leadership",
            NoteKind.DECISION,
            45,
            CONVENOR,
            "A parent co-chair",
            """\
            From next month the vision group is co-chaired by Helen and Amira. Amira's time is paid at
            the partnership's usual rate. Dr Lowe will lead the clinical safety strand.""",
        ),
        NoteSpec(
            "delivery",
            NoteKind.NOTE,
            30,
            "sinead.maguire",
            "Working back from the system strategy deadline",
            """\
            The system five-year strategy closes for contributions in six months. Working back:

            - listening events in all six boroughs within three months
            - draft three of the vision to both trust boards in month four
            - council sign-off through the children and families partnership in month six

            Tight but possible if we do not add more workstreams.""",
        ),
        NoteSpec(
            "measurement",
            NoteKind.EVIDENCE,
            88,
            "tom.whitfield",
            "A first baseline across the boroughs",
            """\
            Draft dataset, last full year, for discussion only:

            - caesarean births range from about a quarter to over a third of births by borough
            - breastfeeding at six to eight weeks ranges from under half to nearly two thirds
            - booking after twelve weeks of pregnancy is highest in the two boroughs with the most
              women who do not speak English as a first language

            The spread between boroughs is the story, more than the averages.""",
        ),
        NoteSpec(
            "measurement",
            NoteKind.NOTE,
            25,
            "tom.whitfield",
            "Trusts record booking dates differently",
            """\
            One trust records the booking date as the first midwife appointment, the other as the date
            of the referral. Late booking looks twice as bad at one hospital purely because of this.

            We need one definition before any of these numbers go in the vision.""",
        ),
        NoteSpec(
            "system_drivers",
            NoteKind.NOTE,
            75,
            "sinead.maguire",
            "Contracts are per trust; the vision is per system",
            """\
            Each trust has its own contract and its own maternity safety incentive actions. Health
            visiting is funded from the councils' public health grant. None of these was designed
            around a woman's whole journey.

            Early thought: a shared outcomes schedule in both trust contracts, agreed with the councils.""",
        ),
        NoteSpec(
            "engagement",
            NoteKind.NOTE,
            110,
            "kemi.adeyemi",
            "Reaching women who do not come to meetings",
            """\
            The doulas run groups in community centres, mosques and a food bank. Women there will talk
            to us, but they will not come to a hospital meeting room at 2pm. We offered to hold the next
            listening sessions in those places, with childcare and interpreters.""",
        ),
        NoteSpec(
            "engagement",
            NoteKind.DECISION,
            40,
            "amira.haddad",
            "Listening events in all six boroughs",
            """\
            One event in each borough before the vision is final, held in community venues, with
            interpreters booked in advance. Each event has a midwife and a parent facilitating together.""",
        ),
        NoteSpec(
            "engagement",
            NoteKind.EVIDENCE,
            14,
            "tanya.brooks",
            "A quick win idea from local pharmacies",
            """\
            Three boroughs are trying a leaflet inside pregnancy tests sold at local pharmacies, with the
            self-referral number and a line in the five most common local languages. Eleven pharmacies
            are taking part. Early feedback from pharmacists is positive; we will look at booking times
            in three months.""",
        ),
    ),
    alignments=(
        AlignmentSpec(
            "purpose",
            "system_drivers",
            Relationship.TENSION,
            TensionStatus.OPEN,
            50,
            "rebecca.lowe",
            "The vision promises continuity of carer for most women, but both trusts are short of midwives "
            "and contracts reward the number of births rather than who cares for the woman. Staff fear "
            "being held to a promise the money does not cover.",
            "Write it into the vision as a phased commitment and ask the ICB finance lead to cost it.",
        ),
        AlignmentSpec(
            "purpose",
            "measurement",
            Relationship.TENSION,
            TensionStatus.ADDRESSED,
            70,
            "amira.haddad",
            "A headline measure on caesarean rates could be read as a target to reduce them, which would "
            "cut across women's choice about how they give birth.",
            "Report caesarean rates alongside experience and outcome measures, with no target attached.",
        ),
        AlignmentSpec(
            "engagement",
            "measurement",
            Relationship.REINFORCING,
            TensionStatus.SETTLED,
            60,
            "tom.whitfield",
            "The partnership's survey questions will be repeated every year, so what women tell us becomes "
            "one of our main measures rather than a one-off consultation.",
        ),
        AlignmentSpec(
            "leadership",
            "engagement",
            Relationship.REINFORCING,
            TensionStatus.SETTLED,
            45,
            FACILITATOR,
            "Having a parent co-chair changes who speaks first in the vision group and who feels able to "
            "challenge.",
        ),
    ),
    invitations=(
        InvitationSpec(
            "naomi.fraser",
            Role.MEMBER,
            "public_health",
            3,
            CONVENOR,
            "We would love a health visiting lead in the vision group.",
        ),
    ),
)
