# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Retention: anonymisation removes personal data everywhere Frappe keeps it and keeps statistics;
the daily job respects the periods, is idempotent and reads the due records through an index."""

import os

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.privacy.retention import (
	SETTINGS,
	anonymise_case,
	anonymise_household,
	due_cases,
	run_retention,
)
from mitmenschen.tests.privacy_world import make_case_with_trail, make_household_with_trail, rows_mentioning

TRAIL_TABLES = ("tabVersion", "tabComment", "tabCommunication", "tabFile", "tabActivity Log", "tabToDo")
STATISTICS = (
	"category",
	"priority",
	"channel",
	"status",
	"district",
	"opened_on",
	"resolved_on",
	"response_due",
	"resolution_due",
	"sla_status",
	"escalation_level",
)


class TestCaseAnonymisation(FrappeTestCase):
	def test_personal_data_is_gone_from_case_and_trail(self):
		case, secret, email, flat, trail = make_case_with_trail()
		self.assertTrue(frappe.db.count("Version", {"ref_doctype": "Mediation Case", "docname": case}))
		self.assertTrue(all(os.path.exists(path) for path in trail["paths"]))
		self.assertTrue(
			rows_mentioning("tabVersion", secret), "the fixture must leave old values in a Version"
		)
		before = frappe.db.get_value("Mediation Case", case, STATISTICS, as_dict=True)

		anonymise_case(case)

		for table in ("tabMediation Case", *TRAIL_TABLES):
			self.assertEqual(rows_mentioning(table, secret), 0, f"{table} still mentions the reporter")
		self.assertEqual(rows_mentioning("tabMediation Case", email), 0)
		self.assertEqual(rows_mentioning("tabVersion", trail["old_phone"]), 0)
		for doctype, filters in trail_filters("Mediation Case", case, trail).items():
			self.assertFalse(frappe.db.count(doctype, filters), f"{doctype} of the case survived")
		self.assertFalse(any(os.path.exists(path) for path in trail["paths"]), "file content left on disk")
		self.assertFalse(
			frappe.db.exists(
				"Deleted Document", {"deleted_name": ("in", [trail["communication"], *trail["files"]])}
			),
			"a deleted row was kept as Deleted Document",
		)

		after = frappe.get_doc("Mediation Case", case)
		self.assertEqual({field: after.get(field) for field in STATISTICS}, before)
		self.assertEqual(after.district, flat["district"])
		for field in (
			"reporter_tenant",
			"reporter_name",
			"reporter_email",
			"reporter_phone",
			"property_unit",
		):
			self.assertFalse(after.get(field), field)
		self.assertEqual(after.subject, frappe._("anonymised"))
		self.assertTrue(after.anonymised_on)

	def test_round_table_action_of_the_case_is_anonymised(self):
		case, secret, *_ = make_case_with_trail()
		action = frappe.get_doc(
			{
				"doctype": "Round Table Action",
				"title": f"Call {secret}",
				"details": f"<p>{secret} prefers mornings</p>",
				"mediation_case": case,
				"owner_user": "Administrator",
				"due_date": "2024-01-01",
				"status": "Done",
			}
		).insert()
		anonymise_case(case)
		self.assertEqual(rows_mentioning("tabRound Table Action", secret), 0)
		self.assertEqual(frappe.db.get_value("Round Table Action", action.name, "status"), "Done")

	def test_erp_customer_survives(self):
		case, *_ = make_case_with_trail()
		tenant = frappe.db.get_value("Mediation Case", case, "reporter_tenant")
		anonymise_case(case)
		self.assertTrue(frappe.db.exists("Customer", tenant))


class TestHouseholdAnonymisation(FrappeTestCase):
	def test_household_loses_members_consents_and_trail(self):
		household, secret, tenant, flat, trail = make_household_with_trail()
		self.assertEqual(frappe.db.count("Household Member", {"parent": household}), 2)
		status = frappe.db.get_value("Refugee Household", household, "status")

		anonymise_household(household)

		for table in ("tabRefugee Household", "tabHousehold Member", "tabHousehold Consent", *TRAIL_TABLES):
			self.assertEqual(rows_mentioning(table, secret), 0, f"{table} still mentions the family")
		for child in ("Household Member", "Household Consent", "Spoken Language"):
			self.assertFalse(frappe.db.count(child, {"parenttype": "Refugee Household", "parent": household}))
		for doctype, filters in trail_filters("Refugee Household", household, trail).items():
			self.assertFalse(frappe.db.count(doctype, filters), f"{doctype} of the household survived")
		self.assertFalse(any(os.path.exists(path) for path in trail["paths"]), "consent scan left on disk")

		after = frappe.get_doc("Refugee Household", household)
		self.assertEqual(after.status, status)
		self.assertEqual(after.district, flat["district"])
		for field in ("tenant", "tenant_name", "property_unit", "country_of_origin", "confidential_notes"):
			self.assertFalse(after.get(field), field)
		# dates stay as months: arrivals per month and length of stay remain countable
		self.assertEqual(str(after.arrival_date), "2020-03-01")
		self.assertEqual(str(after.move_in_date), "2020-05-01")
		self.assertEqual(after.move_out_date.day, 1)
		self.assertTrue(frappe.db.exists("Customer", tenant), "the ERP's tenant record must stay")


class TestRetentionJob(FrappeTestCase):
	def setUp(self):
		frappe.db.set_single_value(SETTINGS, {"case_retention_days": 730, "household_retention_days": 1095})
		frappe.clear_document_cache(SETTINGS, SETTINGS)

	def test_job_respects_periods_and_is_idempotent(self):
		old_case = make_case_with_trail(closed_days_ago=800)[0]
		yesterday_case = make_case_with_trail(closed_days_ago=1)[0]
		open_case = make_case_with_trail(closed_days_ago=None)[0]
		frappe.db.set_value("Mediation Case", open_case, "opened_on", "2020-01-01", update_modified=False)
		old_household = make_household_with_trail(moved_out_days_ago=1200)[0]
		recent_household = make_household_with_trail(moved_out_days_ago=30)[0]
		living_household = make_household_with_trail(moved_out_days_ago=None)[0]

		counts = run_retention()

		self.assertGreaterEqual(counts["cases"], 1)
		self.assertGreaterEqual(counts["households"], 1)
		self.assertTrue(frappe.db.get_value("Mediation Case", old_case, "anonymised_on"))
		self.assertTrue(frappe.db.get_value("Refugee Household", old_household, "anonymised_on"))
		for doctype, name in (
			("Mediation Case", yesterday_case),
			("Mediation Case", open_case),
			("Refugee Household", recent_household),
			("Refugee Household", living_household),
		):
			self.assertFalse(frappe.db.get_value(doctype, name, "anonymised_on"), f"{name} is not due yet")
			self.assertTrue(frappe.db.count("Version", {"ref_doctype": doctype, "docname": name}))

		first_pass = frappe.db.get_value("Mediation Case", old_case, "anonymised_on")
		second = run_retention()
		self.assertEqual((second["cases"], second["households"]), (0, 0))
		self.assertEqual(frappe.db.get_value("Mediation Case", old_case, "anonymised_on"), first_pass)

	def test_copies_of_deleted_records_go_after_the_period(self):
		old_case, old_secret, *_ = make_case_with_trail(closed_days_ago=None)
		new_case, new_secret, *_ = make_case_with_trail(closed_days_ago=None)
		old_comment = frappe.get_all(
			"Comment", {"reference_name": old_case, "comment_type": "Comment"}, pluck="name"
		)[0]
		frappe.delete_doc("Comment", old_comment)
		for case in (old_case, new_case):
			frappe.delete_doc("Mediation Case", case, force=True)
		self.assertTrue(rows_mentioning("tabDeleted Document", old_secret))
		frappe.db.sql(
			"update `tabDeleted Document` set creation = '2020-01-01' where data like %s",
			f"%{old_secret}%",
		)

		run_retention()

		self.assertEqual(rows_mentioning("tabDeleted Document", old_secret), 0)
		self.assertTrue(
			rows_mentioning("tabDeleted Document", new_secret), "a recent copy stays (restorable)"
		)

	def test_switched_off_period_keeps_everything(self):
		frappe.db.set_single_value(SETTINGS, "case_retention_days", 0)
		frappe.clear_document_cache(SETTINGS, SETTINGS)
		old_case = make_case_with_trail(closed_days_ago=3000)[0]
		run_retention()
		self.assertFalse(frappe.db.get_value("Mediation Case", old_case, "anonymised_on"))

	def test_due_cases_are_read_through_the_retention_index(self):
		plan = frappe.db.sql(
			"""explain select name from `tabMediation Case`
			where anonymised_on is null and status = 'Closed' and resolved_on < '2024-01-01'
			order by resolved_on limit 200""",
			as_dict=True,
		)
		self.assertEqual(plan[0].key, "retention_due_idx")
		self.assertIsInstance(due_cases("2000-01-01", 10), list)

	def test_job_is_scheduled_daily(self):
		self.assertIn(
			"mitmenschen.privacy.retention.run_retention", frappe.get_hooks("scheduler_events")["daily"]
		)


def trail_filters(doctype: str, name: str, trail: dict) -> dict:
	return {
		"Version": {"ref_doctype": doctype, "docname": name},
		"Comment": {"reference_doctype": doctype, "reference_name": name},
		"Communication": {"name": trail["communication"]},
		"File": {"name": ("in", trail["files"])},
	}
