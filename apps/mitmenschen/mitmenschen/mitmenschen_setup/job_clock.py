"""Scheduled jobs run from the first minute after setup, whatever the time zone.

Frappe writes a Scheduled Job Type's `creation` in the site's time zone of that moment, and a job type
that never ran waits for the first tick after its `creation`. Apps are installed before the setup
wizard sets the site's time zone, while Frappe still assumes Asia/Kolkata: a cooperative in Berlin
finds every job type created 4½ hours in the future, and no mail flush, escalation sweep or backup
runs for that long. When the time zone changes, job types from the future are moved to now.
"""

import frappe
from frappe.utils import now_datetime

JOB_TYPE = "Scheduled Job Type"


def rebase_future_job_types() -> int:
	"""Moves `creation` and `last_execution` that lie ahead of the site's clock to now; the count."""
	now = now_datetime()
	table = frappe.qb.DocType(JOB_TYPE)
	moved = set()
	for field in ("creation", "last_execution"):
		names = frappe.qb.from_(table).select(table.name).where(table[field] > now).run(pluck=True)
		if names:
			frappe.qb.update(table).set(table[field], now).where(table.name.isin(names)).run()
			moved.update(names)
	return len(moved)


def on_system_settings_update(doc, method: str | None = None) -> None:
	"""doc_events hook of System Settings (the setup wizard saves the time zone there)."""
	if doc.has_value_changed("time_zone"):
		rebase_future_job_types()
