"""The Partner Finder's filters as a clerk reaches them (issue #23), in a real headless Chromium: from a
case's playbook button (the case's category in the filter field, the rows filtered), then again from the
workspace's shortcut, whose URL carries no filter — Frappe kept the last search's filters there, so the
finder showed the case's partners under an unfiltered URL — and from a URL with filters typed in (the
language in the field by its German name, not only "العربية"). Without a category every row still names
whom to call."""

from urllib.parse import quote, urlencode

import pytest
from conftest import desk_login
from portal_world import bench_execute
from test_desk_smoke import open_route, settle


@pytest.fixture(scope="module")
def world() -> dict:
	return bench_execute("mitmenschen.tests.finder_chart_world.build")


def finder(page) -> dict:
	"""The finder as the clerk sees it: what its filter fields show, the URL's query and the rows."""
	page.wait_for_function(
		"""() => frappe.get_route()[1] === 'Partner Finder' && frappe.query_report
			&& frappe.query_report.report_name === 'Partner Finder' && frappe.query_report.data
			&& !frappe.query_report._no_refresh"""
	)
	settle(page)
	return page.evaluate(
		"""() => ({
			fields: Object.fromEntries(frappe.query_report.filters.map(f => [f.df.fieldname, f.$input.val()])
				.filter(([, value]) => value)),
			query: Object.fromEntries(new URLSearchParams(location.search)),
			rows: Object.fromEntries(frappe.query_report.data.map(r =>
				[r.partner_organisation, {name: r.contact_name, phone: r.phone, email: r.email}])),
		})"""
	)


def test_the_finder_follows_the_filter_it_is_opened_with(page, base_url, world):
	desk_login(page, base_url, world["clerk"], world["password"])
	page.wait_for_function("() => window.frappe && frappe.set_route && frappe.boot")
	settle(page)
	matching, other = world["matching_partner"], world["other_partner"]

	# from the case: its category in the field, only partners for it in the rows
	open_route(page, f"/app/mediation-case/{world['case']}")
	page.click('.mm-checklist button[data-action="finder"]')
	seen = finder(page)
	assert seen["fields"] == {"category": world["category"]}, seen["fields"]
	assert seen["query"] == {"category": world["category"]}, seen["query"]
	assert matching in seen["rows"] and other not in seen["rows"], list(seen["rows"])

	# from the workspace's shortcut, no filter in its URL: no filter in the fields, every partner
	open_route(page, "/app/mit-menschen")
	page.click(".shortcut-widget-box:has-text('Partnersuche')")
	seen = finder(page)
	assert seen["query"] == {}, seen["query"]
	assert seen["fields"] == {}, f"the finder kept the last search's filters: {seen['fields']}"
	assert {matching, other} <= set(seen["rows"]), list(seen["rows"])
	# ... and without a category each row still says whom to call
	for partner in (matching, other):
		assert seen["rows"][partner] == world["contacts"][partner], seen["rows"][partner]

	# a URL with filters, typed in or bookmarked: the language by its German name beside its own
	query = urlencode({"category": world["category"], "language": "ar"})
	page.goto(f"{base_url}/app/query-report/{quote('Partner Finder')}?{query}")
	seen = finder(page)
	assert seen["fields"] == {"category": world["category"], "language": "Arabisch (العربية)"}, seen["fields"]
	assert matching in seen["rows"] and other not in seen["rows"], list(seen["rows"])
