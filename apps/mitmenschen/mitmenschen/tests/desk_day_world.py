"""What the desk's browser tests of issue #23 open: a clerk and a manager (the desk smoke test's users),
a case whose playbook has steps with long names (they wrap, which is where the buttons slipped a row),
a closed case, a meeting with approved minutes and a household in a flat with house rules in force.

`bench --site <site> execute mitmenschen.tests.desk_day_world.build` commits and returns the names.
"""

import frappe
from frappe.utils import add_to_date, now_datetime

from mitmenschen.tests.desk_world import PASSWORD, make_desk_user
from mitmenschen.tests.factories import make_case, make_contact, make_meeting, make_partner
from mitmenschen.tests.house_rules_world import make_house_rules, make_speaking_household
from mitmenschen.tests.loop_world import make_playbook_category
from mitmenschen.workflows.definitions import seed_state

STEPS = [
	("Gespräch mit der meldenden Partei über den Lärm im Treppenhaus und die Ruhezeiten", "Other", 0, 0),
	("Hausordnung in der Sprache der Familie senden", "Send House Rules", 1, 1),
	("Dolmetschung für das Gespräch mit beiden Parteien buchen", "Book Interpreter", 2, 0),
	("An einen Partner vermitteln, der Nachmittagsangebote für Kinder macht", "Refer to Partner", 3, 0),
	("Nachfassanruf", "Follow-up Call", 5, 0),
]


def build() -> dict:
	users = {kind: make_desk_user(kind) for kind in ("clerk", "manager")}
	category = make_playbook_category(STEPS)
	household = make_speaking_household("ar", status="Moved In")
	building = frappe.db.get_value("Location", household.property_unit, "parent_location")
	district = frappe.db.get_value("Location", building, "parent_location")
	make_house_rules(district=district)
	no_email = make_speaking_household("fa", district=district, email=False, status="Moved In")
	case = make_case(category=category.name, respondent_household=household.name)
	seed_state("Mediation Case", case.name, "In Mediation")
	breached = make_case(category=category.name)
	seed_state("Mediation Case", breached.name, "In Mediation")
	frappe.db.set_value(
		"Mediation Case",
		breached.name,
		{"sla_status": "Breached", "response_due": add_to_date(now_datetime(), days=-2), "escalation_level": 2},
		update_modified=False,
	)
	closed = make_case(category=category.name, resolution="<p>Gespräch geführt.</p>")
	seed_state("Mediation Case", closed.name, "Closed")
	partner = make_partner()
	meeting = make_meeting(
		partner.name,
		make_contact(partner.name).name,
		starts_on=add_to_date(now_datetime(), days=-10),
		minutes="<p>Protokoll</p>",
	)
	seed_state("Round Table Meeting", meeting.name, "Minutes Approved")
	frappe.db.commit()
	return {
		"password": PASSWORD,
		"clerk": users["clerk"],
		"manager": users["manager"],
		"case": case.name,
		"steps": [row.name for row in case.playbook_steps],
		"breached_case": breached.name,
		"closed_case": closed.name,
		"approved_meeting": meeting.name,
		"household": household.name,
		"household_without_email": no_email.name,
	}
