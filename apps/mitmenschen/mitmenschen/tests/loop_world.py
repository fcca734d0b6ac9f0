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
