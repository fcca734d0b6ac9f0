"""A job type from the future (installed before the setup wizard set the time zone) runs on time."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, now_datetime

from mitmenschen.mitmenschen_setup.job_clock import JOB_TYPE, rebase_future_job_types

METHOD = "mitmenschen.outbound.notices.retry_due"


class TestJobClock(FrappeTestCase):
	def setUp(self) -> None:
		self.job = frappe.db.get_value(JOB_TYPE, {"method": METHOD})
		self.assertTrue(self.job, "the every-minute retry of notices has a job type")
		ahead = add_to_date(now_datetime(), hours=4, minutes=30)
		frappe.db.sql(f"update `tab{JOB_TYPE}` set creation=%s where name=%s", (ahead, self.job))

	def creation(self):
		return get_datetime(frappe.db.get_value(JOB_TYPE, self.job, "creation"))

	def test_a_job_type_from_the_future_is_due_at_the_next_tick(self) -> None:
		self.assertFalse(frappe.get_doc(JOB_TYPE, self.job).is_event_due())
		self.assertGreaterEqual(rebase_future_job_types(), 1)
		self.assertLessEqual(self.creation(), now_datetime())
		due = add_to_date(now_datetime(), minutes=2)
		self.assertTrue(frappe.get_doc(JOB_TYPE, self.job).is_event_due(due))

	def test_the_setup_wizards_time_zone_moves_them(self) -> None:
		settings = frappe.get_single("System Settings")
		zone = settings.time_zone
		try:
			settings.time_zone = "Europe/Vienna" if zone != "Europe/Vienna" else "Europe/Berlin"
			settings.save()
			self.assertLessEqual(self.creation(), now_datetime())
		finally:
			frappe.db.set_single_value("System Settings", "time_zone", zone)
