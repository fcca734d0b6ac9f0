"""A clerk's day in the desk, in a real headless Chromium (issue #23): the workspace, a case whose
playbook step she ticks, the household she sends the house rules to, a meeting, a report — and on
every page she opens, none of the English strings the desk used to show (timeline lines, Frappe's
untranslated words) in the visible text."""

import re

import pytest
from conftest import desk_login
from portal_world import bench_execute, shot
from test_desk_smoke import open_route, settle

# English the tour of issue #23 found on the desk, and Frappe's words that must not show up either
KNOWN_ENGLISH = (
	"Administrator assigned",
	" assigned ",
	"created with",
	"added 1 row",
	"rows to",
	"removed 1 row",
	"Onboarding plan",
	"Playbook step",
	"House rules sent",
	"Not Saved",
	"Assigned To",
	"Add a comment",
	"Activity",
	"Mark Held",
	"Approve Minutes",
	"Send House Rules",
	"Record Explanation",
	"Partner Finder",
	"Open Again",
	"Skip",
	"Done by",
	"von Sie",  # "Erledigt von Sie": German for "by you" is "von Ihnen"
	"null",
)


@pytest.fixture(scope="module")
def world() -> dict:
	return bench_execute("mitmenschen.tests.desk_day_world.build")


def visible_text(page) -> str:
	"""What the clerk can read on the current desk page (the page container, not hidden templates)."""
	page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")  # the timeline renders below
	settle(page)
	return page.evaluate("() => (frappe.container.page || document.body).innerText")


def english_on(page, where: str) -> list[str]:
	text = visible_text(page)
	found = []
	for phrase in KNOWN_ENGLISH:
		# whole words: "Skip" is not "Überspringen", "null" is not "Nullen"
		if re.search(rf"(?<![\w]){re.escape(phrase.strip())}(?![\w])", text):
			found.append(f"{where}: {phrase.strip()!r}")
	return found


def test_a_clerks_day_speaks_german(page, base_url, world):
	desk_login(page, base_url, world["clerk"], world["password"])
	page.wait_for_function("() => window.frappe && frappe.set_route && frappe.boot")
	settle(page)
	found = []

	# the workspace: hers first, no ERPNext workspace in the sidebar
	open_route(page, "/app/mit-menschen")
	sidebar = page.evaluate(
		"() => [...document.querySelectorAll('.desk-sidebar .sidebar-item-label')].map(e => e.innerText.trim())"
	)
	assert sidebar and sidebar[0] in ("Mit Menschen", "Mit:Menschen"), sidebar
	assert not {"Verkauf", "Selling", "Anlagen", "Assets", "Startseite", "Home"} & set(sidebar), sidebar
	found += english_on(page, "workspace")

	# the case: a playbook step done
	open_route(page, f"/app/mediation-case/{world['case']}")
	first = world["steps"][0]
	page.click(f'.mm-checklist [data-step="{first}"] button[data-action="done"]')
	page.wait_for_function(
		"step => (cur_frm.doc.playbook_steps || []).some(r => r.name === step && r.status === 'Done')", arg=first
	)
	settle(page)
	found += english_on(page, "case")

	# the household: the house rules printed for a home visit
	open_route(page, f"/app/refugee-household/{world['household']}")
	page.evaluate(
		"""() => { for (const item of document.querySelectorAll('.inner-group-button .dropdown-item'))
			if (item.innerText.trim() === 'Hausordnung senden') item.click(); }"""
	)
	page.wait_for_function("() => window.cur_dialog && cur_dialog.display && cur_dialog.get_value('house_rules')")
	found += english_on(page, "house rules dialog")
	page.evaluate("() => cur_dialog.set_value('channel', 'Print')")
	with page.context.expect_page():  # the pictogram sheet opens to be printed
		page.evaluate("() => cur_dialog.primary_action(cur_dialog.get_values())")
	page.wait_for_function(
		"() => (cur_frm.doc.house_rules_deliveries || []).length > 0 && !frappe.request.ajax_count"
	)
	settle(page)
	found += english_on(page, "household")

	# a meeting, then a report
	open_route(page, f"/app/round-table-meeting/{world['approved_meeting']}")
	found += english_on(page, "meeting")
	open_route(page, "/app/query-report/SLA Compliance")
	found += english_on(page, "report")
	shot(page, "clerk_day_report")
	assert not found, "\n".join(found)
