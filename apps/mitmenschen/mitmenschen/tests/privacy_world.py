"""Test records with a full trail: versions, a comment, an email with attachment, private files.

Every personal value contains a marker, so a test can search whole tables for what must be gone.
"""

import random

import frappe
from frappe.utils import add_days, now_datetime, random_string

from mitmenschen.tests.factories import make_case, make_category, make_flat, make_household, make_tenant


def marker() -> str:
	return f"Privat{random_string(8)}"


def make_private_file(doctype: str, name: str, content: bytes, field: str | None = None):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{random_string(6)}.txt",
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"attached_to_field": field,
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)


def add_trail(doctype: str, name: str, secret: str, sender: str) -> dict:
	"""A comment, a received email with an attachment, and a private file on the record."""
	doc = frappe.get_doc(doctype, name)
	comment = doc.add_comment("Comment", f"Talked to {secret} on the stairs")
	communication = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": "Email",
			"sent_or_received": "Received",
			"sender": sender,
			"sender_full_name": secret,
			"subject": f"Complaint by {secret}",
			"content": f"My name is {secret}, the neighbours are loud.",
			"reference_doctype": doctype,
			"reference_name": name,
		}
	).insert(ignore_permissions=True)
	email_file = make_private_file("Communication", communication.name, f"letter {secret}".encode())
	record_file = make_private_file(doctype, name, f"scan {secret}".encode())
	return {
		"comment": comment.name,
		"communication": communication.name,
		"files": [email_file.name, record_file.name],
		"paths": [email_file.get_full_path(), record_file.get_full_path()],
	}


def make_case_with_trail(closed_days_ago: int | None = 800, **overrides) -> tuple:
	"""A case reported by a tenant, edited once (a Version), closed `closed_days_ago` days ago."""
	secret = marker()
	email = f"{secret.lower()}@example.com"
	old_phone = f"+49 471 {random.randint(100000, 999999)}"
	flat = make_flat()
	values = {
		"category": make_category().name,
		"description": f"<p>{secret} says the family upstairs is loud.</p>",
		"property_unit": flat["flat"],
		"reporter_name": secret,
		"reporter_email": email,
		"reporter_phone": old_phone,
		"channel": "Email",
		"priority": "High",
		**overrides,
	}
	if "reporter_tenant" not in values:
		values["reporter_tenant"] = make_tenant().name
	case = make_case(**values)
	case.reload()
	case.reporter_phone = "+49 471 222222"
	case.resolution = f"<p>{secret} agreed to quiet hours.</p>"
	case.save(ignore_version=False)  # tests skip versions unless asked
	trail = add_trail("Mediation Case", case.name, secret, email)
	trail["old_phone"] = old_phone
	if closed_days_ago is not None:
		resolved_on = add_days(now_datetime(), -closed_days_ago)
		frappe.db.set_value(
			"Mediation Case",
			case.name,
			{"status": "Closed", "resolved_on": resolved_on, "sla_status": "Met", "escalation_level": 1},
			update_modified=False,
		)
	return case.name, secret, email, flat, trail


def make_household_with_trail(moved_out_days_ago: int | None = 1200, **overrides) -> tuple:
	"""A household with members, a consent document, a tenant link and confidential notes."""
	secret = marker()
	flat = make_flat()
	tenant = make_tenant()
	household = make_household(
		family_name=secret,
		country_of_origin=frappe.db.get_value("Country", {}) or None,
		property_unit=flat["flat"],
		tenant=tenant.name,
		arrival_date="2020-03-14",
		move_in_date="2020-05-20",
		confidential_notes=f"<p>{secret} has a health issue.</p>",
		members=[
			{"member_name": f"{secret} Senior", "relation": "Head of Household", "birth_year": 1980},
			{
				"member_name": f"{secret} Junior",
				"relation": "Child",
				"birth_year": 2015,
				"occupation_status": "School",
			},
		],
		**overrides,
	)
	consent_file = make_private_file(
		"Refugee Household", household.name, f"signed by {secret}".encode(), field="attachment"
	)
	household.reload()
	household.append(
		"consents",
		{"purpose": "Referral to Partners", "given_on": "2020-05-20", "attachment": consent_file.file_url},
	)
	household.confidential_notes = f"<p>{secret} changed notes.</p>"
	household.save(ignore_version=False)
	trail = add_trail("Refugee Household", household.name, secret, "caseworker@example.com")
	trail["files"].append(consent_file.name)
	trail["paths"].append(consent_file.get_full_path())
	if moved_out_days_ago is not None:
		frappe.db.set_value(
			"Refugee Household",
			household.name,
			{"status": "Moved Out", "move_out_date": add_days(now_datetime().date(), -moved_out_days_ago)},
			update_modified=False,
		)
	return household.name, secret, tenant.name, flat, trail


def rows_mentioning(table: str, secret: str) -> int:
	"""How many rows of a table mention the secret in any text column."""
	columns = frappe.db.sql(
		"""select column_name from information_schema.columns
		where table_schema = database() and table_name = %s
		and data_type in ('varchar', 'text', 'longtext', 'mediumtext', 'json')""",
		table,
		pluck=True,
	)
	condition = " or ".join(f"`{column}` like %(pattern)s" for column in columns)
	return frappe.db.sql(f"select count(*) from `{table}` where {condition}", {"pattern": f"%{secret}%"})[0][
		0
	]
