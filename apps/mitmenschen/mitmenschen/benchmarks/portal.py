"""Server time and SQL queries per portal page at 100,000 cases.

	bench --site <site> execute mitmenschen.benchmarks.portal.run [--kwargs '{"cases": 100000, "keep": 0}']

Seeds `cases` Mediation Cases with one bulk insert (names BENCH-…, spread over 50 other
organisations plus the measured partner's, a share of them open referrals to it), builds the
portal world (mitmenschen.tests.portal_world), renders every portal page as its partner or tenant the
way the web server does (Frappe's website renderer), and reports the median server time and the
number of SQL queries per page. Removes the seeded cases afterwards unless keep=1.
"""

import statistics
import time

import frappe
from frappe.utils import add_days, now_datetime, random_string

from mitmenschen.tests.portal_world import build

SEED_PREFIX = "BENCH-"
BATCH = 10_000
RUNS = 7


def seed_cases(count: int, partner: str, category: str) -> None:
	now = now_datetime()
	fields = [
		"name", "subject", "category", "status", "priority", "channel", "referred_to", "referral_status",
		"opened_on", "resolution_due", "creation", "modified", "owner", "modified_by", "docstatus",
	]  # fmt: skip
	statuses = ("New", "Triaged", "In Mediation", "Closed", "Closed", "Closed")
	batch = []
	for i in range(count):
		# every 200th case goes to the measured partner: 500 of 100,000, like a busy NGO
		referred = partner if i % 200 == 0 else f"Other Partner {i % 50}"
		opened = add_days(now, -(i % 900))
		batch.append(
			(
				f"{SEED_PREFIX}{i:07d}", f"Benchmark case {i}", category, statuses[i % 6], "Medium", "Desk",
				referred, ("Requested", "Accepted", "Declined", "Done")[i % 4], opened, add_days(opened, 14),
				opened, opened, "Administrator", "Administrator", 0,
			)
		)  # fmt: skip
		if len(batch) == BATCH:
			frappe.db.bulk_insert("Mediation Case", fields, batch, ignore_duplicates=True)
			batch = []
	if batch:
		frappe.db.bulk_insert("Mediation Case", fields, batch, ignore_duplicates=True)
	frappe.db.commit()


def remove_seed() -> None:
	frappe.db.delete("Mediation Case", {"name": ["like", f"{SEED_PREFIX}%"]})
	frappe.db.commit()


def measure(path: str, user: str) -> dict:
	from frappe.website.serve import get_response

	frappe.set_user(user)
	frappe.local.lang = frappe.db.get_value("User", user, "language") or "de"
	original_sql = frappe.db.sql
	counter = {"n": 0}

	def counting_sql(*args, **kwargs):
		counter["n"] += 1
		return original_sql(*args, **kwargs)

	timings, queries, status = [], [], None
	for run in range(RUNS + 1):  # the first run warms Frappe's caches, as a running server has them
		frappe.utils.set_request(method="GET", path=path)
		frappe.local.form_dict = frappe._dict()
		counter["n"] = 0
		frappe.db.sql = counting_sql
		start = time.perf_counter()
		try:
			response = get_response(path)
		finally:
			frappe.db.sql = original_sql
		elapsed = (time.perf_counter() - start) * 1000
		status = response.status_code
		if run:
			timings.append(elapsed)
			queries.append(counter["n"])
	frappe.set_user("Administrator")
	return {
		"path": path,
		"status": status,
		"median_ms": round(statistics.median(timings), 1),
		"max_ms": round(max(timings), 1),
		"queries": max(queries),
	}


def run(cases: int = 100_000, keep: int = 0) -> dict:
	world = build()
	partner, tenant = world["A"], world["tenant"]
	seed_cases(cases, partner["organisation"], world["category"])
	total = frappe.db.count("Mediation Case")
	pages = [
		("/partner", partner["user"]),
		("/partner/referrals", partner["user"]),
		(f"/partner/cases/{partner['case_to_accept']}", partner["user"]),
		("/partner/actions", partner["user"]),
		(f"/partner/actions/{partner['action']}", partner["user"]),
		("/partner/meetings", partner["user"]),
		("/partner/profile", partner["user"]),
		("/report-problem", tenant["user"]),
		("/my-reports", tenant["user"]),
	]
	try:
		results = [measure(path, user) for path, user in pages]
	finally:
		if not int(keep):
			remove_seed()
	report = {"cases_in_site": total, "pages": results}
	for row in results:
		print(
			f"{row['path']:<40} {row['status']} median {row['median_ms']:>7} ms  max {row['max_ms']:>7} ms  {row['queries']:>3} queries"
		)
	return report
