"""Every scheduled event in hooks.py has a Scheduled Job Type of its own.

Frappe names a job type by the last two parts of its method's path ("sweep.run") and, when two events
share that name, replaces one with the other on every migrate: one of the two then never runs. This
happened once (the early-signals sweep took the escalation sweep's place), so it is checked here.
"""

import frappe
from frappe.core.doctype.scheduled_job_type.scheduled_job_type import sync_jobs
from frappe.tests.utils import FrappeTestCase


def scheduled_methods() -> list[str]:
	events = frappe.get_hooks("scheduler_events", app_name="mitmenschen")
	methods: list[str] = []
	for value in events.values():
		if isinstance(value, dict):
			methods += [method for group in value.values() for method in group]
		else:
			methods += value
	return methods


class TestScheduledJobs(FrappeTestCase):
	def test_no_two_events_share_a_job_types_name(self) -> None:
		names = [".".join(method.split(".")[-2:]) for method in scheduled_methods()]
		self.assertEqual(sorted({name for name in names if names.count(name) > 1}), [])

	def test_every_event_has_its_job_type_after_migrate(self) -> None:
		sync_jobs()
		missing = [m for m in scheduled_methods() if not frappe.db.exists("Scheduled Job Type", {"method": m})]
		self.assertEqual(missing, [])
		self.assertGreaterEqual(len(scheduled_methods()), 8)
