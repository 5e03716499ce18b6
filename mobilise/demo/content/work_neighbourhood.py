"""Hebburn and Jarrow: measures, the driver diagram, tests of change and the stakeholder register."""

from __future__ import annotations

from mobilise.demo.content.people import CONVENOR, FACILITATOR
from mobilise.demo.work_spec import (
    DiagramSpec,
    IdeaSpec,
    MeasureSpec,
    Pattern,
    PrimarySpec,
    StakeholderSpec,
    TestSpec,
    TheorySpec,
    WorkSpec,
)

MEASURES = (
    MeasureSpec(
        key="hj-admissions", name="Emergency admissions of people on the neighbourhood caseload",
        definition="""
            Count of unplanned admissions to any acute hospital, in the calendar month, for adults
            on the Hebburn or Jarrow neighbourhood team caseload on the 1st of that month.

            Source: the trust's admissions feed matched to the caseload list by NHS number.
            Transfers between hospitals count once.
        """,
        type="outcome", unit="admissions", improvement="decrease", frequency="month", chart="xmr",
        component="measurement", data_owner="Ian Pratt, public health intelligence", author="ian.pratt",
        points=30, pattern=Pattern(level=47, spread=3.2, after=36, shift_at=18, decimals=0),
        phase_reason="Daily huddles began in both neighbourhoods this month, with the GP, matron and "
                     "social worker looking at the same list. The process changed, so the limits "
                     "start again.",
        annotations=((18, "Daily huddles start in Hebburn and Jarrow"),
                     (24, "Winter: flu season peak across the borough")),
    ),
    MeasureSpec(
        key="hj-care-plans", name="People on the caseload with a shared care plan",
        definition="""
            Of adults on the caseload at month end, the proportion with a care plan that the person
            has seen and agreed, stored where the GP, community nursing and social care can all
            open it.
        """,
        type="process", unit="%", improvement="increase", frequency="month", chart="p",
        component="delivery", data_owner="Lesley Brannigan, care co-ordination", author="lesley.brannigan",
        target=80, points=24, pattern=Pattern(level=0.42, spread=0, after=0.63, shift_at=14, size=220),
        annotations=((14, "Care plan template agreed across all three organisations"),),
    ),
    MeasureSpec(
        key="hj-first-visit", name="Days from referral to first neighbourhood team visit",
        definition="""
            Median working days, for referrals received in the week, between the referral being
            logged and the first face-to-face contact by any member of the team.
        """,
        type="process", unit="working days", improvement="decrease", frequency="week", chart="xmr",
        component="delivery", data_owner="Joanne Reay, community nursing", author="joanne.reay",
        target=5, points=40, pattern=Pattern(level=3.4, spread=0.35),
    ),
    MeasureSpec(
        key="hj-meeting-hours", name="Care co-ordinator hours in case meetings each week",
        definition="""
            Total hours the four care co-ordinators record against meetings about individual people,
            from their weekly timesheets. Watching this tells us whether huddles are eating into
            time with people at home.
        """,
        type="balancing", unit="hours", improvement="decrease", frequency="week", chart="xmr",
        component="measurement", data_owner="Mick Hetherington, adult social care",
            author="mick.hetherington",
        points=36, pattern=Pattern(level=21, spread=1.8),
    ),
)

