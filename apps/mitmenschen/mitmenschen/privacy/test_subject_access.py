# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Art. 15 export and Art. 17 erasure of a household end to end; Frappe's personal data requests
reach our records; every doctype of the app tracks changes."""

import io
import json
import os
import zipfile

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.website.doctype.personal_data_download_request.personal_data_download_request import (
	get_user_data,
)
from frappe.website.doctype.personal_data_download_request.test_personal_data_download_request import (
	create_user_if_not_exists,
)

from mitmenschen.privacy.retention import CASE, HOUSEHOLD
from mitmenschen.privacy.subject_access import (
	build_household_export,
	download_household_data,
	erase_household,
)
from mitmenschen.privacy.user_data import EMAIL_IDENTIFIED
from mitmenschen.tests.factories import make_contact, make_partner
from mitmenschen.tests.privacy_world import make_case_with_trail, make_household_with_trail, rows_mentioning

CLERK = "privacy-clerk@example.com"
MANAGER = "privacy-manager@example.com"


def make_staff(email: str, role: str) -> str:
	create_user_if_not_exists(email=email)
	user = frappe.get_doc("User", email)
	user.add_roles(role)
	return email


def household_with_case() -> tuple:
	household, secret, _tenant, _flat, trail = make_household_with_trail(moved_out_days_ago=None)
	case, case_secret, _email, _flat, case_trail = make_case_with_trail(
		closed_days_ago=None, respondent_household=household
	)
	return household, secret, trail, case, case_secret, case_trail


class TestExport(FrappeTestCase):
	def test_export_holds_every_piece(self):
		household, secret, trail, case, case_secret, case_trail = household_with_case()
		archive = zipfile.ZipFile(io.BytesIO(build_household_export(household)))
		data = json.loads(archive.read("data.json"))

		self.assertEqual(data["household"]["family_name"], secret)
		self.assertEqual(len(data["household"]["members"]), 2)
		self.assertEqual(len(data["household"]["consents"]), 1)
		self.assertIn(secret, data["household"]["confidential_notes"])
		self.assertEqual([c["name"] for c in data["mediation_cases"]], [case])
		self.assertEqual(data["mediation_cases"][0]["reporter_name"], case_secret)
		comments = {row["name"] for row in data["comments"]}
		self.assertLessEqual({trail["comment"], case_trail["comment"]}, comments)
		communications = {row["name"] for row in data["communications"]}
		self.assertEqual(communications, {trail["communication"], case_trail["communication"]})
		versions = {(row["ref_doctype"], row["docname"]) for row in data["versions"]}
		self.assertEqual(versions, {(HOUSEHOLD, household), (CASE, case)})

		exported_files = {file["name"]: file["path_in_export"] for file in data["files"]}
		consent_file = trail["files"][-1]
		self.assertIn(consent_file, exported_files)
		self.assertIn(case_trail["files"][1], exported_files)  # the scan attached to the case
		self.assertEqual(archive.read(exported_files[consent_file]), f"signed by {secret}".encode())

	def test_download_is_for_managers_only(self):
		household = make_household_with_trail(moved_out_days_ago=None)[0]
		clerk, manager = make_staff(CLERK, "Mit:Menschen Clerk"), make_staff(MANAGER, "Mit:Menschen Manager")
		frappe.set_user(clerk)
		try:
			self.assertRaises(frappe.PermissionError, download_household_data, household)
			self.assertRaises(frappe.PermissionError, erase_household, household, "Consent withdrawn")
			frappe.set_user(manager)
			download_household_data(household)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.response["type"], "download")
		self.assertTrue(zipfile.ZipFile(io.BytesIO(frappe.response["filecontent"])).read("data.json"))
		self.assertTrue(frappe.db.exists("Access Log", {"reference_document": household, "user": MANAGER}))


class TestErasure(FrappeTestCase):
	def test_erase_household_end_to_end(self):
		household, secret, trail, case, case_secret, case_trail = household_with_case()
		tenant = frappe.db.get_value(HOUSEHOLD, household, "tenant")
		own_report, own_secret, *_ = make_case_with_trail(closed_days_ago=None, reporter_tenant=tenant)
		meeting = frappe.get_doc(
			{
				"doctype": "Round Table Meeting",
				"title": "Runder Tisch Herbst",
				"starts_on": "2030-01-01 18:00:00",
				"agenda": [{"topic": f"Noise around {secret}", "mediation_case": case, "notes": secret}],
			}
		).insert()
		meeting.agenda[0].notes = f"{secret} did not come"
		meeting.save(ignore_version=False)
		self.assertTrue(rows_mentioning("tabVersion", secret))
		action = frappe.get_doc(
			{
				"doctype": "Round Table Action",
				"title": f"Find a football club for {secret} Junior",
				"details": f"<p>{secret} asked twice.</p>",
				"mediation_case": case,
				"owner_user": "Administrator",
				"due_date": "2030-01-01",
			}
		).insert()
		frappe.delete_doc("Comment", case_trail["comment"])  # Frappe keeps a copy in Deleted Document
		self.assertTrue(rows_mentioning("tabDeleted Document", case_secret))
		category, district = frappe.db.get_value(CASE, case, ["category", "district"])
		frappe.set_user(make_staff(MANAGER, "Mit:Menschen Manager"))
		try:
			result = erase_household(household, "Consent withdrawn")
		finally:
			frappe.set_user("Administrator")

		self.assertEqual(result, {"cases": 2, "actions": 1})
		for marker in (secret, case_secret, own_secret):
			for table in (
				"tabRefugee Household",
				"tabHousehold Member",
				"tabHousehold Consent",
				"tabMediation Case",
				"tabRound Table Action",
				"tabRound Table Meeting",
				"tabRound Table Agenda Item",
				"tabVersion",
				"tabComment",
				"tabCommunication",
				"tabFile",
				"tabDeleted Document",
			):
				self.assertEqual(rows_mentioning(table, marker), 0, f"{table} still mentions {marker}")
		paths = trail["paths"] + case_trail["paths"]
		self.assertFalse(any(os.path.exists(path) for path in paths), "documents left on disk")
		self.assertEqual(frappe.db.get_value(CASE, case, ["category", "district"]), (category, district))
		self.assertTrue(frappe.db.get_value(CASE, case, "anonymised_on"))
		self.assertTrue(frappe.db.get_value(CASE, own_report, "anonymised_on"), "the family's own report")
		self.assertEqual(
			frappe.db.get_value("Round Table Agenda Item", {"parent": meeting.name}, "mediation_case"), case
		)
		self.assertFalse(frappe.db.get_value(CASE, case, "respondent_household"))
		self.assertEqual(
			frappe.db.get_value("Round Table Action", action.name, "due_date").isoformat(), "2030-01-01"
		)

		audit = frappe.get_all(
			"Comment",
			filters={"reference_doctype": HOUSEHOLD, "reference_name": household},
			fields=["comment_type", "owner", "content"],
		)
		self.assertEqual(len(audit), 1, "only the audit note remains")
		self.assertEqual(audit[0].owner, MANAGER)
		self.assertIn(frappe._("Consent withdrawn"), audit[0].content)

	def test_erase_needs_a_listed_reason(self):
		household, secret, *_ = make_household_with_trail(moved_out_days_ago=None)
		self.assertRaises(frappe.ValidationError, erase_household, household, f"{secret} called us")
		self.assertEqual(frappe.db.get_value(HOUSEHOLD, household, "family_name"), secret)


class TestFrappePersonalDataRequests(FrappeTestCase):
	def test_hooks_declare_our_email_fields(self):
		declared = {
			entry["doctype"]: (entry["filter_by"], entry["redact_fields"])
			for entry in frappe.get_hooks("user_data_fields")
			if entry["doctype"] in EMAIL_IDENTIFIED
		}
		self.assertEqual(declared, EMAIL_IDENTIFIED)

	def test_download_request_finds_the_reporters_cases(self):
		case, secret, email, _flat, _trail = make_case_with_trail(closed_days_ago=None)
		data = json.loads(get_user_data(email))
		self.assertEqual([row["name"] for row in data["Mediation Case"]], [case])
		self.assertEqual(data["Mediation Case"][0]["reporter_name"], secret)

	def test_deletion_request_scrubs_reporter_and_versions(self):
		case, secret, email, _flat, trail = make_case_with_trail(closed_days_ago=None)
		contact = make_contact(make_partner().name, email=email, phone="+49 471 999999")
		create_user_if_not_exists(email=email, first_name=secret)
		# confirmed by the person (the verification mail is Frappe's business and needs an SMTP account)
		request = frappe.get_doc(
			{"doctype": "Personal Data Deletion Request", "email": email, "status": "Pending Approval"}
		)
		request.autoname()
		request.db_insert()
		self.assertTrue(rows_mentioning("tabVersion", trail["old_phone"]))

		request._anonymize_data()

		after = frappe.db.get_value(
			CASE, case, ["reporter_name", "reporter_email", "reporter_phone"], as_dict=True
		)
		self.assertNotIn(secret, after.reporter_name)
		self.assertEqual(after.reporter_email, request.name)
		self.assertNotEqual(after.reporter_phone, "+49 471 222222")
		self.assertEqual(rows_mentioning("tabVersion", trail["old_phone"]), 0)
		self.assertFalse(
			frappe.db.count(
				"Version", {"ref_doctype": CASE, "docname": case, "data": ("like", "%reporter_%")}
			)
		)
		contact_after = frappe.db.get_value("Partner Contact", contact.name, ["full_name", "email", "phone"])
		self.assertNotIn("999999", contact_after[2])
		self.assertEqual(contact_after[1], request.name)


class TestTrackChanges(FrappeTestCase):
	def test_every_record_doctype_tracks_changes(self):
		modules = frappe.get_all("Module Def", filters={"app_name": "mitmenschen"}, pluck="name")
		doctypes = frappe.get_all(
			"DocType",
			filters={"module": ("in", modules), "istable": 0, "issingle": 0},
			fields=["name", "track_changes"],
		)
		self.assertGreaterEqual(len(doctypes), 8)
		self.assertEqual([d.name for d in doctypes if not d.track_changes], [])
