"""Safer care in the early-adopter practices: measures, driver diagram and tests of change."""

from __future__ import annotations

from mobilise.demo.content.people import FACILITATOR
from mobilise.demo.work_spec import (
    DiagramSpec,
    IdeaSpec,
    MeasureSpec,
    Pattern,
    PrimarySpec,
    TestSpec,
    TheorySpec,
    WorkSpec,
)

MEASURES = (
    MeasureSpec(
        key="sc-monitoring", name="Patients on high-risk medicines with overdue blood monitoring",
        definition="""
            Of patients prescribed methotrexate, lithium, warfarin or a DOAC at the 13 practices on the
            last working day of the month, the proportion whose required blood test is more than
            two weeks overdue. Searched from the practice systems with the shared federation search.
        """,
        type="outcome", unit="%", improvement="decrease", frequency="month", chart="p",
        component="measurement", data_owner="Anil Mehta, primary care quality", author="anil.mehta",
        target=5, points=26, pattern=Pattern(level=0.14, spread=0, after=0.08, shift_at=15, size=900),
        phase_reason="All 13 practices adopted the monthly recall search; a new way of working, "
                     "so new limits.",
        annotations=((15, "Monthly recall search switched on in every practice"),),
    ),
    MeasureSpec(
        key="sc-results", name="Abnormal test results actioned within 2 working days",
        definition="""
            Weekly audit of 20 abnormal results per practice, pooled: the percentage with a
            documented clinical action within two working days of the result arriving.
        """,
        type="process", unit="%", improvement="increase", frequency="week", chart="xmr",
        component="delivery", data_owner="Dr Owen Pryce, federation safety lead", author="owen.pryce",
        target=95, points=32, pattern=Pattern(level=86, spread=2.2),
        annotations=((20, "Two GPs off sick at Withy Bridge"),),
    ),
    MeasureSpec(
        key="sc-huddles", name="Practices holding their weekly safety huddle",
        definition="Number of the 13 practices that held and recorded a safety huddle that week.",
        type="process", unit="practices", improvement="increase", frequency="week", chart="xmr",
        component="delivery", data_owner="Lorraine Fisher, practice managers' forum",
            author="lorraine.fisher",
        points=30, pattern=Pattern(level=9.5, spread=1.0, decimals=0),
    ),
    MeasureSpec(
        key="sc-appointments", name="Routine GP appointments given up for safety work",
        definition="""
            Appointments blocked each month across the 13 practices so clinicians can do recalls,
            huddles and result reviews. We watch it so safer care does not cost access.
        """,
        type="balancing", unit="appointments", improvement="decrease", frequency="month", chart="xmr",
        component="measurement", data_owner="Anil Mehta, primary care quality", author="anil.mehta",
        points=24, pattern=Pattern(level=118, spread=9, decimals=0),
    ),
)

DIAGRAM = DiagramSpec(
    title="No one harmed by a missed test or result",
    author=FACILITATOR, days_ago=180,
    aim_what="Cut overdue monitoring for patients on high-risk medicines",
    aim_for_whom="patients of the 13 early-adopter practices on methotrexate, lithium, warfarin or a DOAC",
    aim_how_much="from 14% overdue to under 5%",
    aim_by_days_ahead=300, measure="sc-monitoring",
    primaries=(
        PrimarySpec("Reliable recall", (
            ("search", "Everyone due a test is found every month"),
            ("invite", "Invitations people actually respond to"),
        )),
        PrimarySpec("Results never fall through the gaps", (
            ("inbox", "Every result has an owner, including when a GP is away"),
            ("tell", "Patients hear about abnormal results quickly"),
            ("handover", "Clear handover between hospital and practice"),
        )),
        PrimarySpec("A culture of talking about safety", (
            ("huddle", "A short weekly safety huddle in every practice"),
            ("learn", "Near misses shared across practices without blame"),
        )),
    ),
    ideas=(
        IdeaSpec("recall-search", "One shared monthly search run by the care navigator", ("search",),
                 measures=("sc-monitoring",)),
        IdeaSpec("text-invite", "Text message invitation with a booking link", ("invite",)),
        IdeaSpec("buddy-inbox", "Buddy GP covers the results inbox of anyone away", ("inbox", "handover"),
                 description="Serves two drivers: no orphaned results when a GP is away, and hospital "
                             "results that arrive for an absent GP get picked up.",
                 measures=("sc-results",)),
        IdeaSpec("nurse-calls", "Practice nurse phones patients with abnormal results the same day",
            ("tell",)),
        IdeaSpec("ten-minute-huddle", "Ten-minute Thursday safety huddle", ("huddle",),
            measures=("sc-huddles",)),
        IdeaSpec("near-miss", "Monthly near-miss swap between practices", ("learn",)),
        IdeaSpec("discharge-check", "Care navigator checks discharge letters for required bloods",
            ("handover",)),
    ),
    theory=(
        TheorySpec("if_we_have", "Thirteen practices that chose to go first"),
        TheorySpec("plus", "Tests of change with a facilitator alongside, not a policy from above"),
        TheorySpec("and", "Practice staff who trade tips across practices every month"),
        TheorySpec("then", "We find and recall everyone who is due a test"),
        TheorySpec("this_will_mean", "Recall and results handling work the same whoever is on leave",
                   assumptions="Practices will share one search rather than keep their own."),
        TheorySpec("as_a_result", "Fewer patients harmed by missed monitoring",
                   evidence="Overdue monitoring fell from about 14% to about 8% once every practice ran "
                            "the shared search."),
    ),
)

