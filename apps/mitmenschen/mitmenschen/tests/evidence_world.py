"""A world of known cases for the round table's reports: every figure of it is worked out by hand.

One district (two buildings, three flats), one category, one partner — all unique, so the figures do
not depend on other rows of the site. Priority Medium under the "Standard" policy: response within
16, resolution within 80 working hours, Bremen's calendar (08:00–16:00, weekends and public holidays
off). Easter 2026: Good Friday 3 April and Easter Monday 6 April are holidays.

	case  flat  opened            first response     resolved           referral
	P     F1    Tue 10.03. 10:00  –                  Fri 20.03. 10:00   –
	Q     F1    Wed 25.03. 10:00  –                  Wed 08.04. 10:00   –          (recurrence of P)
	A     F1    Thu 02.04. 14:00  Tue 07.04. 10:00   Thu 16.04. 12:00   accepted after 4 h (Easter)
	B     F1    Mon 13.04. 09:00  Mon 13.04. 11:00   Mon 27.04. 09:00   declined after 3 h
	C     F2    Wed 15.04. 15:00  Fri 17.04. 15:00   Thu 30.04. 16:00   accepted after 2 h, done
	D     F3    Fri 17.04. 10:00  Wed 22.04. 12:00   –                  waiting

April 2026: response 4, 2, 16 (exactly on time), 26 (late) h → 3 of 4 within target = 75 %, median
10.0 h, 90th percentile 23.0 h; resolution 62, 80 (exactly on time), 89 (late) h and D still open
after its due time → 2 of 4 = 50 %, median 80.0 h, 90th percentile 87.2 h.

`bench --site <site> execute mitmenschen.tests.evidence_world.build` (the browser test) creates it
with a clerk and a manager who have a password, commits, and returns the names.
"""

from datetime import datetime

import frappe
from frappe.utils import random_string
from frappe.utils.password import update_password

from mitmenschen.mediation.sla import calendar_of, policy_for, stamp_working_hours
from mitmenschen.tests.factories import (
	make_action,
	make_category,
	make_flat,
	make_partner,
	make_staff_user,
	unique,
)

PASSWORD = "Evidence-Test-2026!"
REPORTER = "Reporterin Vertraulich"  # must never appear in a report
FROM, TO = "2026-04-01", "2026-04-30"


def at(text: str) -> datetime:
	return datetime.strptime(text, "%Y-%m-%d %H:%M")


def make_evidence_case(opened: str, flat: str, category: str, **stamps):
	"""A case opened at `opened`, then stamped as it would have been (responded, resolved, referred):
	the stamps go straight to the database, with the working hours the case controller computes."""
	case = frappe.get_doc(
		{
			"doctype": "Mediation Case",
			"subject": unique("Ruhestörung"),
			"category": category,
			"priority": "Medium",
			"opened_on": at(opened),
			"property_unit": flat,
			"reporter_name": REPORTER,
			"reporter_email": f"{random_string(6).lower()}@reporter.example",
		}
	).insert(ignore_permissions=True)
	values = {}
	for field, value in stamps.items():
		values[field] = at(value) if isinstance(value, str) and ":" in value else value
	if values.get("resolved_on"):
		values["status"] = "Closed"
	elif values.get("first_responded_on"):
		values["status"] = "In Mediation"
	case.update(values)
	stamp_working_hours(case, calendar_of(policy_for(case)))
	for field in ("response_working_hours", "resolution_working_hours", "referral_answer_working_hours"):
		values[field] = case.get(field)
	frappe.db.set_value("Mediation Case", case.name, values, update_modified=False)
	return frappe.get_doc("Mediation Case", case.name)


def make_world() -> dict:
	places = make_flat(district=unique("Bezirk Evidenz"))
	f1, building_1 = places["flat"], places["building"]
	f2 = make_flat(places["district"], building_1, unique("Wohnung"))["flat"]
	second = make_flat(places["district"], unique("Haus"), unique("Wohnung"))
	f3, building_2 = second["flat"], second["building"]
	category = make_category(unique("Lärm Evidenz")).name
	partner = make_partner(unique("Nachbarschaftshilfe Evidenz")).name
	referral = {"referred_to": partner}
	cases = {
		"P": make_evidence_case("2026-03-10 10:00", f1, category, resolved_on="2026-03-20 10:00"),
		"Q": make_evidence_case(
			"2026-03-25 10:00", f1, category, resolved_on="2026-04-08 10:00", reporter_satisfaction=0.8
		),
		"A": make_evidence_case(
			"2026-04-02 14:00",
			f1,
			category,
			first_responded_on="2026-04-07 10:00",
			resolved_on="2026-04-16 12:00",
			reporter_satisfaction=1.0,
			referral_status="Accepted",
			referral_requested_on="2026-04-02 14:00",
			referral_responded_on="2026-04-07 10:00",
			**referral,
		),
		"B": make_evidence_case(
			"2026-04-13 09:00",
			f1,
			category,
			first_responded_on="2026-04-13 11:00",
			resolved_on="2026-04-27 09:00",
			reporter_satisfaction=0.4,
			referral_status="Declined",
			referral_decline_reason="Keine Kapazität",
			referral_requested_on="2026-04-13 09:00",
			referral_responded_on="2026-04-13 12:00",
			**referral,
		),
		"C": make_evidence_case(
			"2026-04-15 15:00",
			f2,
			category,
			first_responded_on="2026-04-17 15:00",
			resolved_on="2026-04-30 16:00",
			referral_status="Done",
			referral_requested_on="2026-04-15 15:00",
			referral_responded_on="2026-04-16 09:00",
			**referral,
		),
		"D": make_evidence_case(
			"2026-04-17 10:00",
			f3,
			category,
			first_responded_on="2026-04-22 12:00",
			escalation_level=2,
			referral_status="Requested",
			referral_requested_on="2026-04-17 10:00",
			**referral,
		),
	}
	owner = make_staff_user("Mit:Menschen Clerk")
	actions = [
		make_action(partner, due_date="2026-04-10", status="Done", owner_user=owner),
		make_action(
			partner, due_date="2026-04-20", status="Open", owner_user=owner, title=unique("Spielplatz")
		),
		make_action(partner, due_date="2026-04-25", status="In Progress", owner_user=owner),
		make_action(partner, due_date="2026-05-05", status="Open", owner_user=owner),
	]
	return {
		"district": places["district"],
		"building_1": building_1,
		"building_2": building_2,
		"flats": [f1, f2, f3],
		"category": category,
		"partner": partner,
		"cases": {key: case.name for key, case in cases.items()},
		"subjects": {key: case.subject for key, case in cases.items()},
		"actions": [action.name for action in actions],
		"overdue_action": actions[1].title,
		"action_owner": frappe.utils.get_fullname(owner),
		"from_date": FROM,
		"to_date": TO,
		"reporter": REPORTER,
	}


def build() -> dict:
	"""The world for the browser test, with a clerk and a manager who can log in; committed."""
	frappe.set_user("Administrator")
	world = make_world()
	for role, key in (("Mit:Menschen Clerk", "clerk"), ("Mit:Menschen Manager", "manager")):
		user = make_staff_user(role)
		update_password(user, PASSWORD)
		world[key] = user
	world["password"] = PASSWORD
	frappe.db.commit()
	return world
