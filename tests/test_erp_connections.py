"""A clerk opens a tenant's Customer and a flat's Location and finds our households and cases there.

The clerk is a user with only the Mit:Menschen Clerk role, like the demo's clerk: read on the ERP's
tenant and property doctypes comes from the app (erp/staff_access.py), the "Mit:Menschen" group in
the connections panel from erp/records.py. The world (a tenant, a flat, one household living there,
two cases the tenant reported about the flat) is built on the site by
`mitmenschen.tests.connections_world.build`. On the way the clerk also sees the app's logo on the
apps screen.
"""

from urllib.parse import quote

import pytest
from conftest import desk_login
from playwright.sync_api import expect
from portal_world import bench_execute, shot


@pytest.fixture(scope="module")
def world() -> dict:
	return bench_execute("mitmenschen.tests.connections_world.build")


def slug(doctype: str) -> str:
	return doctype.lower().replace(" ", "-")


def open_connections(page, base_url: str, doctype: str, name: str):
	"""The record's form, on the tab that holds the connections panel; returns our group's column."""
	page.goto(f"{base_url}/app/{slug(doctype)}/{quote(name)}")
	page.wait_for_selector(f'.page-head .title-text:has-text("{name}")')
	tab = page.locator('.form-tabs .nav-link[data-fieldname="dashboard_tab"]')
	if tab.count():
		tab.click()
	group = page.locator(".form-documents .form-link-title", has_text="Mit:Menschen")
	expect(group).to_be_visible()
	return group.locator("xpath=..")


@pytest.mark.parametrize("kind", ["tenant", "property"])
def test_clerk_sees_our_households_and_cases_on_the_erp_record(page, base_url, world, kind):
	doctype, name = (
		world[f"{kind}_doctype"],
		world["tenant" if kind == "tenant" else "flat"],
	)
	desk_login(page, base_url, world["clerk"], world["password"])
	column = open_connections(page, base_url, doctype, name)
	for linked, count in world["expected"].items():
		badge = column.locator(f'.document-link[data-doctype="{linked}"] .count')
		expect(badge).to_have_text(str(count))
	expect(page.locator(".modal.show .msgprint")).to_have_count(0)  # no "not permitted" dialog
	shot(page, f"erp-connections-{kind}")

	# the panel leads to our records: the tenant's (or flat's) cases, filtered
	column.locator('.document-link[data-doctype="Mediation Case"] .badge-link').click()
	page.wait_for_url("**/app/mediation-case**")
	for case in world["cases"]:
		expect(page.locator(f'.list-row-checkbox[data-name="{case}"]')).to_have_count(1)


def test_clerk_sees_the_app_logo_on_the_apps_screen(page, base_url, world):
	desk_login(page, base_url, world["clerk"], world["password"])
	page.goto(f"{base_url}/apps")
	logo = page.locator('img[src="/assets/mitmenschen/mitmenschen.svg"]')
	expect(logo).to_be_visible()
	assert logo.evaluate("img => img.complete && img.naturalWidth > 0"), "the logo file does not load"
	shot(page, "apps-screen-logo")