TESTS = (
    TestSpec("sc-1", "recall-search", "kingsmead", "Kingsmead reception", "Run the recall search once",
             "becky.tucker", 170, outcome="next_cycle", scale="1 practice, 1 search", people_count=1,
             prediction_result="no",
             question="Can a care navigator run the search and book bloods without a GP?",
             prediction="About 30 people will be found and she will book them in a morning.",
             plan="Becky runs the search on Monday and phones people that afternoon.",
             data_to_collect="Number found; number booked; time taken; questions she needed a GP for.",
             what_happened="The search found 61 people. Eleven had tests done at hospital already.",
             study="Twice as many as predicted, and hospital results were invisible to the search.",
             act_notes="Add a check of hospital results, then run it for a month."),
    TestSpec("sc-2", "recall-search", "kingsmead", "Kingsmead reception",
        "Monthly search with a hospital check",
             "becky.tucker", 140, outcome="next_cycle", scale="1 practice, 1 month", previous="sc-1",
             prediction_result="yes"),
    TestSpec("sc-3", "recall-search", "orchard", "Practice managers' forum", "The search in all 13 practices",
             "lorraine.fisher", 110, outcome="adopt", scale="13 practices, 2 months", previous="sc-2",
             people_count=13, prediction_result="yes",
             study="Every practice ran the search in month two. Overdue monitoring fell below 9%."),
    TestSpec("sc-4", "text-invite", "orchard", "Orchard Lane reception", "Text invitations with a link",
             "lorraine.fisher", 120, outcome="adapt", scale="40 patients", prediction_result="partly"),
    TestSpec("sc-5", "buddy-inbox", "withy", "Withy Bridge clinicians", "Buddy cover of the results inbox",
             "nadia.rahman", 100, outcome="adopt", scale="2 GPs, 2 weeks", prediction_result="yes"),
    TestSpec("sc-6", "nurse-calls", "withy", "Withy Bridge nurses", "Same-day calls about abnormal results",
             "nadia.rahman", 85, outcome="abandon", scale="1 nurse, 1 week", prediction_result="no",
             question="Can the practice nurse call every patient with an abnormal result that day?",
             prediction="She will manage all calls within her admin time.",
             what_happened="Thirty-four calls in a week; her clinics overran every day.",
             study="The idea is right but the nurse is the wrong person: many calls were about results "
                   "only a "
                   "GP could explain. We learnt which results need a clinician and which do not.",
             act_notes="Stop. Next, try a care navigator calling for normal-but-follow-up results only."),
    TestSpec("sc-7", "ten-minute-huddle", "church", "Church Street team", "Thursday huddle at 12.50",
             "becky.tucker", 90, outcome="adopt", scale="1 practice, 4 weeks", prediction_result="yes"),
    TestSpec("sc-8", "ten-minute-huddle", "kingsmead", "Kingsmead team", "Thursday huddle at Kingsmead",
             "owen.pryce", 75, outcome="adopt", scale="1 practice, 4 weeks", prediction_result="partly"),
    TestSpec("sc-9", "near-miss", "federation", "Federation safety group", "First near-miss swap",
             "owen.pryce", 60, outcome="adapt", scale="6 practices, 1 meeting", people_count=9,
             prediction_result="partly"),
    TestSpec("sc-10", "discharge-check", "church", "Church Street reception",
        "Navigator reads discharge letters",
             "becky.tucker", 40, outcome="abandon", scale="1 week", prediction_result="no",
             study="Letters arrive days late, so the check came after the bloods were due. The learning: "
                   "fix the letter timing with the trust first."),
    TestSpec("sc-11", "text-invite", "orchard", "Orchard Lane reception", "Shorter text in plain English",
             "lorraine.fisher", 30, outcome="", stage="studying", previous="sc-4", scale="60 patients"),
    TestSpec("sc-12", "buddy-inbox", "church", "Church Street clinicians", "Buddy inbox at Church Street",
             "nadia.rahman", 12, outcome="", stage="doing", scale="3 GPs, 2 weeks"),
)

WORK = WorkSpec(measures=MEASURES, diagram=DIAGRAM, tests=TESTS)
