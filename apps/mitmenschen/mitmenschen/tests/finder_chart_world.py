"""What the browser tests of the Partner Finder's filters and the desk's charts open (issue #23): the
desk clerk, a category with a long name whose playbook refers to a partner, a partner that offers the
category's service and one that does not (both with a hot-line contact), and a case in that category.

`bench --site <site> execute mitmenschen.tests.finder_chart_world.build` commits and returns the names.
"""

import frappe
from frappe.utils import random_string

from mitmenschen.tests.desk_world import PASSWORD, make_desk_user
from mitmenschen.tests.factories import make_case, make_contact, make_partner, make_service_type
from mitmenschen.tests.loop_world import make_playbook_category
from mitmenschen.workflows.definitions import seed_state


def build() -> dict:
	clerk = make_desk_user("clerk")
	service = make_service_type()
	suffix = random_string(4)
	# longer than a bar of the workspace's charts is wide: frappe-charts used to cut it to "Schäde ..."
	category = make_playbook_category(
		[("An einen Partner vermitteln", "Refer to Partner", 0, 0)],
		category_name=f"Schäden und Reparaturen im Treppenhaus {suffix}",
		service_types=[{"service_type": service.name}],
	)
	matching = make_partner(
		f"Partner mit Angebot {suffix}",
		services=[{"service_type": service.name}],
		languages=[{"language": "ar"}],
	)
	other = make_partner(f"Partner ohne Angebot {suffix}")
	contacts = {}
	for partner in (matching, other):
		contact = make_contact(
			partner.name,
			phone="0471 555 10",
			email=f"hotline-{random_string(6).lower()}@partner.example",
			is_hotline=1,
		)
		contacts[partner.name] = {"name": contact.full_name, "phone": contact.phone, "email": contact.email}
	case = make_case(category=category.name)
	seed_state("Mediation Case", case.name, "In Mediation")
	frappe.db.commit()
	return {
		"password": PASSWORD,
		"clerk": clerk,
		"category": category.name,
		"case": case.name,
		"matching_partner": matching.name,
		"other_partner": other.name,
		"contacts": contacts,
	}
