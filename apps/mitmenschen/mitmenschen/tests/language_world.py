"""Desk users for the language browser tests: a volunteer translator and a clerk.

`bench --site <site> execute mitmenschen.tests.language_world.build` creates (with a random suffix)
a desk user with only Frappe's role Translator and one with only the Clerk role, commits and
returns their logins.
"""

import frappe
from frappe.utils import random_string
from frappe.utils.password import update_password

from mitmenschen.tests.portal_world import PASSWORD


def make_desk_user(email: str, first_name: str, role: str) -> str:
	frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name,
			"send_welcome_email": 0,
			"language": "de",
			"roles": [{"role": role}],
		}
	).insert(ignore_permissions=True)
	update_password(email, PASSWORD)
	return email


def build() -> dict:
	suffix = random_string(6).lower()
	world = {
		"translator": make_desk_user(f"translator-{suffix}@volunteer.example", "Übersetzerin", "Translator"),
		"clerk": make_desk_user(f"clerk-{suffix}@staff.example", "Sachbearbeiterin", "Mit:Menschen Clerk"),
		"password": PASSWORD,
	}
	frappe.db.commit()
	return world
