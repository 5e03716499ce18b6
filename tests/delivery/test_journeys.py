"""Browser journey: a convenor and a partner's lead build a plan from the component pages and confirm
what was agreed, at a laptop's width and a small phone's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mobilise.delivery.models import Action, PartnerConfirmation, PartnerLead, Review, Risk, SystemDriver
from mobilise.delivery.reviews import snapshot
from mobilise.programmes.models import Membership
from mobilise.programmes.roles import Role
from tests.browser.conftest import browser, journey  # noqa: F401  (fixtures)
from tests.browser.people import PASSWORD, convenor_with_programme, person
from tests.browser.steps import Journey, sign_in, sign_out
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 320])
def test_building_a_plan_and_confirming_an_agreement(journey: Journey, width: int) -> None:  # noqa: F811
    journey.page.set_viewport_size({"width": width, "height": 900})
    # Given a convenor, and a partner organisation whose lead is a member
    convenor, programme = convenor_with_programme()
    council = OrganisationFactory(name="South Tyneside Council", type="local_authority")
    programme.partners.add(council)
    lead = person("sam.lead@example.gov.uk", "Sam Patel")
    Membership.objects.create(programme=programme, user=lead, role=Role.MEMBER)
    PartnerLead.objects.create(programme=programme, organisation=council, lead=lead)
    slug = programme.slug
    sign_in(journey, convenor.email, PASSWORD)

    # When the convenor names themself lead of rigorous delivery from its component page
    journey.open(f"/p/{slug}/c/delivery/")
    journey.see("Who will lead this?")
    journey.follow("Name a lead")
    journey.choose("Amira Khan")
    journey.click("Save leads")
    journey.see("Leads saved for Rigorous delivery")

    # And adds an action straight from the system drivers page
    journey.open(f"/p/{slug}/c/system_drivers/")
    journey.page.get_by_text("Add an action for this component").click()
    journey.fill("What will be done?", "Ask commissioners for a shared outcome in the contract")
    journey.click("Add action")
    journey.see("Action saved")
    assert Action.objects.get(programme=programme).component_keys == ["system_drivers"]

    # And records a risk with its impact on the shared purpose
    journey.open(f"/p/{slug}/risks/")
    journey.follow("Add a risk")
    journey.fill("The risk or issue", "Winter pressures pull staff back to their wards")
    journey.fill("Impact on our shared purpose", "Joint huddles stop and people lose trust.")
    journey.choose("5 Almost certain")
    journey.choose("4 Major")
    journey.click("Save risk")
    journey.see("Score 20: Extreme")
    assert Risk.objects.get(programme=programme).score == 20

    # And a lever that pulls against the purpose
    journey.open(f"/p/{slug}/system-drivers/")
    journey.follow("Add a system driver")
    journey.fill("The lever", "Community services block contract")
    journey.select("What kind of lever is it?", "Contracts and commissioning")
    journey.choose("Pulls against our shared purpose")
    journey.click("Save system driver")
    journey.see("Community services block contract")
    assert SystemDriver.objects.get(programme=programme).pull == "against"

    # And records an agreement
    journey.open(f"/p/{slug}/agreements/")
    journey.follow("Record an agreement")
    journey.fill("What did we agree?", "Joint huddles every fortnight")
    journey.choose("Rigorous delivery")
    journey.click("Save agreement")
    journey.see("Waiting to confirm")
    sign_out(journey)

    # Then the council's lead confirms it for the council
    sign_in(journey, lead.email, PASSWORD)
    journey.open(f"/p/{slug}/agreements/")
    journey.follow("Answer for South Tyneside Council")
    journey.choose("Yes, we confirm it")
    journey.click("Save answer")
    journey.see("Answer saved for South Tyneside Council")
    assert PartnerConfirmation.objects.get().state == "confirmed"


def test_closing_a_review_and_comparing_it_with_the_last(journey: Journey) -> None:  # noqa: F811
    # Given a convenor whose programme closed a review a while ago
    convenor, programme = convenor_with_programme()
    slug = programme.slug
    sign_in(journey, convenor.email, PASSWORD)
    journey.open(f"/p/{slug}/reviews/")
    journey.follow("Start a review")
    journey.fill("Name of the review", "Spring review")
    journey.click("Start the review")
    journey.click("Close the review and keep this picture")
    journey.see("Review closed")

    # When the team starts another review, writes what it decided and reflects, then closes it
    journey.open(f"/p/{slug}/reviews/")
    journey.follow("Start a review")
    journey.fill("Name of the review", "Summer review")
    journey.click("Start the review")
    journey.fill("What did we decide?", "Move huddles to fortnightly and ask the ICB about the contract.")
    journey.click("Save the review")
    journey.click("Close the review and keep this picture")

    # Then it is read-only, and it compares side by side with the last one
    journey.see("This is what the review saw")
    journey.follow("Compare with Spring review")
    journey.see_heading("Compare two reviews")
    journey.see("Move huddles to fortnightly")


def test_a_review_prompt_put_away_a_review_binned_and_an_import_previewed(journey: Journey) -> None:  # noqa: F811
    # Given a convenor whose last review was over 90 days ago
    convenor, programme = convenor_with_programme()
    slug = programme.slug
    Review.objects.create(
        programme=programme,
        title="Winter review",
        held_on=timezone.localdate() - dt.timedelta(days=120),
        status="closed",
        snapshot=snapshot(programme, 12),
    )
    sign_in(journey, convenor.email, PASSWORD)

    # When they see the gentle prompt on the home and say "not now", it does not come back
    journey.open(f"/p/{slug}/")
    journey.see("over 90 days since the last review")
    journey.page.get_by_role("button", name="Not now").first.click()
    journey.see("We will not suggest a review for that reason again")
    journey.open(f"/p/{slug}/reviews/")
    assert "over 90 days" not in journey.page.content()

    # And a closed review can go to the bin (they are a convenor)
    journey.follow("Winter review")
    journey.follow("Move this review to the bin")
    journey.click("Move to the bin")
    journey.see("moved to the bin")

    # And an actions file is previewed before anything is saved
    journey.open(f"/p/{slug}/actions/import/")
    journey.page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "plan.csv",
                "mimeType": "text/csv",
                "buffer": b"what,status\nCall the GP federation,doing\n",
            }
        ],
    )
    journey.click("Check the file")
    journey.see_heading("Check the actions before importing")
    journey.see("Call the GP federation")
    assert not Action.objects.filter(programme=programme).exists()
    journey.click("Import 1 action")
    journey.see("1 action imported")
    assert Action.objects.get(programme=programme).status == "doing"
