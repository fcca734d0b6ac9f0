"""A tenant and a flat with our records linked to them, and a clerk who looks at them.

`bench --site <site> execute mitmenschen.tests.connections_world.build` creates (names unique per run)
a user with only the Mit:Menschen Clerk role, as the demo's clerk has; a tenant (the ERP's tenant
doctype) and a flat in the property tree; one household living there as that tenant and two cases
the tenant reported about the flat. Commits and returns the names and the figures the connections
panels must show.
"""

import frappe
from frappe.utils.password import update_password

from mitmenschen.erp.records import get_property_doctype, get_tenant_doctype
from mitmenschen.tests.factories import make_case, make_flat, make_household, make_staff_user, make_tenant

PASSWORD = "Clerk-Test-2026!"


def build() -> dict:
	clerk = make_staff_user("Mit:Menschen Clerk")
	update_password(clerk, PASSWORD)
	flat = make_flat()["flat"]
	tenant = make_tenant().name
	household = make_household(tenant=tenant, property_unit=flat).name
	cases = [
		make_case(reporter_tenant=tenant, property_unit=flat, respondent_household=household).name
		for _ in range(2)
	]
	frappe.db.commit()
	return {
		"clerk": clerk,
		"password": PASSWORD,
		"tenant_doctype": get_tenant_doctype(),
		"tenant": tenant,
		"property_doctype": get_property_doctype(),
		"flat": flat,
		"household": household,
		"cases": cases,
		"expected": {"Refugee Household": 1, "Mediation Case": len(cases)},
	}
