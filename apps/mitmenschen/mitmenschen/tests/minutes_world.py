"""A round table whose minutes mention cases of two organisations, for the minutes' scoping tests.

`bench --site <site> execute mitmenschen.tests.minutes_world.build` creates (random suffix) partner
organisations A and B with a portal user and contact each, a case referred to each (with a
confidential reporter), a staff-only case, actions about them, and three meetings: one both attend
whose minutes are approved (agenda: A's case, B's case, the staff case, B's action, a plain topic),
the same still in draft, and one only B attends; commits and returns the names.
"""

import frappe
from frappe.utils import add_days, nowdate, random_string
from frappe.utils.password import update_password

from mitmenschen.access.identity import PARTNER_ROLE
from mitmenschen.tests.factories import make_category, make_contact, make_partner
from mitmenschen.tests.isolation_world import make_partner_user
from mitmenschen.workflows.definitions import seed_state

PASSWORD = "Isolation-Test-2026!"


def make_referred_case(label: str, suffix: str, category: str, organisation: str | None):
	return frappe.get_doc(
		{
			"doctype": "Mediation Case",
			"subject": f"Schimmel im Keller {label} {suffix}",
			"category": category,
			"description": f"Beschreibung {label} {suffix}",
			"reporter_name": f"Geheime Melderin {label} {suffix}",
			"reporter_email": f"melderin-{label.lower()}-{suffix.lower()}@melder.example",
			"referred_to": organisation,
		}
	).insert(ignore_permissions=True)


def partner_user(label: str) -> str:
	"""One portal user per label, reused across runs (Frappe throttles creating users to 60 an hour);
	its contacts of earlier runs are switched off, so it acts for this run's organisation only."""
	email = f"minutes-{label.lower()}@minutes.example"
	if not frappe.db.exists("User", email):
		frappe.flags.in_import = True  # skips only that throttle
		try:
			make_partner_user(email, f"Partner {label}")
		finally:
			frappe.flags.in_import = False
		frappe.db.set_value("User", email, "enabled", 1)  # a user made during an import starts disabled
		return email
	frappe.db.set_value("Partner Contact", {"user": email}, "active", 0)
	frappe.db.set_value("User", email, "enabled", 1)
	update_password(email, PASSWORD)
	return email


def build_organisation(label: str, suffix: str, category: str) -> dict:
	organisation = make_partner(f"Protokoll {label} {suffix}", status="Active", portal_enabled=1)
	user = partner_user(label)
	contact = make_contact(
		organisation.name, user=user, email=user, active=1, full_name=f"Kontakt {label} {suffix}"
	)
	case = make_referred_case(label, suffix, category, organisation.name)
	action = frappe.get_doc(
		{
			"doctype": "Round Table Action",
			"title": f"Kellerbegehung {label} {suffix}",
			"partner_organisation": organisation.name,
			"owner_contact": contact.name,
			"mediation_case": case.name,
			"due_date": add_days(nowdate(), 21),
		}
	).insert(ignore_permissions=True)
	return {
		"organisation": organisation.name,
		"user": user,
		"password": PASSWORD,
		"contact": contact.name,
		"case": case.name,
		"case_subject": case.subject,
		"reporter_name": case.reporter_name,
		"reporter_email": case.reporter_email,
		"action": action.name,
		"action_title": action.title,
	}


def make_minutes_meeting(
	title: str, attendees: list[dict], agenda: list[dict], chair: str | None, state: str
):
	meeting = frappe.get_doc(
		{
			"doctype": "Round Table Meeting",
			"title": title,
			"starts_on": f"{add_days(nowdate(), -3)} 18:00:00",
			"ends_on": f"{add_days(nowdate(), -3)} 20:00:00",
			"location": "Bürgerhaus Lehe",
			"chair": chair,
			"attendees": attendees,
			"agenda": agenda,
			"minutes": "<p>Die Runde bespricht die Fälle des Halbjahres.</p>",
			"decisions": "<p>Die Kellerbegehung findet im Januar statt.</p>",
		}
	).insert(ignore_permissions=True)
	seed_state(meeting.doctype, meeting.name, state)
	return meeting


def build(state: str = "Minutes Approved", chair: str = "Administrator") -> dict:
	suffix = random_string(6)
	category = make_category(f"Protokoll {suffix}").name
	world = {label: build_organisation(label, suffix, category) for label in ("A", "B")}
	staff_case = make_referred_case("Intern", suffix, category, None)
	common_action = frappe.get_doc(
		{
			"doctype": "Round Table Action",
			"title": f"Hausordnung aushängen {suffix}",
			"owner_user": chair,
			"due_date": add_days(nowdate(), 30),
		}
	).insert(ignore_permissions=True)
	a, b = world["A"], world["B"]
	attendees = [
		{
			"partner_organisation": a["organisation"],
			"contact": a["contact"],
			"rsvp": "Accepted",
			"attended": 1,
		},
		{
			"partner_organisation": b["organisation"],
			"contact": b["contact"],
			"rsvp": "Declined",
			"attended": 0,
		},
	]
	agenda = [
		{"topic": a["case_subject"], "source": "Escalated Case", "mediation_case": a["case"]},
		{"topic": b["case_subject"], "source": "Escalated Case", "mediation_case": b["case"]},
		{"topic": staff_case.subject, "source": "Recurring Problem", "mediation_case": staff_case.name},
		{"topic": b["action_title"], "source": "Overdue Action", "round_table_action": b["action"]},
		{"topic": f"Sommerfest im Hof {suffix}", "source": "Manual", "notes": "Termin im Juni"},
	]
	title = f"Runder Tisch Protokoll {suffix}"
	shared = make_minutes_meeting(title, attendees, agenda, chair, state)
	draft = make_minutes_meeting(f"{title} Entwurf", attendees, agenda, chair, "Minutes Draft")
	only_b = make_minutes_meeting(f"{title} nur B", attendees[1:], [agenda[1]], chair, "Minutes Approved")
	for key in ("A", "B"):
		frappe.db.set_value("Round Table Action", world[key]["action"], "meeting", shared.name)
	frappe.db.set_value("Round Table Action", common_action.name, "meeting", shared.name)
	world.update(
		{
			"suffix": suffix,
			"meeting": shared.name,
			"meeting_title": shared.title,
			"draft_meeting": draft.name,
			"only_b_meeting": only_b.name,
			"staff_case": staff_case.name,
			"staff_case_subject": staff_case.subject,
			"staff_reporter_name": staff_case.reporter_name,
			"common_action_title": common_action.title,
			"manual_topic": f"Sommerfest im Hof {suffix}",
			"partner_role": PARTNER_ROLE,
		}
	)
	frappe.db.commit()
	return world
