"""Households for the onboarding and needs tests: moved in through the workflow, with members of
chosen ages and occupations, and partners offering the needs' services in chosen districts.

`bench --site <site> execute mitmenschen.tests.household_world.build` (the browser test) creates a
clerk with a password, a household just moved in (so with its onboarding plan), and a partner
organisation with a portal user and a household referral waiting for its answer, and interpreters
the family has not consented to be referred to; commits and returns the names.
"""

import frappe
from frappe.utils import add_days, getdate, nowdate, random_string
from frappe.utils.password import update_password

from mitmenschen.access.identity import PARTNER_ROLE
from mitmenschen.households.consent import REFERRAL, SHARE_DETAILS
from mitmenschen.households.needs import NEED_SERVICE_TYPES
from mitmenschen.households.onboarding_setup import ensure_default_template, ensure_service_types
from mitmenschen.tests.factories import make_contact, make_flat, make_household, make_language, make_partner
from mitmenschen.workflows.definitions import CLERK, seed_state
from mitmenschen.workflows.rules import apply_workflow

PASSWORD = "Household-Test-2026!"
THIS_YEAR = getdate(nowdate()).year


def born(age: int) -> int:
	"""The birth year of someone who reaches `age` this year."""
	return THIS_YEAR - age


def member(name: str, age: int | None, status: str | None = None, relation: str = "Child", languages=None):
	return {
		"member_name": name,
		"relation": relation,
		"birth_year": born(age) if age is not None else None,
		"occupation_status": status,
		"languages": languages,
	}


def consents(*organisations: str | None, purposes=(REFERRAL, SHARE_DETAILS)) -> list[dict]:
	return [
		{"purpose": purpose, "partner_organisation": org, "given_on": add_days(nowdate(), -10)}
		for org in organisations
		for purpose in purposes
	]


def allocated_household(**values):
	"""A household in a flat, seeded to *Allocation Approved*: the next step is *Move In*."""
	flat = values.pop("flat", None) or make_flat(district=values.pop("district_name", None))["flat"]
	household = make_household(property_unit=flat, **values)
	seed_state("Refugee Household", household.name, "Allocation Approved")
	return frappe.get_doc("Refugee Household", household.name)


def take(user: str, household, action: str):
	"""A workflow step as `user` takes it in the desk."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		return apply_workflow({"doctype": "Refugee Household", "name": household.name}, action)
	finally:
		frappe.set_user(previous)


def ensure_onboarding_data() -> None:
	ensure_service_types()
	ensure_default_template()


def make_web_user(email: str, first_name: str, role: str, user_type: str = "Website User") -> str:
	frappe.flags.in_import = True  # Frappe throttles creating users to 60 an hour
	try:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"user_type": user_type,
				"send_welcome_email": 0,
				"language": "de",
				"roles": [{"role": role}],
			}
		).insert(ignore_permissions=True)
	finally:
		frappe.flags.in_import = False
	frappe.db.set_value("User", user.name, "enabled", 1)  # an imported user starts disabled
	update_password(user.name, PASSWORD)
	return user.name


def build() -> dict:
	suffix = random_string(6)
	ensure_onboarding_data()
	clerk = make_web_user(f"clerk-{suffix.lower()}@onboarding.example", "Clara Clerk", CLERK, "System User")
	make_language("ar", "Arabic")
	partner = make_partner(f"Kita Sonnenschein {suffix}", status="Active", portal_enabled=1)
	partner.append("services", {"service_type": NEED_SERVICE_TYPES["Kindergarten Place"]})
	for language in ("de", "ar"):
		partner.append("languages", {"language": language})
	partner.save(ignore_permissions=True)
	partner_user = make_web_user(f"kita-{suffix.lower()}@onboarding.example", "Kita Leitung", PARTNER_ROLE)
	make_contact(partner.name, user=partner_user, email=partner_user, active=1)
	# interpreters in Arabic, city-wide: the family has not consented to be referred to them
	interpreters = make_partner(f"Sprachmittlung Nord {suffix}", status="Active")
	interpreters.append("services", {"service_type": NEED_SERVICE_TYPES["Interpreter"]})
	interpreters.append("languages", {"language": "ar"})
	interpreters.save(ignore_permissions=True)
	household = allocated_household(
		family_name=f"Familie Haddad {suffix}",
		languages=[{"language": "ar"}],
		interpreter_needed=1,
		members=[
			member("Samira Haddad", 34, "Language Course", "Head of Household", "ar"),
			member("Yusuf Haddad", 4),
			member("Lina Haddad", 9, "School"),
		],
		consents=consents(partner.name),
	)
	take(clerk, household, "Move In")
	referral = frappe.get_doc(
		{
			"doctype": "Household Referral",
			"household": household.name,
			"partner_organisation": partner.name,
			"need": "Kindergarten Place",
			"referred_member": "Yusuf Haddad",
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return {
		"clerk": clerk,
		"password": PASSWORD,
		"household": household.name,
		"family_name": household.family_name,
		"plan": frappe.db.get_value("Onboarding Plan", {"household": household.name}, "name"),
		"partner": partner.name,
		"partner_user": partner_user,
		"household_referral": referral.name,
		"interpreters": interpreters.name,
	}
