"""Worlds for tests/test_cooperatives.py (bench execute; committed): what one cooperative's site holds
before a second site is made from a copy of it, and what it adds afterwards."""

import frappe
from frappe.utils import random_string

from mitmenschen.tests.factories import unique
from mitmenschen.tests.loop_world import closed_case_with_follow_up, follow_up_path


def build() -> dict:
	"""A closed case whose reporter has a signed follow-up link (the copy will hold the same case)."""
	case = closed_case_with_follow_up(None)
	frappe.db.commit()
	return {"case": case.name, "follow_up_path": follow_up_path(case)}


def new_house_rules() -> dict:
	"""A house-rules version published after the copy: the other site does not have it yet."""
	rules = frappe.get_doc(
		{
			"doctype": "House Rules",
			"title": unique("Hausordnung Verbund"),
			"valid_from": "2026-01-01",
			"german_text": "<p>Mittagsruhe von 13 bis 15 Uhr.</p>",
			"translations": [
				{
					"language": "ar",
					"text": "<p>وقت الراحة من الساعة 13 إلى 15</p>",
					"checked_by": "Frau Haddad",
					"checked_on": "2026-02-01",
				},
				{"language": "ti", "text": "<p>ናይ ቀትሪ ዕረፍቲ ካብ 13 ክሳብ 15</p>"},
			],
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return {"name": rules.name}


def house_rules_states(name: str) -> dict:
	if not frappe.db.exists("House Rules", name):
		return {"exists": False}
	rules = frappe.get_doc("House Rules", name)
	return {"exists": True, "states": {row.language: row.status for row in rules.translations}}


def marker() -> dict:
	"""A row only this site has (to show a job or a read on the other site never sees it)."""
	name = frappe.get_doc({"doctype": "Service Type", "service_name": f"Nur hier {random_string(6)}"}).insert(
		ignore_permissions=True
	)
	frappe.db.commit()
	return {"service_type": name.name}


def clean() -> dict:
	"""What the test left on the site under test, removed (later suites pick the house rules in force)."""
	removed = {}
	for doctype, filters in (
		("House Rules", {"title": ["like", "Hausordnung Verbund%"]}),
		("Service Type", {"service_name": ["like", "Nur hier %"]}),
		("Federation Member Figures", {}),
	):
		names = frappe.get_all(doctype, filters=filters, pluck="name")
		for name in names:
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		removed[doctype] = len(names)
	frappe.db.commit()
	return removed
