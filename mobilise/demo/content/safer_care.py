"""Demo programme 3: safer care in 13 early-adopter GP practices.

A fictional federation of practices in the middle of the cycle, running many small tests of change,
with an improvement facilitator and patient participation groups alongside.
"""

from __future__ import annotations

from mobilise.accounts.models import OrganisationType as T
from mobilise.demo.spec import (
    AlignmentSpec,
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
    slug="safer-care-early-adopter-practices",
    name="Safer care in 13 early-adopter GP practices",
    challenge=(
        "Build a safety culture across 13 early-adopter practices in Levelmoor, where everyone from "
        "reception to the partners tests small changes that make care safer by design, and use what we "
        "learn to shape next year's local quality incentive."
    ),
    convenor_org="icb",
    started_days_ago=210,
    orgs=(
        Org("icb", "Levelmoor Integrated Care Board", T.COMMISSIONER, "DEMO31"),
        Org("federation", "Levelmoor practices safety federation", T.OTHER),
        Org("kingsmead", "Kingsmead Medical Practice", T.GP_PRACTICE, "DEMO32"),
        Org("orchard", "Orchard Lane Surgery", T.GP_PRACTICE, "DEMO33"),
        Org("withy", "Withy Bridge Health Centre", T.GP_PRACTICE),
        Org("church", "Church Street Surgery", T.GP_PRACTICE),
        Org("ppg", "Levelmoor patient participation groups network", T.PATIENT_GROUP),
        Org("associates", "Change Associates Network", T.OTHER),
    ),
    members=(
        Member(FACILITATOR, Role.FACILITATOR, "associates", 205),
        Member("owen.pryce", Role.MEMBER, "kingsmead", 204),
        Member("anil.mehta", Role.MEMBER, "icb", 204),
        Member("lorraine.fisher", Role.MEMBER, "orchard", 198),
        Member("nadia.rahman", Role.MEMBER, "withy", 190),
        Member("becky.tucker", Role.MEMBER, "church", 170),
        Member("derek.stone", Role.MEMBER, "ppg", 150),
        Member("sarah.whitlock", Role.VIEWER, "icb", 200),
    ),
    purpose=(
        PurposeRevision(
            200,
            "owen.pryce",
            "First go, from the launch event",
            statement="Reduce avoidable harm in our practices.",
            why_it_matters="Most patient safety work is aimed at hospitals, yet most care happens in "
            "general practice.",
        ),
        PurposeRevision(
            180,
            "lorraine.fisher",
            "Rewritten so it speaks to the whole practice team, not only clinicians",
            statement="Every patient in our 13 practices gets care that is safe by design, because everyone "
            "in the practice team feels able to spot risks, speak up and fix them.",
            why_it_matters="Most care happens in general practice, yet most safety programmes are built "
            "for hospitals. Our own incident reviews show the same few things going wrong: urgent "
            "referrals not sent or not received, repeat prescriptions without monitoring, test results "
            "with no one to act on them.",
            who_for="Patients registered with the 13 practices (around 140,000 people), and every member "
            "of the practice teams: receptionists, dispensers, nurses, pharmacists, managers and GPs.",
            values="- Fix systems, not blame people\n- Everyone's eyes count, whatever their job\n"
            "- Share what went wrong as readily as what went right",
            what_good_looks_like="Staff in every practice say they would feel safe raising a concern. "
            "Each practice runs at least one test of change a month. Fewer referrals go missing and "
            "fewer patients fall out of monitoring. Patients help to design the fixes.",
        ),
    ),
    stages=(
        StageStep(
            Stage.FRAME, 1, "Agreeing which safety problems matter most to our patients.", 210, CONVENOR
        ),
        StageStep(
            Stage.ENGAGE,
            1,
            "Each practice names a safety pair and invites its patient group.",
            172,
            FACILITATOR,
        ),
        StageStep(
            Stage.CHANGE,
            1,
            "Practices are running small tests of change, shared at the monthly learning set.",
            110,
            FACILITATOR,
        ),
    ),
    statuses={
        "purpose": (StatusChange(Status.IN_PLACE, 180, "owen.pryce"),),
        "leadership": (
            StatusChange(Status.EXPLORING, 175, "lorraine.fisher"),
            StatusChange(Status.IN_PLACE, 120, "lorraine.fisher"),
            StatusChange(Status.NEEDS_ATTENTION, 20, FACILITATOR),
        ),
        "spread": (StatusChange(Status.EXPLORING, 60, FACILITATOR),),
        "methodology": (
            StatusChange(Status.EXPLORING, 160, "owen.pryce"),
            StatusChange(Status.IN_PLACE, 95, "owen.pryce"),
        ),
        "delivery": (StatusChange(Status.IN_PLACE, 80, "anil.mehta"),),
        "measurement": (
            StatusChange(Status.EXPLORING, 90, FACILITATOR),
            StatusChange(Status.NEEDS_ATTENTION, 15, "anil.mehta"),
        ),
        "system_drivers": (StatusChange(Status.EXPLORING, 55, "anil.mehta"),),
        "engagement": (
            StatusChange(Status.EXPLORING, 130, "derek.stone"),
            StatusChange(Status.IN_PLACE, 45, "becky.tucker"),
        ),
    },
    notes=(
        NoteSpec(
            "purpose",
            NoteKind.DECISION,
            178,
            "owen.pryce",
            "The purpose in one line for practice meetings",
            """\
            For practice meetings and the staff room wall we shortened the purpose to: "Safe by design,
            and everyone can speak up." Each practice reads it out at the start of its monthly safety
            huddle.""",
        ),
        NoteSpec(
            "leadership",
            NoteKind.NOTE,
            175,
            "lorraine.fisher",
            "Every practice has named a safety pair",
            """\
            Each of the 13 practices has named a pair: one clinician and one non-clinician. In four
            practices the non-clinical lead is a receptionist or dispenser, which is exactly what we
            hoped for. The pairs meet at the monthly learning set.""",
        ),
        NoteSpec(
            "leadership",
            NoteKind.NOTE,
            20,
            FACILITATOR,
            "Energy check at the learning set",
            """\
            Quick show of hands at the end of the session: energy is high in most practices but low in
            four, where staff shortages and a partner retiring have swallowed the safety huddle.

            This is the danger point where people think it is going well and go back to the day job.
            Suggest Owen and Lorraine visit those four before the next set, just to listen.""",
        ),
        NoteSpec(
            "spread",
            NoteKind.NOTE,
            60,
            FACILITATOR,
            "Which changes are ready to share?",
            """\
            Three tests have been through several cycles and look ready for other practices to try:

            - the urgent referral tracking log (Church Street)
            - pharmacist-led asthma reviews (Withy Bridge)
            - the dispensary second check for high-risk drugs (Kingsmead)

            Idea: a one-page "how we did it" for each, written by the staff who did it.""",
        ),
        NoteSpec(
            "spread",
            NoteKind.EVIDENCE,
            35,
            "lorraine.fisher",
            "Referral log now in five more practices",
            """\
            Five practices outside the original pair have copied the urgent referral tracking log,
            two of them after a receptionist phoned Becky to ask how it worked. No one instructed them
            to adopt it.""",
        ),
        NoteSpec(
            "methodology",
            NoteKind.DECISION,
            160,
            "owen.pryce",
            "A PDSA on a page for every test",
            """\
            All practices will use the same one-page PDSA template, so tests can be compared and shared.
            A test that "failed" is still written up: those are often the most useful at the learning
            set.""",
        ),
        NoteSpec(
            "methodology",
            NoteKind.NOTE,
            100,
            "becky.tucker",
            "Test: reception double-check of urgent referrals",
            """\
            - **Plan:** reception checks every urgent referral for a receipt from the hospital within two
            working days.
            - **Do:** two weeks at Church Street.
            - **Study:** 46 urgent referrals; 3 had no receipt and one had never arrived.
            - **Act:** keep it, put the log on the shared drive, and test a daily five-minute check instead
            of chasing at the end of the week.""",
        ),
        NoteSpec(
            "methodology",
            NoteKind.EVIDENCE,
            65,
            "nadia.rahman",
            "Asthma reviews: what the third cycle showed",
            """\
            Third cycle of the pharmacist-led asthma review at Withy Bridge. Reviews completed went from
            about half to four in five of the people due, and every patient on high-dose inhalers now
            has a written plan. The first two cycles failed on booking, not on the clinical part.""",
        ),
        NoteSpec(
            "delivery",
            NoteKind.NOTE,
            80,
            "anil.mehta",
            "Learning set dates and owners for the next six months",
            """\
            Learning sets are the second Wednesday afternoon of each month, with cover funded by the ICB.
            Owners: Anil (venue and cover), Priya (content), Owen (clinical lead), Lorraine (practice
            managers' network). Dates are in the shared calendar.""",
        ),
        NoteSpec(
            "measurement",
            NoteKind.EVIDENCE,
            90,
            FACILITATOR,
            "Safety culture survey: first round",
            """\
            11 of the 13 practices took part. The striking finding is the gap between roles: nearly all
            partners agreed "I would feel safe raising a concern", but only about half of reception
            staff did.

            Results go back to each practice privately. The federation sees the range, not a league
            table.""",
        ),
        NoteSpec(
            "measurement",
            NoteKind.NOTE,
            15,
            "anil.mehta",
            "Harm data without burdening practices",
            """\
            We still have no routine measure of harm that practices trust and that does not mean extra
            data entry. Options:

            - searches on the clinical system for high-risk prescribing without monitoring (automatic)
            - a monthly count of significant events (depends on reporting culture)
            - the referral logs themselves

            Proposal: start with the automatic searches and plot them monthly on run charts.""",
        ),
        NoteSpec(
            "system_drivers",
            NoteKind.NOTE,
            55,
            "anil.mehta",
            "Co-designing next year's quality incentive",
            """\
            The ICB has agreed that next year's local quality incentive for practices will be designed
            with the 13 practices rather than handed to them. First workshop: what could we pay for that
            would help, and what would turn safety into a box-ticking exercise?""",
        ),
        NoteSpec(
            "system_drivers",
            NoteKind.DECISION,
            10,
            CONVENOR,
            "Pay for learning, not for incident counts",
            """\
            The incentive proposal going to the primary care committee pays practices for taking part
            in the learning set, running a safety huddle and sharing at least two tests a year. It will
            not pay per incident reported. Dr Whitlock has asked for the safety culture survey to be
            repeated as the main check.""",
        ),
        NoteSpec(
            "engagement",
            NoteKind.NOTE,
            130,
            "derek.stone",
            "Patient group members on the dispensary test",
            """\
            Two PPG members sat with the Kingsmead dispensers for a morning. Their suggestion, a sticker
            on bags that contain a high-risk medicine so the patient knows to ask questions, is being
            tested next month.""",
        ),
        NoteSpec(
            "engagement",
            NoteKind.EVIDENCE,
            45,
            "becky.tucker",
            "What stops reception staff speaking up",
            """\
            We ran a short huddle with reception teams from four practices. What stops people:

            - "It's not my place to question a doctor"
            - not knowing whether anything happened after they raised something
            - no time in the day

            What helped at Church Street: the partner thanking the receptionist at the practice meeting.""",
        ),
    ),
    alignments=(
        AlignmentSpec(
            "engagement",
            "system_drivers",
            Relationship.TENSION,
            TensionStatus.OPEN,
            50,
            "owen.pryce",
            "Practices joined because they care about safety. Paying them through the incentive risks "
            "turning a commitment into compliance: intrinsic motivation against a contract lever. Some "
            "partners have already asked 'what do we get for this?'",
            "Design the incentive with the practices, pay for learning rather than counts, and ask the "
            "safety pairs at every learning set whether it is changing why people take part.",
        ),
        AlignmentSpec(
            "measurement",
            "engagement",
            Relationship.TENSION,
            TensionStatus.ADDRESSED,
            85,
            "lorraine.fisher",
            "Sharing safety culture results practice by practice felt like a league table and made two "
            "practices think about leaving.",
            "Each practice sees its own results; the federation sees the range, unnamed.",
        ),
        AlignmentSpec(
            "methodology",
            "delivery",
            Relationship.REINFORCING,
            TensionStatus.SETTLED,
            95,
            "owen.pryce",
            "One PDSA template and fixed monthly learning sets mean tests get reviewed on time, and the plan "
            "is built from what the tests show.",
        ),
        AlignmentSpec(
            "leadership",
            "spread",
            Relationship.REINFORCING,
            TensionStatus.SETTLED,
            35,
            FACILITATOR,
            "Safety pairs that include receptionists and dispensers are how changes spread: other practices "
            "copy people in the same job.",
        ),
    ),
)
