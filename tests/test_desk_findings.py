"""The desk findings of issue #23 that a person sees, in a real headless Chromium as the clerk or the
manager: the playbook's buttons in their own row, read-only closed cases and approved minutes, the
SLA breach at the top of the case, the workspace's links to every report."""

import pytest
from conftest import desk_login
from portal_world import bench_execute
from test_desk_smoke import open_route, settle


@pytest.fixture(scope="module")
def world() -> dict:
	return bench_execute("mitmenschen.tests.desk_day_world.build")


def login(page, base_url: str, world: dict, who: str = "clerk") -> None:
	desk_login(page, base_url, world[who], world["password"])
	page.wait_for_function("() => window.frappe && frappe.set_route && frappe.boot")
	settle(page)


def step_rows(page) -> list[dict]:
	"""Each checklist row's box and its buttons' boxes."""
	return page.evaluate(
		"""() => [...document.querySelectorAll('.mm-checklist [data-step]')].map(li => {
			const box = b => { const r = b.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
			return {step: li.dataset.step, box: box(li),
				buttons: [...li.querySelectorAll('button[data-action]')].map(b => ({action: b.dataset.action, box: box(b)}))};
		})"""
	)


def test_each_playbook_rows_buttons_lie_in_that_row_and_tick_that_row(page, base_url, world):
	login(page, base_url, world)
	page.set_viewport_size({"width": 1100, "height": 900})  # the long step names wrap
	open_route(page, f"/app/mediation-case/{world['case']}")
	rows = step_rows(page)
	assert [row["step"] for row in rows] == world["steps"]
	for row in rows:
		assert row["buttons"], row
		for button in row["buttons"]:
			inside = (
				button["box"]["top"] >= row["box"]["top"] - 0.5
				and button["box"]["bottom"] <= row["box"]["bottom"] + 0.5
			)
			assert inside, f"button {button['action']} of step {row['step']} lies outside its row: {row}"
	target = world["steps"][2]
	page.click(f'.mm-checklist [data-step="{target}"] button[data-action="done"]')
	page.wait_for_function(
		"""step => (cur_frm.doc.playbook_steps || []).some(r => r.name === step && r.status === 'Done')""",
		arg=target,
	)
	settle(page)
	statuses = page.evaluate("() => cur_frm.doc.playbook_steps.map(r => [r.name, r.status])")
	assert statuses == [[name, "Done" if name == target else "Open"] for name in world["steps"]]


def workflow_actions(page) -> list[str]:
	"""The labels in the form's workflow "Actions" menu."""
	return page.evaluate(
		"""() => [...document.querySelectorAll('.page-actions .actions-btn-group .dropdown-menu .dropdown-item')]
			.map(a => a.innerText.trim()).filter(Boolean)"""
	)


def test_a_closed_case_is_read_only_but_can_be_reopened(page, base_url, world):
	login(page, base_url, world)
	open_route(page, f"/app/mediation-case/{world['closed_case']}")
	state = page.evaluate(
		"""() => {
			const editable = name => !!document.querySelector(
				`.frappe-control[data-fieldname="${name}"] .control-input-wrapper .control-input:not([style*="display: none"]) input`)
				&& getComputedStyle(document.querySelector(`.frappe-control[data-fieldname="${name}"] .control-input`)).display !== 'none';
			return {subject: editable('subject'), category: editable('category'),
				reporter_phone: editable('reporter_phone'),
				step_buttons: [...document.querySelectorAll('.mm-checklist button[data-action]')].map(b => b.dataset.action)};
		}"""
	)
	# what was written is read-only; the reporter's phone stays editable (the follow-up needs it), and the
	# reporter's answer to the follow-up call is all the playbook still records
	assert state == {"subject": False, "category": False, "reporter_phone": True, "step_buttons": ["answer"]}, state
	assert "Wieder öffnen" in workflow_actions(page)


def test_approved_minutes_are_read_only(page, base_url, world):
	login(page, base_url, world, "manager")
	open_route(page, f"/app/round-table-meeting/{world['approved_meeting']}")
	assert page.evaluate("() => !!cur_frm.read_only")
	assert page.locator('[data-fieldname="minutes"] .ql-editor[contenteditable="true"]').count() == 0


def open_send_dialog(page, household: str) -> dict:
	open_route(page, f"/app/refugee-household/{household}")
	page.evaluate(
		"""() => { for (const item of document.querySelectorAll('.inner-group-button .dropdown-item'))
			if (item.dataset.label === encodeURIComponent('Hausordnung senden')
				|| item.innerText.trim() === 'Hausordnung senden') item.click(); }"""
	)
	page.wait_for_function("() => window.cur_dialog && cur_dialog.display && cur_dialog.get_value('house_rules')")
	state = page.evaluate(
		"""() => ({values: cur_dialog.get_values(true),
			note: cur_dialog.fields_dict.recipient_note.$wrapper.text().trim()})"""
	)
	page.evaluate("() => cur_dialog.hide()")
	return state


def test_the_house_rules_dialog_is_prefilled_with_the_households_address_or_print(page, base_url, world):
	login(page, base_url, world)
	known = open_send_dialog(page, world["household"])
	assert known["values"]["channel"] == "Email"
	assert known["values"]["recipient"].endswith("@haushalt.example"), known
	assert known["note"] == ""
	unknown = open_send_dialog(page, world["household_without_email"])
	assert unknown["values"]["channel"] == "Print", unknown
	assert "Hausbesuch" in unknown["note"], unknown


def test_a_breached_service_level_shows_at_the_top_of_the_case(page, base_url, world):
	login(page, base_url, world)
	open_route(page, f"/app/mediation-case/{world['breached_case']}")
	headline = page.locator(".form-message .mm-headline-red")
	assert headline.is_visible()
	text = headline.inner_text()
	assert "Servicelevel verletzt: Die erste Antwort war am" in text and "Eskalationsstufe 2." in text, text
	box = headline.bounding_box()
	assert box and box["y"] < 300, box  # above the fold, not in the collapsed SLA section