DIAGRAM = DiagramSpec(
    title="Fewer crises for adults with complex needs",
    author=FACILITATOR, days_ago=200,
    aim_what="Reduce emergency admissions among adults with complex needs on the neighbourhood caseload",
    aim_for_whom="adults in Hebburn and Jarrow with three or more long-term conditions or a care package",
    aim_how_much="from about 47 a month to 35 a month",
    aim_by_days_ahead=240, measure="hj-admissions",
    primaries=(
        PrimarySpec("One team around the person", (
            ("huddle", "Professionals meet daily about the same people"),
            ("plan", "One care plan everyone can see and the person agrees"),
            ("lead", "A named co-ordinator the person can ring"),
        )),
        PrimarySpec("Spotting trouble early", (
            ("list", "A shared list of who is most at risk this week"),
            ("signs", "Carers and neighbours know the warning signs and who to tell"),
        )),
        PrimarySpec("Help close to home when things go wrong", (
            ("rapid", "Same-day visits instead of a 999 call"),
            ("voluntary", "Practical help from the voluntary sector within a day"),
        )),
    ),
    ideas=(
        IdeaSpec("huddle15", "A 15-minute daily huddle with GP, matron and social worker", ("huddle", "list"),
                 description="Stand up, same time every day, one list. Anything not solved in two minutes "
                             "gets an owner and moves to after the huddle.",
                 measures=("hj-admissions", "hj-meeting-hours")),
        IdeaSpec("plan-visit", "Write the care plan with the person at their kitchen table", ("plan",),
                 measures=("hj-care-plans",)),
        IdeaSpec("one-number", "One phone number on the fridge for the named co-ordinator", ("lead",)),
        IdeaSpec("risk-list", "Run the risk list every Monday and bring the top ten to huddle", ("list",)),
        IdeaSpec("carer-card", "A warning-signs card for carers, written with carers", ("signs",)),
        IdeaSpec("pharmacy", "Community pharmacists flag people who stop collecting medicines", ("signs",)),
        IdeaSpec("rapid-slot", "Two protected same-day visit slots each day for the matron", ("rapid",),
                 measures=("hj-first-visit",)),
        IdeaSpec("good-neighbours", "Good Neighbours on call for shopping, heating and lifts",
            ("voluntary",)),
    ),
    theory=(
        TheorySpec("if_we_have", "Three organisations already caring for the same people on the same streets",
                   assumptions="Leaders will let staff spend time together before it pays back."),
        TheorySpec("plus", "Small daily tests, run by the staff who do the work"),
        TheorySpec("and", "A team that knows each other by first name across the organisations",
                   evidence="Staff survey: 'I know who to ring' rose from 31% to 68% in round one."),
        TheorySpec("then", "We can see who is heading for a crisis and act the same day"),
        TheorySpec("then", "People tell their story once"),
        TheorySpec("this_will_mean", "Huddles and shared plans are simply how the neighbourhood works"),
        TheorySpec("as_a_result",
            "Fewer emergency admissions and more days at home for people with complex needs",
                   evidence="Admissions fell from about 47 to about 36 a month after huddles began."),
        TheorySpec("as_a_result", "Carers feel someone has their back"),
    ),
)

_HUDDLE_PLAN = dict(
    question="Can a GP, matron and social worker agree actions on five people in 15 minutes?",
    prediction="We will get through five people but overrun by about five minutes.",
    plan="Tuesday 8.45am in the Riverside meeting room. Joanne brings the list, Dr Siddiqui chairs, "
         "Mick dials in. One morning only.",
    data_to_collect="Minutes taken; people discussed; actions agreed and who owns them.",
)

