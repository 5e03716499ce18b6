"""Demo programme 1: integrated neighbourhood teams for adults with complex needs.

A fictional alliance modelled on a borough-and-place partnership in the North East: on its second
time round the cycle after a soft launch in Hebburn, getting ready for Jarrow.
"""

from __future__ import annotations

from mobilise.accounts.models import OrganisationType as T
from mobilise.demo.spec import (
    AlignmentSpec,
    AudienceSpec,
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

STATEMENT = (
    "Adults with complex needs in Hebburn and Jarrow get joined-up support from one neighbourhood "
    "team that knows them, so they can stay well and independent at home for as long as possible."
)

PROGRAMME = ProgrammeSpec(
    slug="hebburn-jarrow-neighbourhood-teams",
    name="Integrated neighbourhood teams in Hebburn and Jarrow",
    challenge=(
        "Bring community nursing, adult social care, GP practices and local voluntary groups together "
        "in neighbourhood teams around adults with complex needs, so fewer people are admitted to "
        "hospital and nobody has to tell their story five times."
    ),
    convenor_org="icb",
    started_days_ago=280,
    orgs=(
        Org("icb", "Tyne Estuary Integrated Care Board (south place team)", T.COMMISSIONER, "DEMO11"),
        Org("trust", "Tyne Estuary Hospitals and Community NHS Foundation Trust", T.NHS_TRUST, "DEMO12"),
        Org("riverside", "Hebburn Riverside Medical Group", T.GP_PRACTICE, "DEMO13"),
        Org("quay", "Jarrow Quay Surgery", T.GP_PRACTICE),
        Org("council", "Estuary Borough Council: adult social care", T.LOCAL_AUTHORITY),
        Org("public_health", "Estuary Borough public health team", T.PUBLIC_HEALTH),
        Org("neighbours", "Hebburn and Jarrow Good Neighbours", T.VOLUNTARY),
        Org("healthwatch", "Healthwatch Estuary", T.HEALTHWATCH),
    ),
    members=(
        Member("denise.carr", Role.CONVENOR, "council", 276),
        Member(FACILITATOR, Role.FACILITATOR, None, 275),
        Member("farah.siddiqui", Role.MEMBER, "riverside", 270),
        Member("joanne.reay", Role.MEMBER, "trust", 270),
        Member("mick.hetherington", Role.MEMBER, "council", 262),
        Member("ian.pratt", Role.MEMBER, "public_health", 250),
        Member("carol.dunn", Role.MEMBER, "neighbours", 240),
        Member("gordon.bell", Role.MEMBER, "healthwatch", 238),
        Member("lesley.brannigan", Role.MEMBER, "trust", 196),
        Member("maureen.tait", Role.VIEWER, "council", 180),
    ),
    purpose=(
        PurposeRevision(
            240,
            CONVENOR,
            "First draft from the vision workshop",
            statement="Join up health and social care for adults with complex needs in Hebburn and Jarrow.",
            why_it_matters="People with several long-term conditions are seen by many teams that do not "
            "talk to each other, and too many end up in hospital in a crisis.",
        ),
        PurposeRevision(
            200,
            "denise.carr",
            "Added values and what good looks like after the Healthwatch reference group",
            statement=STATEMENT,
            why_it_matters="People with several long-term conditions are visited by district nurses, "
            "social workers, therapists and their GP, often in the same week, and still fall through "
            "the gaps. Crises end in A&E because nobody had the whole picture.",
            who_for="Adults registered with Hebburn and Jarrow practices who have complex health and care "
            "needs, and the family members and friends who care for them.",
            values="- Start with what matters to the person, not with our services\n"
            "- One team, whoever employs us\n- Share what we know, honestly and early",
            what_good_looks_like="Each person has one named care co-ordinator and one number to ring. "
            "Fewer emergency admissions. Staff say it is the best team they have worked in.",
        ),
        PurposeRevision(
            55,
            "gordon.bell",
            "Reframed for round two: independence and carers put first",
            statement=STATEMENT,
            why_it_matters="People with several long-term conditions are visited by district nurses, "
            "social workers, therapists and their GP, often in the same week, and still fall through "
            "the gaps. Crises end in A&E because nobody had the whole picture.\n\n"
            "In the Hebburn soft launch, people told us the biggest difference was **being known**: "
            "one person who rang back, and not having to repeat their history at every visit.",
            who_for="Adults registered with Hebburn and Jarrow practices who have complex health and care "
            "needs, **and the family carers who hold everything together**, many of whom are frail "
            "themselves.",
            values="- Start with what matters to the person, not with our services\n"
            "- One team, whoever employs us\n- Share what we know, honestly and early\n"
            "- Carers are partners in care, not visitors",
            what_good_looks_like="- Every person on the caseload has one named care co-ordinator and one "
            "number to ring\n- Emergency admissions for the caseload fall and stay down\n"
            "- Carers say they feel listened to and less alone\n"
            "- Staff from every partner say they would recommend the team as a place to work\n"
            "- Jarrow is running the same core model by the end of the year",
        ),
    ),
    stages=(
        StageStep(
            Stage.FRAME,
            1,
            "Agreeing the problem: people with complex needs see too many teams.",
            280,
            CONVENOR,
        ),
        StageStep(
            Stage.ENGAGE,
            1,
            "Bringing practices, social care and volunteers into the design.",
            232,
            FACILITATOR,
        ),
        StageStep(
            Stage.CHANGE, 1, "The Hebburn prototype team is testing changes every week.", 186, FACILITATOR
        ),
        StageStep(
            Stage.ATTRACT,
            1,
            "Soft launch done; telling the story to Jarrow and the place board.",
            100,
            CONVENOR,
        ),
        StageStep(
            Stage.FRAME,
            2,
            "Round two: reframing around independence and carers before Jarrow.",
            56,
            FACILITATOR,
        ),
        StageStep(
            Stage.ENGAGE,
            2,
            "Bringing Jarrow practices, volunteers and people with lived experience into round two.",
            20,
            CONVENOR,
        ),
    ),
    statuses={
        "purpose": (
            StatusChange(Status.EXPLORING, 240, CONVENOR),
            StatusChange(Status.IN_PLACE, 200, "denise.carr"),
        ),
        "leadership": (
            StatusChange(Status.EXPLORING, 205, FACILITATOR),
            StatusChange(Status.IN_PLACE, 118, "denise.carr"),
        ),
        "spread": (StatusChange(Status.EXPLORING, 40, CONVENOR),),
        "methodology": (
            StatusChange(Status.EXPLORING, 190, "joanne.reay"),
            StatusChange(Status.IN_PLACE, 140, "joanne.reay"),
        ),
        "delivery": (
            StatusChange(Status.IN_PLACE, 100, CONVENOR),
            StatusChange(Status.NEEDS_ATTENTION, 18, "denise.carr"),
        ),
        "measurement": (
            StatusChange(Status.EXPLORING, 70, "ian.pratt"),
            StatusChange(Status.NEEDS_ATTENTION, 12, "ian.pratt"),
        ),
        "system_drivers": (
            StatusChange(Status.NEEDS_ATTENTION, 130, CONVENOR),
            StatusChange(Status.EXPLORING, 28, CONVENOR),
        ),
        "engagement": (
            StatusChange(Status.EXPLORING, 160, "carol.dunn"),
            StatusChange(Status.IN_PLACE, 21, "farah.siddiqui"),
        ),
    },
    notes=(
        NoteSpec(
            "purpose",
            NoteKind.DECISION,
            240,
            CONVENOR,
            "Purpose agreed at the vision workshop",
            """\
            Twenty-three of us from nine teams spent the morning on "what would a good week look like
            for Mrs B?" rather than on structures. We agreed a first version of the purpose and wrote it
            from the point of view of the person receiving care, not our organisations.

            Next step: Gordon takes the wording to the Healthwatch reference group before we publish it.""",
        ),
        NoteSpec(
            "purpose",
            NoteKind.EVIDENCE,
            52,
            "gordon.bell",
            "Telling your story again and again",
            """\
            Healthwatch volunteers talked to 31 people on the Hebburn caseload and their carers.

            - 19 had explained their history to three or more services in the past year
            - What they valued most: one named person who rings back
            - Carers asked to be included in huddle decisions, not told afterwards

            Full write-up is on the Healthwatch shared drive. This fed the round-two purpose.""",
        ),
        NoteSpec(
            "leadership",
            NoteKind.NOTE,
            205,
            FACILITATOR,
            "Who leads beyond the steering group?",
            """\
            We drew the network of who talks to whom about this work. Nearly every line runs through Alex
            or Denise, and only two frontline staff are connected to more than three others. That is a
            chain, not a web: if either of them is off, things stall.

            Suggested: each huddle names its own lead, and the care co-ordinators join the steering
            group.""",
        ),
        NoteSpec(
            "leadership",
            NoteKind.DECISION,
            120,
            "denise.carr",
            "Shared leadership of the Hebburn team",
            """\
            For the first six months the team lead role is shared by Joanne (community matron) and Mick
            (social care team manager). Both answer to the joint steering group for this work, not only to
            their own line managers.

            Both chief executives have signed a short letter saying staff have permission to try things
            without asking first. It is pinned up in the team base.""",
        ),
        NoteSpec(
            "spread",
            NoteKind.NOTE,
            40,
            CONVENOR,
            "Jarrow wants to go next: what must stay the same?",
            """\
            Jarrow practices asked to start within the next few months. Draft split for discussion:

            **Keep the same everywhere:** one named care co-ordinator, a weekly caseload huddle, one shared
            assessment, one phone number.

            **Adapt locally:** which voluntary groups join, where the team is based, huddle day and time.

            Please add comments before the steering group on the 14th.""",
        ),
        NoteSpec(
            "spread",
            NoteKind.EVIDENCE,
            33,
            FACILITATOR,
            "Learning from other neighbourhood models",
            """\
            Summary of the visit and calls with two areas that built teams on the Dutch Buurtzorg idea:
            small teams of around twelve who organise their own work for a patch.

            What transferred: the team plans its own rota; a coach rather than a manager; fewer handoffs.
            What did not: pay and terms differ by employer here, so self-rostering needs HR from both
            sides in the room from the start.""",
        ),
        NoteSpec(
            "methodology",
            NoteKind.DECISION,
            190,
            "joanne.reay",
            "Start small with one practice population",
            """\
            Rather than designing the whole service first, we will test with the patients of Hebburn
            Riverside who are on the complex care register (twelve people to begin with), review every
            Thursday, and only widen when the huddle is working.

            Each test goes on a PDSA sheet, including the ones that fail.""",
        ),
        NoteSpec(
            "methodology",
            NoteKind.NOTE,
            150,
            "lesley.brannigan",
            "PDSA 4: one phone number for families",
            """\
            - **Plan:** give the twelve families one mobile number, answered by whichever co-ordinator is on.
            - **Do:** ran for three weeks.
            - **Study:** 41 calls. Most were about visit times; three would otherwise have gone to 111.
            Evenings were the gap.
            - **Act:** adopt, and test an evening answerphone with a morning call-back next.""",
        ),
        NoteSpec(
            "delivery",
            NoteKind.NOTE,
            95,
            CONVENOR,
            "Soft launch: what slipped and why",
            """\
            The soft launch happened on the planned date, but:

            - shared record access for social care staff came five weeks late
            - the team base was not ready, so people worked from three buildings
            - the volunteer induction was squeezed into one afternoon

            None of this stopped the launch, but it cost goodwill. Logging as lessons for Jarrow.""",
        ),
        NoteSpec(
            "delivery",
            NoteKind.DECISION,
            18,
            "denise.carr",
            "Named owners for the three blockers",
            """\
            Jarrow cannot start until these are fixed. Agreed owners and dates:

            1. Shared records access for council staff: trust digital lead, end of next month
            2. Team base at the health centre: estates, six weeks
            3. Care co-ordinator posts funded beyond this financial year: Alex, via the place board

            We check these at every steering group until they close.""",
        ),
        NoteSpec(
            "measurement",
            NoteKind.EVIDENCE,
            70,
            "ian.pratt",
            "Emergency admissions for the caseload: run chart",
            """\
            Weekly emergency admissions for people on the Hebburn caseload: 26 weeks before the soft
            launch and 14 weeks since.

            Eight weeks in a row now sit below the baseline median, which is the first real signal
            rather than noise. The numbers are small (two to six a week), so please do not quote a
            percentage yet. Chart attached to the steering group papers.""",
        ),
        NoteSpec(
            "measurement",
            NoteKind.NOTE,
            12,
            "ian.pratt",
            "We define 'complex needs' three different ways",
            """\
            The trust uses a frailty score, the council uses eligible care needs and the practices use
            their own register. Depending on which we pick, the Jarrow caseload is 140, 210 or 95 people.

            Until we agree one definition we cannot compare Hebburn with Jarrow fairly. Proposal for the
            steering group: the practice register, checked against the frailty score.""",
        ),
        NoteSpec(
            "system_drivers",
            NoteKind.NOTE,
            130,
            CONVENOR,
            "Contracts pull people back to their own organisations",
            """\
            Community nursing is paid on contacts per nurse. Social care reviews are counted by the
            council against its own targets. Neither rewards a shared caseload, so each team's managers
            are asked questions that pull staff away from the huddle.

            The pooled budget from the Better Care Fund is the obvious lever, but its current plan
            funds services, not a team.""",
        ),
        NoteSpec(
            "system_drivers",
            NoteKind.DECISION,
            28,
            CONVENOR,
            "Ask the place board for pooled funding",
            """\
            We will ask the place board at its next meeting to fund the care co-ordinator posts and the
            team base from the pooled budget for two years, with the admissions run chart and the staff
            survey as the evidence. Denise is taking the same paper to the council's adult social care
            committee.""",
        ),
        NoteSpec(
            "engagement",
            NoteKind.NOTE,
            160,
            "carol.dunn",
            "Volunteers as part of the team, not an add-on",
            """\
            Good Neighbours volunteers now come to the Thursday huddle once a month. They spot things
            nobody else does: the empty fridge, the carer who has stopped going out.

            Asks: a named contact in the team for each volunteer, and a lanyard so they are not stopped
            at the health centre door.""",
        ),
        NoteSpec(
            "engagement",
            NoteKind.EVIDENCE,
            21,
            "farah.siddiqui",
            "Staff survey after the soft launch",
            """\
            38 of the 44 staff in or around the Hebburn team replied. 31 would recommend the team as a
            place to work. The most common comment was about time: "I finally have time to sort things
            out properly." The least liked: three IT systems and two sets of paperwork.""",
        ),
        NoteSpec(
            "engagement",
            NoteKind.NOTE,
            8,
            "gordon.bell",
            "Round two: people with lived experience in the room",
            """\
            For Jarrow, two people from the Hebburn caseload and one carer have offered to join the design
            sessions and tell their story at the practice meetings. We should pay their travel and offer
            a voucher for their time, as Healthwatch does.""",
        ),
    ),
    alignments=(
        AlignmentSpec(
            "purpose",
            "system_drivers",
            Relationship.TENSION,
            TensionStatus.OPEN,
            45,
            "joanne.reay",
            "Staff joined the team because they want to keep people well at home, but nurses are still "
            "counted on contacts per day. People feel judged on numbers our own purpose says do not matter: "
            "intrinsic motivation pulling against a contract lever.",
            "Ask commissioners to report the team's own measures alongside contact counts at the next "
            "contract review, and protect huddle time in job plans.",
        ),
        AlignmentSpec(
            "engagement",
            "system_drivers",
            Relationship.TENSION,
            TensionStatus.ADDRESSED,
            110,
            "carol.dunn",
            "Volunteers are central to the model, but Good Neighbours is funded by a twelve-month grant "
            "that may not be renewed.",
            "Alex has included a two-year grant in the pooled budget paper.",
        ),
        AlignmentSpec(
            "delivery",
            "spread",
            Relationship.TENSION,
            TensionStatus.OPEN,
            18,
            "denise.carr",
            "There is pressure to launch Jarrow within three months, but the shared records problem that "
            "hurt the Hebburn launch is not fixed yet.",
            "Launch date depends on the three named blockers closing; review monthly.",
        ),
        AlignmentSpec(
            "methodology",
            "measurement",
            Relationship.REINFORCING,
            TensionStatus.SETTLED,
            140,
            "ian.pratt",
            "The Thursday PDSA reviews use the weekly run charts, so every test is judged on data the team "
            "trusts rather than on impressions.",
        ),
        AlignmentSpec(
            "leadership",
            "engagement",
            Relationship.REINFORCING,
            TensionStatus.SETTLED,
            100,
            FACILITATOR,
            "Care co-ordinators leading their own huddles has brought frontline staff and volunteers into "
            "the design instead of hearing about it afterwards.",
        ),
    ),
    audiences=(
        AudienceSpec(
            "Clinicians",
            90,
            "farah.siddiqui",
            {
                "purpose": "Why we are doing this",
                "leadership": "Who is leading",
                "methodology": "How we test changes",
                "measurement": "How we know it is working",
                "system_drivers": "Contracts, money and rules",
                "test_of_change": "PDSA cycle",
                "stakeholder": "colleague",
            },
            chosen_by=("farah.siddiqui",),
        ),
        AudienceSpec(
            "Board",
            85,
            CONVENOR,
            {
                "purpose": "Strategic aim",
                "delivery": "Delivery, milestones and risk",
                "measurement": "Outcomes and assurance",
                "system_drivers": "Commissioning levers",
                "spread": "Scaling up",
                "tension": "strategic risk",
                "measure": "indicator",
                "partner": "system partner",
            },
            chosen_by=("maureen.tait",),
        ),
    ),
)
