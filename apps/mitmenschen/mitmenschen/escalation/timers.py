"""Escalation timers: one row per (record, clock, level) with the time it is due.

The sweep reads only pending rows that are due (index on status, due_at), so its work grows with
what is due, not with the number of open records. A unique key on (reference, clock, level) makes
"send each level once" a database fact: a level that was sent is never scheduled again.
"""

from collections.abc import Iterable
from datetime import datetime

import frappe
from frappe.utils import now_datetime

from mitmenschen.escalation.ladder import Step

DOCTYPE = "Escalation Timer"
PENDING, SENT = "Pending", "Sent"
FIELDS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"reference_doctype",
	"reference_name",
	"clock",
	"level",
	"status",
	"due_at",
	"trigger",
	"percent",
	"hours_after_breach",
	"notify",
	"notify_value",
]


def schedule(reference_doctype: str, reference_name: str, clock: str, steps: Iterable[Step]) -> None:
	"""Replace the pending steps of one clock; levels already sent stay sent."""
	cancel(reference_doctype, reference_name, [clock])
	sent = set(
		frappe.get_all(
			DOCTYPE,
			filters={
				"reference_doctype": reference_doctype,
				"reference_name": reference_name,
				"clock": clock,
				"status": SENT,
			},
			pluck="level",
		)
	)
	rows = [
		timer_row(reference_doctype, reference_name, clock, step)
		for step in steps
		if step.rung.level not in sent
	]
	if rows:
		# a concurrent save may have inserted the same level: the unique key keeps one
		frappe.db.bulk_insert(DOCTYPE, FIELDS, rows, ignore_duplicates=True)


def cancel(reference_doctype: str, reference_name: str, clocks: list[str] | None = None) -> None:
	timer = frappe.qb.DocType(DOCTYPE)
	query = (
		frappe.qb.from_(timer)
		.delete()
		.where(timer.reference_doctype == reference_doctype)
		.where(timer.reference_name == reference_name)
		.where(timer.status == PENDING)
	)
	if clocks:
		query = query.where(timer.clock.isin(clocks))
	query.run()


def timer_row(
	reference_doctype: str, reference_name: str, clock: str, step: Step, now: datetime | None = None
) -> tuple:
	now = now or now_datetime()
	user = frappe.session.user if frappe.session else "Administrator"
	rung = step.rung
	return (
		frappe.generate_hash(length=12),
		now,
		now,
		user,
		user,
		reference_doctype,
		reference_name,
		clock,
		rung.level,
		PENDING,
		step.due_at,
		rung.trigger,
		rung.percent,
		rung.hours_after_breach,
		rung.notify,
		rung.notify_value,
	)


def pending(reference_doctype: str, reference_name: str) -> list[dict]:
	return frappe.get_all(
		DOCTYPE,
		filters={"reference_doctype": reference_doctype, "reference_name": reference_name, "status": PENDING},
		fields=["clock", "level", "due_at", "notify"],
		order_by="due_at asc",
	)


def ensure_indexes() -> None:
	"""The sweep's index and the once-per-level key (idempotent, run after migrate)."""
	frappe.db.add_index(DOCTYPE, ["status", "due_at"], "status_due_at")
	frappe.db.add_unique(
		DOCTYPE, ["reference_doctype", "reference_name", "clock", "level"], "reference_clock_level"
	)
