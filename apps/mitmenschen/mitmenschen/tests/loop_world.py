"""Test support for closing the loop (playbook, follow-up, closure messages, assignment)."""

import frappe
from frappe.utils import random_string

from mitmenschen.tests.factories import make_category, make_household, make_tenant, unique
from mitmenschen.workflows.definitions import seed_state
from mitmenschen.workflows.rules import apply_workflow


def make_playbook_category(steps: list[tuple], **overrides):
	"""steps: (step, action type, working days after intake, mandatory)."""
	return make_category(
		unique("Kategorie"),
		playbook=[
			{"step": step, "action_type": action, "days_after": days, "mandatory": mandatory}
			for step, action, days, mandatory in steps
		],
		**overrides,
	)


def close(case):
	"""Walk the last step as a manager would: the proposal seeded, the approval taken."""
	frappe.db.set_value(
		"Mediation Case", case.name, "resolution", "<p>Gespräch geführt, Lösung gefunden.</p>"
	)
	seed_state("Mediation Case", case.name, "Resolution Proposed")
	return apply_workflow({"doctype": "Mediation Case", "name": case.name}, "Approve")


def make_respondent(email: str | None = None, languages: tuple[str, ...] = ("ar",)):
	"""A household whose tenant record has an email address (the respondent's contact)."""
	tenant = make_tenant(unique("Familie Mieter"))
	email = email or f"haushalt-{random_string(6).lower()}@mieter.example"
	frappe.db.set_value("Customer", tenant.name, "email_id", email)
	household = make_household(
		tenant_doctype="Customer",
		tenant=tenant.name,
		languages=[{"language": lang} for lang in languages],
	)
	return household, email


def make_reporter_user(language: str) -> str:
	"""A user whose language the reporter's messages follow (reused across runs)."""
	email = f"melder-{language}-{random_string(5).lower()}@mieter.example"
	frappe.flags.in_import = True  # skips Frappe's throttle on creating users
	try:
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": unique("Melderin"),
				"language": language,
				"send_welcome_email": 0,
				"user_type": "Website User",
			}
		).insert(ignore_permissions=True)
	finally:
		frappe.flags.in_import = False
	return email


# ---- worlds for the browser and isolation tests (bench execute; committed) ----------------------------

CLERK_PASSWORD = "Sachbearbeitung-Test-2026!"


def follow_up_path(case) -> str:
	from mitmenschen.mediation.follow_up import signature

	case.reload()
	return f"/f/{case.name}/{signature(case.name, case.follow_up_expires_on, case.reopen_count)}"


def closed_case_with_follow_up(language: str | None, **overrides):
	from mitmenschen.tests.factories import make_case

	reporter = make_reporter_user(language) if language else None
	category = make_playbook_category([("Nachfassanruf", "Follow-up Call", 5, 0)])
	case = make_case(
		category=category.name,
		subject=unique("Hundegebell im Hinterhof"),
		reporter_email=reporter,
		reporter_name=unique("Frau Vertraulich"),
		reporter_phone="+49 421 555 0199",
		**overrides,
	)
	close(case)
	return case


def browser_world() -> dict:
	"""A clerk who can log in, a case with a playbook, and a closed case whose reporter reads Arabic."""
	from frappe.utils.password import update_password

	from mitmenschen.tests.factories import make_case

	suffix = random_string(5).lower()
	clerk = f"sachbearbeitung-{suffix}@staff.example"
	frappe.get_doc(
		{
			"doctype": "User",
			"email": clerk,
			"first_name": f"Sachbearbeitung {suffix}",
			"language": "de",
			"enabled": 1,
			"send_welcome_email": 0,
			"roles": [{"role": "Mit:Menschen Clerk"}],
		}
	).insert(ignore_permissions=True)
	update_password(clerk, CLERK_PASSWORD)
	category = make_playbook_category(
		[
			("Gespräch mit beiden Parteien", "Other", 1, 1),
			("Hausordnung in der Sprache der Familie senden", "Send House Rules", 3, 0),
			("Dolmetschung für das Gespräch buchen", "Book Interpreter", 5, 0),
			("Nachfassanruf beim Meldenden", "Follow-up Call", 7, 0),
		]
	)
	case = make_case(category=category.name, subject=f"Lärm nach 22 Uhr {suffix}")
	closed = closed_case_with_follow_up("ar")
	by_phone = closed_case_with_follow_up(None, assigned_to=clerk)  # a reporter without email
	frappe.db.commit()
	return {
		"clerk": clerk,
		"password": CLERK_PASSWORD,
		"case": case.name,
		"closed_case": closed.name,
		"follow_up_path": follow_up_path(closed),
		"phone_case": by_phone.name,
	}


def isolation_world() -> dict:
	"""A closed case awaiting its follow-up, with a confidential reporter (for the isolation suite)."""
	case = closed_case_with_follow_up("de")
	path = follow_up_path(case)
	frappe.db.commit()
	return {
		"case": case.name,
		"subject": case.subject,
		"reporter_name": case.reporter_name,
		"reporter_email": case.reporter_email,
		"sig": path.rsplit("/", 1)[-1],
	}
