"""House rules for tests: versions for a district of their own, and households that speak a language
and have an email address (their tenant record's), so that no test sees another test's households."""

import frappe
from frappe.utils import random_string

from mitmenschen.tests.factories import make_flat, make_household, make_tenant, unique
from mitmenschen.workflows.definitions import seed_state

GERMAN = (
	"<h3>Ruhezeiten</h3><p>Nachtruhe ist von 22 bis 6 Uhr.</p>"
	"<h3>Müll trennen</h3><p>Gelbe Tonne: Verpackungen. Blaue Tonne: Papier.</p>"
)
TEXTS = {
	"en": "<h3>Quiet hours</h3><p>Night rest is from 10 pm to 6 am.</p>",
	"ar": "<h3>أوقات الهدوء</h3><p>وقت الراحة الليلية من الساعة 10 مساءً حتى 6 صباحًا.</p>",
	"uk": "<h3>Години тиші</h3><p>Нічний відпочинок триває з 22:00 до 6:00.</p>",
}


def make_house_rules(district: str | None = None, title: str | None = None, **overrides):
	"""A version for one district (or all buildings without one) with en, ar and uk translations."""
	values = {
		"doctype": "House Rules",
		"title": title or unique("Hausordnung"),
		"valid_from": "2026-01-01",
		"german_text": GERMAN,
		"translations": [
			{"language": code, "text": text, "translated_by": "Test"} for code, text in TEXTS.items()
		],
	}
	if district:
		values |= {"applies_to": "Chosen Districts or Buildings", "scope": [{"property": district}]}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def make_speaking_household(
	language: str | None,
	district: str | None = None,
	email: bool = True,
	status: str | None = None,
	**overrides,
):
	"""A household in a flat of `district` whose tenant record has an address; returns the doc."""
	flat = make_flat(district=district)
	tenant = make_tenant()
	address = None
	if email:
		address = f"familie-{random_string(8).lower()}@haushalt.example"
		frappe.db.set_value(tenant.doctype, tenant.name, "email_id", address)
	household = make_household(
		tenant=tenant.name,
		property_unit=flat["flat"],
		languages=[{"language": language}] if language else [],
		members=[{"member_name": unique("Mitglied"), "relation": "Head of Household", "birth_year": 1985}],
		**overrides,
	)
	if status:
		seed_state(household.doctype, household.name, status)
		household.reload()
	household.flags.test_email = address
	return household


def explain(household, house_rules: str | None, explained_on: str, language: str = "de") -> None:
	"""An explanation row as the desk would record it (acknowledged by the first member)."""
	household.append(
		"house_rules_explanations",
		{
			"explained_on": explained_on,
			"house_rules": house_rules,
			"language": language,
			"acknowledged_by": household.members[0].member_name if household.members else None,
		},
	)
	household.save()
