"""A household in rent arrears for the early-signals browser test.

`bench --site <site> execute mitmenschen.tests.signals_world.build` creates a clerk with a password,
an active debt-counselling partner the family consented to be referred to, and a household that has
moved in whose tenant owes six weeks' rent in ERPNext (Sales Invoices); the arrears signal is opened
for this household alone (the switch is turned on for that and put back as it was); commits and
returns the names.
"""

import frappe
from frappe.utils import add_days, getdate, nowdate, random_string
from frappe.utils.password import update_password

from mitmenschen.early_signals.findings import ARREARS
from mitmenschen.early_signals.sweep import collect, open_signal
from mitmenschen.erp.rent import make_rent_invoice
from mitmenschen.households.consent import REFERRAL
from mitmenschen.tests.factories import (
	make_household,
	make_partner,
	make_service_type,
	make_staff_user,
	make_tenant,
)
from mitmenschen.workflows.definitions import CLERK, seed_state

PASSWORD = "Signals-Test-2026!"
SETTINGS = "Mitmenschen Settings"


def build() -> dict:
	suffix = random_string(5)
	clerk = make_staff_user(CLERK)
	update_password(clerk, PASSWORD)
	partner = make_partner(
		f"Schuldnerberatung Nord {suffix}",
		status="Active",
		hotline_phone="+49 471 555 0199",
		services=[{"service_type": make_service_type("Schuldnerberatung").name}],
	).name
	tenant = make_tenant(f"Amira Haddad {suffix}").name
	household = make_household(
		family_name=f"Haddad {suffix}",
		tenant=tenant,
		move_in_date=add_days(nowdate(), -200),
		languages=[{"language": "ar"}],
		consents=[
			{"purpose": REFERRAL, "partner_organisation": partner, "given_on": add_days(nowdate(), -100)}
		],
	)
	seed_state("Refugee Household", household.name, "Moved In")
	for due in (50, 20):
		make_rent_invoice(tenant, 690, add_days(nowdate(), -due - 5), add_days(nowdate(), -due))

	stored = {
		field: frappe.db.get_single_value(SETTINGS, field)
		for field in ("arrears_signal_enabled", "arrears_purpose")
	}
	frappe.db.set_single_value(
		SETTINGS,
		{"arrears_signal_enabled": 1, "arrears_purpose": "Mietschulden früh erkennen, um Hilfe anzubieten."},
	)
	try:
		(finding,) = [
			f for f in collect(getdate(nowdate())) if f.household == household.name and f.kind == ARREARS
		]
		signal = open_signal(finding)
	finally:
		frappe.db.set_single_value(SETTINGS, stored)
	frappe.db.commit()
	return {
		"clerk": clerk,
		"password": PASSWORD,
		"partner": partner,
		"household": household.name,
		"family_name": household.family_name,
		"signal": signal,
	}
