"""What partner isolation costs: the desk list API as a partner user against the same as Administrator.

	bench --site <site> execute mitmenschen.benchmarks.isolation.run
	bench --site <site> execute mitmenschen.benchmarks.isolation.run --kwargs "{'cases': 20000}"

Seeds `cases` Mediation Cases (default 100,000) spread over 50 active partner organisations with a
bulk insert, gives one organisation a portal user, then calls `frappe.desk.reportview.get` (20 rows,
the desk's default sort) `repeat` times as that partner and as Administrator, and prints p50/p95 of
both and the ratio of the p95s (target: at most 1.5). Everything seeded carries the BENCH- prefix
and is deleted at the end, so it can run on a working site.
"""

import json
import statistics
import time

import frappe
from frappe.desk.reportview import get as reportview_get

from mitmenschen.benchmarks.seed import seed_cases, seed_organisations

PREFIX = "BENCH-ISO"
ORGANISATIONS = 50


def run(cases: int = 100_000, repeat: int = 300) -> dict:
	frappe.db.rollback()
	try:
		organisations = seed_organisations(PREFIX, ORGANISATIONS)
		seed_cases(PREFIX, cases, organisations)
		partner = seed_partner_user(organisations[0])
		frappe.db.commit()
		partner_times, admin_times = [], []
		for _ in range(repeat + 10):  # interleaved, so that noise on the machine hits both alike
			partner_rows = timed_call(partner, partner_times)
			timed_call("Administrator", admin_times)
		partner_times, admin_times = partner_times[10:], admin_times[10:]  # first calls warm caches
	finally:
		frappe.set_user("Administrator")
		cleanup()
	assert partner_rows and all(row[1] == organisations[0] for row in partner_rows), (
		"partner saw others' cases"
	)
	result = {
		"cases": cases,
		"organisations": ORGANISATIONS,
		"partner_p50_ms": percentile(partner_times, 50),
		"partner_p95_ms": percentile(partner_times, 95),
		"admin_p50_ms": percentile(admin_times, 50),
		"admin_p95_ms": percentile(admin_times, 95),
	}
	result["p95_ratio"] = round(result["partner_p95_ms"] / result["admin_p95_ms"], 2)
	print(
		f"reportview.get, 20 rows, {cases} cases over {ORGANISATIONS} organisations, {repeat} calls each:\n"
		f"  partner user   p50 {result['partner_p50_ms']:.2f} ms   p95 {result['partner_p95_ms']:.2f} ms\n"
		f"  Administrator  p50 {result['admin_p50_ms']:.2f} ms   p95 {result['admin_p95_ms']:.2f} ms\n"
		f"  p95 ratio partner/Administrator: {result['p95_ratio']} (target <= 1.5)"
	)
	return result


def percentile(values: list[float], p: int) -> float:
	return round(statistics.quantiles(values, n=100)[p - 1], 3)


LIST_PARAMS = {
	"doctype": "Mediation Case",
	"fields": json.dumps(
		[f"`tabMediation Case`.`{field}`" for field in ("name", "referred_to", "subject", "status")]
	),
	"filters": "[]",
	"order_by": "`tabMediation Case`.`creation` desc",
	"start": 0,
	"page_length": 20,
	"view": "List",
	"with_comment_count": 1,
}


def timed_call(user: str, times: list[float]) -> list:
	"""One desk list request as `user`: fresh request parameters, one call, its time appended."""
	frappe.set_user(user)
	frappe.local.form_dict = frappe._dict(LIST_PARAMS)
	started = time.perf_counter()
	result = reportview_get()
	times.append((time.perf_counter() - started) * 1000)
	return result["values"]


def seed_partner_user(organisation: str) -> str:
	email = "bench-isolation-partner@example.org"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "Bench",
				"send_welcome_email": 0,
				"roles": [{"role": "Partner User"}],
			}
		).insert(ignore_permissions=True)
	frappe.get_doc(
		{
			"doctype": "Partner Contact",
			"full_name": f"{PREFIX} Kontakt",
			"partner_organisation": organisation,
			"user": email,
			"active": 1,
		}
	).insert(ignore_permissions=True)
	return email


def cleanup() -> None:
	frappe.db.rollback()
	frappe.db.sql("delete from `tabMediation Case` where name like %s", f"{PREFIX}-%")
	frappe.db.sql("delete from `tabPartner Contact` where full_name like %s", f"{PREFIX}%")
	frappe.db.sql("delete from `tabPartner Organisation` where name like %s", f"{PREFIX}%")
	frappe.db.commit()
