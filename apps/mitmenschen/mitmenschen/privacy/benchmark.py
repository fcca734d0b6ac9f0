"""Benchmark of the daily retention job on a site with many cases (not a test: it commits).

	bench --site <site> execute mitmenschen.privacy.benchmark.run --kwargs "{'cases': 100000, 'due': 2000}"

Inserts `cases` bench cases (most already anonymised or still open, `due` closed long ago, each
with a Version and a Comment), times the job with work to do and a second run with nothing due,
prints the query plan, then deletes every bench row again.
"""

import time

import frappe
from frappe.utils import add_days, now_datetime

from mitmenschen.privacy.retention import SETTINGS, due_cases, run_retention

PREFIX = "BENCH-"


def run(cases: int = 100_000, due: int = 2_000) -> dict:
	frappe.db.set_single_value(SETTINGS, "case_retention_days", 730)
	frappe.db.set_single_value(SETTINGS, "household_retention_days", 0)  # cases only
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	try:
		started = time.monotonic()
		insert_cases(cases, due)
		frappe.db.commit()
		figures = {"insert_seconds": round(time.monotonic() - started, 1)}

		started = time.monotonic()
		due_cases(str(add_days(now_datetime(), -730)), 200)
		figures["due_query_ms"] = round((time.monotonic() - started) * 1000, 1)

		started = time.monotonic()
		figures["first_run"] = run_retention()
		figures["first_run_seconds"] = round(time.monotonic() - started, 2)

		started = time.monotonic()
		figures["second_run"] = run_retention()
		figures["second_run_ms"] = round((time.monotonic() - started) * 1000, 1)
		figures["plan"] = frappe.db.sql(
			"""explain select name from `tabMediation Case`
			where anonymised_on is null and status = 'Closed' and resolved_on < %s
			order by resolved_on limit 200""",
			add_days(now_datetime(), -730),
			as_dict=True,
		)
		figures["left_with_personal_data"] = frappe.db.count(
			"Mediation Case",
			{
				"name": ("like", f"{PREFIX}%"),
				"anonymised_on": ("is", "not set"),
				"status": "Closed",
				"resolved_on": ("<", add_days(now_datetime(), -730)),
			},
		)
	finally:
		cleanup()
	print(frappe.as_json(figures, indent=1))
	return figures


def insert_cases(cases: int, due: int) -> None:
	now = now_datetime()
	category = (
		frappe.db.get_value("Case Category", {})
		or frappe.get_doc({"doctype": "Case Category", "category_name": "Benchmark"}).insert().name
	)
	fields = [
		"name",
		"subject",
		"category",
		"status",
		"priority",
		"channel",
		"opened_on",
		"resolved_on",
		"anonymised_on",
		"description",
		"reporter_name",
		"reporter_email",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"idx",
	]
	rows, versions, comments = [], [], []
	for i in range(cases):
		name = f"{PREFIX}{i:07d}"
		kind = i % 50
		if i < due:  # closed 800 days ago, never anonymised
			status, resolved, anonymised = "Closed", add_days(now, -800), None
		elif kind < 30:  # closed and anonymised in earlier years
			status, resolved, anonymised = "Closed", add_days(now, -900 - i % 1000), add_days(now, -100)
		elif kind < 40:  # closed recently
			status, resolved, anonymised = "Closed", add_days(now, -(i % 700)), None
		else:
			status, resolved, anonymised = "In Mediation", None, None
		rows.append(
			(
				name,
				f"Case {i}",
				category,
				status,
				"Medium",
				"Desk",
				add_days(now, -1000),
				resolved,
				anonymised,
				f"<p>Reporter {i} complains</p>",
				f"Reporter {i}",
				f"r{i}@example.com",
				now,
				now,
				"Administrator",
				"Administrator",
				0,
				0,
			)
		)
		if i < due:
			versions.append(
				(
					f"{PREFIX}V{i}",
					"Mediation Case",
					name,
					'{"changed":[["reporter_name","x","y"]]}',
					now,
					now,
					"Administrator",
					"Administrator",
					0,
					0,
				)
			)
			comments.append(
				(
					f"{PREFIX}C{i}",
					"Comment",
					"Mediation Case",
					name,
					f"Talked to reporter {i}",
					now,
					now,
					"Administrator",
					"Administrator",
					0,
					0,
				)
			)
	frappe.db.bulk_insert("Mediation Case", fields, rows, ignore_duplicates=True, chunk_size=5000)
	base = [
		"name",
		"ref_doctype",
		"docname",
		"data",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		"idx",
	]
	frappe.db.bulk_insert("Version", base, versions, chunk_size=5000)
	frappe.db.bulk_insert(
		"Comment",
		[
			"name",
			"comment_type",
			"reference_doctype",
			"reference_name",
			"content",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"docstatus",
			"idx",
		],
		comments,
		chunk_size=5000,
	)


def cleanup() -> None:
	frappe.db.rollback()
	frappe.db.sql("delete from `tabMediation Case` where name like %s", f"{PREFIX}%")
	frappe.db.sql("delete from `tabVersion` where name like %s", f"{PREFIX}%")
	frappe.db.sql("delete from `tabComment` where name like %s", f"{PREFIX}%")
	frappe.db.commit()
