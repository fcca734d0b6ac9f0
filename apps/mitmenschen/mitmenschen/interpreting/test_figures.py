# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""The pool report and the allowance sheet, with figures stated by hand, run as a manager through the
desk's report API (report permissions included)."""

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import random_string

from mitmenschen.interpreting.appointment import language_name
from mitmenschen.interpreting.report.mediator_allowance.mediator_allowance import download_csv
from mitmenschen.interpreting.test_interpreting import make_mediator
from mitmenschen.tests.factories import make_household, make_staff_user

BOOKING = "Interpreter Booking"


class TestFigures(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.manager = make_staff_user("Mit:Menschen Manager")
		cls.mediator = make_mediator("ar", allowance_per_hour=15, allowance_per_assignment=5)
		cls.other = make_mediator("ar")
		cls.nobody = f"niemand-{random_string(6)}"  # a dialect no mediator speaks: no offers go out
		#            (date,         language, status,      hours, lead, mediator)
		cls.rows = [
			("2031-03-04", "ar", "Held", 2.0, 6, cls.mediator),
			("2031-03-11", "ar", "Held", 1.5, 10, cls.mediator),
			("2031-03-12", "ar", "No-show", 0, 5, cls.mediator),
			("2031-03-18", "fa", "Unfilled", 0, 7, None),
			("2031-03-25", "fa", "Cancelled", 0, 8, None),
			("2031-04-02", "ar", "Held", 1.0, 9, cls.other),  # April: outside both sheets
		]
		cls.bookings = [cls.book(*row) for row in cls.rows]
		booking = frappe.get_doc(BOOKING, cls.bookings[4])
		booking.append("offers", {"mediator": cls.other, "status": "Cancelled", "round": 1})
		booking.db_update_all()

	@classmethod
	def book(cls, day, language, status, hours, lead, mediator) -> str:
		doc = frappe.get_doc(
			{
				"doctype": BOOKING,
				"purpose_type": "Mediation Talk",
				"interpreter_language": language,
				"dialect": cls.nobody,
				"date": day,
				"start_time": "10:00:00",
				"duration_hours": 2,
				"mode": "Phone",
				"call_link": "+49 421 555 0100",
			}
		).insert()
		frappe.db.set_value(
			BOOKING, doc.name, {"status": status, "hours_held": hours, "lead_working_days": lead, "mediator": mediator}
		)
		return doc.name

	def as_manager(self, report: str, filters: dict) -> dict:
		frappe.set_user(self.manager)
		try:
			return run(report, filters)
		finally:
			frappe.set_user("Administrator")

	def test_the_pool_report_states_the_round_tables_figures(self):
		result = self.as_manager("Interpreting Pool", {"from_date": "2031-03-01", "to_date": "2031-03-31"})
		self.assertEqual(len(result["result"]), 2)
		ar, fa = sorted(result["result"], key=lambda r: -r["requests"])
		self.assertEqual((ar["filled"], ar["unfilled"], ar["cancelled"], ar["hours"]), (3, 0, 0, 3.5))
		self.assertEqual((fa["filled"], fa["unfilled"], fa["cancelled"], fa["hours"]), (0, 1, 1, 0))
		summary = {item["label"]: item["value"] for item in result["report_summary"]}
		self.assertEqual(summary[frappe._("Requests")], 5)
		self.assertEqual(summary[frappe._("Filled")], 3)
		self.assertEqual(summary[frappe._("Unfilled")], 1)
		self.assertEqual(summary[frappe._("Cancelled by Mediators")], 1)
		self.assertEqual(summary[frappe._("Hours Held")], 3.5)
		self.assertEqual(summary[frappe._("Median Lead Time (Working Days)")], 7)  # of 5, 6, 7, 8, 10

	def test_the_pool_lacks_the_languages_households_speak_and_no_mediator_does(self):
		make_household(interpreter_language="ps")
		lacking = frappe.get_all("Mediator Language", filters={"language": "ps"}, pluck="parent")
		self.assertFalse(
			frappe.db.exists("Language Mediator", {"name": ["in", lacking or [""]], "status": "Active"}),
			"the site has no Pashto mediator yet",
		)
		self.assertIn(language_name("ps"), self.as_manager("Interpreting Pool", {})["message"])
		make_mediator("ps")
		self.assertNotIn(language_name("ps"), self.as_manager("Interpreting Pool", {})["message"])

	def test_the_allowance_sheet_pays_held_hours_at_the_mediators_rates(self):
		result = self.as_manager("Mediator Allowance", {"mediator": self.mediator, "month": "2031-03-20"})
		rows = [r for r in result["result"] if isinstance(r, dict) and r.get("name")]
		self.assertEqual([(r["name"], r["hours_held"], r["allowance"]) for r in rows], [
			(self.bookings[0], 2.0, 35.0),  # 2 h × 15 € + 5 €
			(self.bookings[1], 1.5, 27.5),  # 1.5 h × 15 € + 5 €; the no-show earns nothing
		])
		frappe.set_user(self.manager)
		try:
			download_csv(self.mediator, "2031-03-01")
		finally:
			frappe.set_user("Administrator")
		lines = frappe.response.filecontent.strip().splitlines()
		self.assertEqual(len(lines), 3)
		self.assertEqual(lines[1].split(";")[1:], [self.bookings[0], language_name("ar"), "2", "35.00"])
		self.assertEqual(lines[2].split(";")[-1], "27.50")
