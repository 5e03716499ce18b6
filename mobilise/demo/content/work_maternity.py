"""The maternity vision is early in its first round: a few measures agreed, nothing tested yet."""

from __future__ import annotations

from mobilise.demo.work_spec import MeasureSpec, Pattern, WorkSpec

MEASURES = (
    MeasureSpec(
        key="mat-continuity",
        name="Women with a named continuity midwife by 28 weeks",
        definition="""
            Of women reaching 28 weeks of pregnancy in the month, across both trusts, the proportion
            who have a named midwife (or a team of no more than eight) who will care for them
            through pregnancy, birth and after.
        """,
        type="outcome",
        unit="%",
        improvement="increase",
        frequency="month",
        chart="p",
        component="purpose",
        data_owner="Helen Osei, midwifery",
        author="helen.osei",
        target=35,
        points=24,
        pattern=Pattern(level=0.22, spread=0, size=640),
    ),
    MeasureSpec(
        key="mat-booking",
        name="Booking appointments completed by 10 weeks",
        definition="""
            Percentage of pregnancies booked in the month where the booking appointment happened
            before 10 weeks and 0 days of pregnancy.
        """,
        type="process",
        unit="%",
        improvement="increase",
        frequency="month",
        chart="xmr",
        component="measurement",
        data_owner="Sinéad Maguire, commissioning",
        author="sinead.maguire",
        target=90,
        points=24,
        pattern=Pattern(level=71, spread=2.4),
        annotations=((9, "Self-referral form launched online"),),
    ),
    MeasureSpec(
        key="mat-vacancy",
        name="Midwife vacancy rate",
        definition="Funded midwife posts unfilled at month end, as a percentage of funded posts, "
        "both trusts.",
        type="balancing",
        unit="%",
        improvement="decrease",
        frequency="month",
        chart="xmr",
        component="system_drivers",
        data_owner="Helen Osei, midwifery",
        author="helen.osei",
        points=24,
        pattern=Pattern(level=9.2, spread=0.7),
    ),
)

WORK = WorkSpec(measures=MEASURES)