TESTS = (
    TestSpec("hj-1", "huddle15", "riverside", "Hebburn neighbourhood team",
             "First huddle: one morning, five people",
             "joanne.reay", 196, outcome="next_cycle", scale="1 huddle, 5 people", people_count=3,
             prediction_result="partly", people=("joanne.reay", "farah.siddiqui", "mick.hetherington"),
             what_happened="We discussed four people, not five. The phone line dropped twice.",
             observations="Everyone came. The social worker had information the GP did not know about "
                          "a man whose son had moved away.",
             study="Slower than predicted (22 minutes) but every action had an owner, which has never "
                   "happened "
                   "by email.",
             act_notes="Run it daily for a week, in person, with a timer.", **_HUDDLE_PLAN),
    TestSpec("hj-2", "huddle15", "riverside", "Hebburn neighbourhood team", "Huddle every day for a week",
             "joanne.reay", 186, outcome="next_cycle", scale="5 huddles, one practice", people_count=4,
             prediction_result="yes", previous="hj-1",
             question="Does the huddle hold up every day, with a timer and everyone in the room?",
             prediction="By Friday we will finish inside 15 minutes.",
             plan="Monday to Friday, 8.45am, same room. Lesley keeps time.",
             what_happened="Huddles took 19, 17, 15, 14 and 14 minutes.",
             study="Met the prediction by Thursday. Two admissions were avoided by same-day visits agreed "
                   "at the huddle, according to the matron.",
             act_notes="Extend to Jarrow Quay Surgery so both neighbourhoods huddle."),
    TestSpec("hj-3", "huddle15", "quay", "Jarrow neighbourhood team",
        "Huddles in both neighbourhoods for a month",
             "lesley.brannigan", 150, outcome="adopt", scale="2 practices, 4 weeks", people_count=9,
             prediction_result="yes", previous="hj-2",
             question="Can the huddle spread to Jarrow without the people who designed it?",
             prediction="Jarrow will need two weeks to settle, then match Hebburn.",
             study="Jarrow settled in a week. Ten people a day are discussed across both sites.",
             act_notes="Huddles are now part of the working day; we measure meeting hours to "
                       "watch the cost."),
    TestSpec("hj-4", "plan-visit", "council", "Adult social care", "Care plan written at home with Mrs B",
             "mick.hetherington", 160, outcome="adapt", scale="1 person", people_count=2,
             prediction_result="no",
             question="Is a plan written at home with the person better than one written at the desk?",
             prediction="It will take an hour and she will recognise her own words in it.",
             what_happened="It took two hours; her daughter joined by video.",
             study="She recognised her words, but the form made us ask things she found intrusive.",
             act_notes="Cut the form to one page and try again with two more people."),
    TestSpec("hj-5", "plan-visit", "trust", "Community nursing", "One-page care plan with three people",
             "joanne.reay", 130, outcome="adopt", scale="3 people", people_count=3, prediction_result="yes"),
    TestSpec("hj-6", "one-number", "riverside", "Hebburn neighbourhood team", "Fridge magnet with one number",
             "lesley.brannigan", 120, outcome="adopt", scale="20 households", people_count=20,
             prediction_result="partly"),
    TestSpec("hj-7", "risk-list", "public_health", "Intelligence team", "Monday risk list from GP records",
             "ian.pratt", 110, outcome="adapt", scale="1 week", prediction_result="partly",
             study="The list found people we already knew about and missed two who were admitted. It needs "
                   "social care data too."),
    TestSpec("hj-8", "carer-card", "healthwatch", "Carers group", "Warning-signs card drafted with carers",
             "gordon.bell", 95, outcome="abandon", scale="1 carers' group, 12 carers", people_count=12,
             prediction_result="no",
             question="Will carers use a printed card of warning signs?",
             prediction="Most will keep it by the phone.",
             what_happened="Carers said they already know the signs; what they lack is someone who answers.",
             study="We were solving the wrong problem. The card is not the gap, the response is.",
             act_notes="Stop the card. Put the carers' energy into the one-number test instead, which is the "
                       "thing they asked for."),
    TestSpec("hj-9", "pharmacy", "public_health", "Community pharmacy", "Pharmacy flags missed collections",
             "ian.pratt", 80, outcome="abandon", scale="2 pharmacies, 4 weeks", prediction_result="no",
             study="Only one flag in four weeks; pharmacies could not see who was on the caseload. "
                   "We learnt that information sharing has to come first.",
             act_notes="Parked until the data sharing agreement covers pharmacies."),
    TestSpec("hj-10", "rapid-slot", "trust", "Community nursing",
        "Two protected same-day slots for the matron",
             "joanne.reay", 70, outcome="adopt", scale="1 matron, 2 weeks", prediction_result="yes"),
    TestSpec("hj-11", "good-neighbours", "neighbours", "Good Neighbours volunteers",
        "Volunteer on call on weekdays",
             "carol.dunn", 60, outcome="adapt", scale="3 volunteers, 2 weeks", people_count=3,
             prediction_result="partly"),
    TestSpec("hj-12", "good-neighbours", "neighbours", "Good Neighbours volunteers",
        "Volunteer on call at weekends",
             "carol.dunn", 35, outcome="next_cycle", scale="4 volunteers, 2 weekends",
                 prediction_result="yes"),
    TestSpec("hj-13", "risk-list", "council", "Adult social care", "Risk list with social care data added",
             "mick.hetherington", 25, outcome="", stage="studying", scale="1 week"),
    TestSpec("hj-14", "rapid-slot", "quay", "Jarrow neighbourhood team", "Same-day slots in Jarrow",
             "lesley.brannigan", 10, outcome="", stage="doing", scale="1 matron, 2 weeks"),
    TestSpec("hj-15", "plan-visit", "quay", "Jarrow neighbourhood team",
        "Care plans by video for housebound people",
             "lesley.brannigan", -7, outcome="", stage="planned", scale="2 people"),
)

