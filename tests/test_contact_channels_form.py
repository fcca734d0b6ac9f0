"""A clerk records a family's contact channels from the household: the new record starts in the
family's language (Persian), not in the clerk's German desk language that Frappe puts into every field
named `language`, so the family's SMS is not written in German."""

from urllib.parse import quote

from conftest import desk_login
from portal_world import bench_execute, shot


def test_a_new_record_starts_in_the_familys_language(page, base_url):
	world = bench_execute("mitmenschen.tests.notice_world.household_without_channels")
	desk_login(page, base_url, world["clerk"], world["password"])
	page.goto(
		f"{base_url}/app/contact-channels/new?party_doctype={quote('Refugee Household')}"
		f"&party={quote(world['household'])}"
	)
	page.wait_for_function(
		"(name) => window.cur_frm && cur_frm.doc.doctype === 'Contact Channels' && cur_frm.doc.party === name",
		arg=world["household"],
	)
	page.wait_for_function("() => cur_frm.doc.language === 'fa'", timeout=30_000)
	# the clerk reads which language it is: its German name beside its own (the field's input as it is
	# now: the form may draw the control again meanwhile)
	page.wait_for_function(
		"() => (cur_frm.fields_dict.language.$input?.val() || '').startsWith('Persisch (')", timeout=15_000
	)
	# and it stays: Frappe sets a new form's links once more after its first requests (the desk's German
	# came back that way, answered after the family's language)
	page.wait_for_function("() => !frappe.request.ajax_count")
	page.wait_for_timeout(1_000)
	assert page.evaluate("() => cur_frm.doc.language") == "fa"
	shot(page, "contact_channels_new_from_household")
