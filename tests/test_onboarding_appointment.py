"""A clerk sets the appointment the family attends for an onboarding step, on the household's checklist
(issue #22): the step shows it, and the family is reminded of it the day before on its agreed channel
(households/test_onboarding_visits.py sends the reminders)."""

import pytest
from conftest import ADMIN_PASSWORD, desk_login
from portal_world import api_session, bench_execute, shot

FOLLOW_UP = "Nachbesuch nach sechs Wochen"


@pytest.fixture(scope="module")
def world() -> dict:
    return bench_execute("mitmenschen.tests.household_world.build")


def test_clerk_sets_the_appointment_of_a_step(page, base_url, world):
    desk_login(page, base_url, world["clerk"], world["password"])
    page.goto(f"{base_url}/app/refugee-household/{world['household']}")
    step = page.locator(f".mm-onboarding tr.mm-onboarding-step:has-text('{FOLLOW_UP}')")
    step.wait_for()
    step.locator("button[data-action=appointment]").click()
    dialog = page.locator(".modal-dialog:visible")
    dialog.wait_for()
    page.wait_for_function("() => window.cur_dialog && cur_dialog.fields_dict.visit_on")
    # the date through the control (this bench's datepicker clears a typed date on blur)
    page.evaluate("() => cur_dialog.set_value('visit_on', '2027-03-04 10:30:00')")
    dialog.locator("input[data-fieldname='visit_place']").fill(
        "Bei der Familie, Am Deich 4"
    )
    page.wait_for_function(
        "() => cur_dialog.get_value('visit_on') === '2027-03-04 10:30:00'"
    )
    shot(page, "onboarding_04_appointment_dialog")
    dialog.locator(".btn-primary").click()
    appointment = page.locator(
        f".mm-onboarding tr.mm-onboarding-step:has-text('{FOLLOW_UP}') .mm-step-appointment"
    )
    appointment.wait_for()
    assert "Termin: 04.03.2027 10:30" in appointment.inner_text()
    assert "Am Deich 4" in appointment.inner_text()
    shot(page, "onboarding_05_appointment_set")

    admin = api_session(base_url, "Administrator", ADMIN_PASSWORD)
    plan = admin.get(f"{base_url}/api/resource/Onboarding Plan/{world['plan']}").json()[
        "data"
    ]
    row = next(s for s in plan["steps"] if s["step"] == FOLLOW_UP)
    assert (row["visit_on"], row["visit_place"]) == (
        "2027-03-04 10:30:00",
        "Bei der Familie, Am Deich 4",
    )