_COUNCIL = "Estuary Borough Council"
_TRUST = "Tyne Estuary Hospitals and Community NHS Foundation Trust"
STAKEHOLDERS = (
    StakeholderSpec("Dr Farah Siddiqui", "GP partner", "Hebburn Riverside Medical Group", "gp_practice",
                    "some", "high", "champion", "joanne.reay",
                    (("for", 250), ("with", 190), ("by", 120)), desired="by", member="farah.siddiqui",
                    interest="Fewer frantic Friday afternoons; seeing the same people less often in crisis."),
    StakeholderSpec("Sister Ann Latimer", "District nursing sister", _TRUST, "nhs_trust", "none", "high",
                    "supporter", "joanne.reay", (("to", 240), ("with", 150), ("by", 45)), desired="by",
                    interest="Her team's caseload and not losing home visits to meetings."),
    StakeholderSpec("Keith Oduya", "Director of operations", _TRUST, "nhs_trust", "high", "medium",
                    "observer", CONVENOR, (("to", 230), ("for", 120), ("with", 40)),
                    interest="Bed occupancy and delayed discharges."),
    StakeholderSpec("Jarrow Quay practice team", "Reception and clinical team", "Jarrow Quay Surgery",
                    "gp_practice", "none", "medium", "sceptic", "lesley.brannigan",
                    (("to", 200), ("for", 90), ("with", 20)), kind="group",
                    interest="Whether huddles cost them appointments."),
    StakeholderSpec("Councillor Maureen Tait", "Cabinet member for adult social care", _COUNCIL,
                    "local_authority", "high", "high", "supporter", "denise.carr",
                    (("for", 180), ("with", 60)), member="maureen.tait"),
    StakeholderSpec("Raymond Holt", "Social work team leader", _COUNCIL, "local_authority", "some", "medium",
                    "sceptic", "mick.hetherington", (("to", 220), ("for", 100), ("with", 30)),
                    interest="Worried that health will hand social care the hard cases."),
    StakeholderSpec("Hebburn and Jarrow Good Neighbours", "Volunteer network",
        "Hebburn and Jarrow Good Neighbours",
                    "voluntary", "none", "high", "champion", "carol.dunn",
                    (("for", 240), ("with", 140), ("by", 50)), kind="organisation", desired="by"),
    StakeholderSpec("Pat Connolly", "Carer and Healthwatch volunteer", "Healthwatch Estuary", "healthwatch",
                    "none", "medium", "champion", "gordon.bell", (("to", 200), ("with", 80), ("by", 25)),
                    desired="by", interest="Carers being asked, not told."),
    StakeholderSpec("Community pharmacy leads", "Local pharmaceutical committee", "Estuary pharmacies",
                    "other", "some", "low", "observer", "ian.pratt", (("to", 150), ("for", 70)),
                        kind="group"),
    StakeholderSpec("Dr Graham Pike", "Consultant geriatrician", _TRUST, "nhs_trust", "some", "high",
                    "opponent", FACILITATOR, (("to", 210), ("to", 60)),
                    interest="Believes the answer is more beds, not more meetings; respected by juniors."),
    StakeholderSpec("Estuary housing officers", "Sheltered housing team", _COUNCIL, "local_authority", "none",
                    "medium", "supporter", "mick.hetherington", (("to", 170), ("with", 35)), kind="group"),
    StakeholderSpec("Susan Errington", "Practice manager", "Hebburn Riverside Medical Group", "gp_practice",
                    "some", "medium", "supporter", "lesley.brannigan", (("for", 190), ("with", 100),
                        ("by", 15)),
                    desired="by"),
)

WORK = WorkSpec(measures=MEASURES, diagram=DIAGRAM, tests=TESTS, stakeholders=STAKEHOLDERS)
