"""The round table's reports at 100,000 cases: median and 95th percentile time per report and view.

	bench --site <site> execute mitmenschen.benchmarks.reports.run
	bench --site <site> execute mitmenschen.benchmarks.reports.run --kwargs "{'cases': 20000, 'repeat': 9}"

Seeds `cases` Mediation Cases (default 100,000) over 400 days with a bulk insert — categories,
districts, priorities, flats in 200 buildings, responses and resolutions with their working hours,
referrals to 30 partners with answers, recurrences, satisfaction — and 3,000 round-table actions.
Then runs every report the way the desk does (`frappe.desk.query_report.run`, default period of six
months, whole site and one district) `repeat` times and prints the median and p95 (target: median
under 300 ms), and the half-year report's figures and HTML. Not a test: it prints figures. Everything
seeded carries the BENCH-EVD prefix and is deleted at the end, also when it fails.
"""

import random
import statistics
import time

import frappe
from frappe.desk.query_report import run as run_report
from frappe.utils import add_to_date, now_datetime

from mitmenschen.evidence import half_year
from mitmenschen.evidence.period import Period

PREFIX = "BENCH-EVD"
CATEGORIES = 9
DISTRICTS = 6
BUILDINGS = 200
FLATS_PER_BUILDING = 10
PARTNERS = 30
ACTIONS = 3_000
CHUNK = 10_000
TARGET_MS = 300
RUNS = [  # report, filters (on top of the default period), label
	("Case Statistics", {}, ""),
	("Case Statistics", {"group_by": "Category"}, "by category"),
	("Case Statistics", {"group_by": "District"}, "by district"),
	("SLA Compliance", {"view": "Category"}, "by category"),
	("SLA Compliance", {"view": "Priority"}, "by priority"),
	("SLA Compliance", {"view": "Month"}, "by month"),
	("SLA Compliance", {"view": "Breaches"}, "breaches"),
	("Recurrence Hotspots", {"level": "Flat"}, "flats"),
	("Recurrence Hotspots", {"level": "Building"}, "buildings"),
	("Partner Referrals", {}, ""),
	("Reporter Satisfaction", {}, ""),
]


def run(cases: int = 100_000, repeat: int = 15, keep: bool = False) -> dict:
	"""Seed, time, clean up (`keep=True` leaves the rows for EXPLAIN; `cleanup` removes them)."""
	frappe.db.rollback()
	random.seed(11)
	figures: dict = {}
	try:
		seeded = seed(cases)
		frappe.db.commit()
		period = Period.of()
		district = seeded["districts"][0]
		print(f"{cases} cases, period {period.start} – {period.end}, {repeat} runs each (median / p95):")
		for report, filters, label in RUNS:
			for scope_label, scope in (("all", {}), ("district", {"district": district})):
				times = timed(report, {**filters, **scope}, repeat)
				name = f"{report} {label}".strip() + f" [{scope_label}]"
				figures[name] = times
				flag = "ok" if times["median_ms"] < TARGET_MS else "SLOW"
				print(f"  {name:<48} {times['median_ms']:7.1f} ms / {times['p95_ms']:7.1f} ms  {flag}")
		started = time.perf_counter()
		html = half_year.render_html(period, "de")
		figures["half-year report HTML"] = round((time.perf_counter() - started) * 1000, 1)
		print(
			f"  half-year report (figures of two periods + HTML)  {figures['half-year report HTML']:.0f} ms, {len(html)} bytes"
		)
	finally:
		if not keep:
			cleanup()
	return figures


def seed_only(cases: int = 100_000) -> None:
	frappe.db.rollback()
	random.seed(11)
	seed(cases)
	frappe.db.commit()


def timed(report: str, filters: dict, repeat: int) -> dict:
	times = []
	for _ in range(repeat + 2):
		frappe.local.lang = "de"
		started = time.perf_counter()
		result = run_report(report, filters=filters, ignore_prepared_report=True)
		times.append((time.perf_counter() - started) * 1000)
		assert result["result"] is not None
	times = sorted(times[2:])  # the first runs warm caches
	return {
		"median_ms": round(statistics.median(times), 1),
		"p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
		"rows": len(result["result"]),
	}


def seed(count: int) -> dict:
	now = now_datetime()
	categories = [f"{PREFIX} Kategorie {i}" for i in range(CATEGORIES)]
	districts = [f"{PREFIX} Bezirk {i}" for i in range(DISTRICTS)]
	partners = [f"{PREFIX} Partner {i:02d}" for i in range(PARTNERS)]
	meta = ["creation", "modified", "owner", "modified_by"]
	stamp = [now, now, "Administrator", "Administrator"]
	frappe.db.bulk_insert(
		"Case Category", ["name", "category_name", *meta], [(c, c, *stamp) for c in categories]
	)
	frappe.db.bulk_insert(
		"Partner Organisation",
		["name", "organisation_name", "organisation_type", "status", *meta],
		[(p, p, "NGO", "Active", *stamp) for p in partners],
	)
	locations, flats = [], []
	for d in districts:
		locations.append((d, d, None, 1, *stamp))
	for b in range(BUILDINGS):
		building = f"{PREFIX} Haus {b:03d}"
		locations.append((building, building, districts[b % DISTRICTS], 1, *stamp))
		for f in range(FLATS_PER_BUILDING):
			flat = f"{building} Whg {f}"
			locations.append((flat, flat, building, 0, *stamp))
			flats.append((flat, districts[b % DISTRICTS]))
	frappe.db.bulk_insert(
		"Location", ["name", "location_name", "parent_location", "is_group", *meta], locations
	)
	seed_cases(count, categories, flats, partners, now)
	seed_actions(partners, now)
	return {"districts": districts, "categories": categories, "partners": partners}


CASE_FIELDS = [
	"name",
	"subject",
	"category",
	"priority",
	"status",
	"channel",
	"opened_on",
	"property_doctype",
	"property_unit",
	"district",
	"recurrence_of",
	"response_due",
	"resolution_due",
	"first_responded_on",
	"resolved_on",
	"response_working_hours",
	"resolution_working_hours",
	"escalation_level",
	"referred_to",
	"referral_status",
	"referral_requested_on",
	"referral_responded_on",
	"referral_answer_working_hours",
	"reporter_satisfaction",
	"creation",
	"modified",
	"owner",
	"modified_by",
]


def seed_cases(count: int, categories: list, flats: list, partners: list, now) -> None:
	start = add_to_date(now, days=-400)
	step = 400 * 24 * 60 / count  # minutes between two cases
	batch = []
	for i in range(count):
		opened = add_to_date(start, minutes=i * step)
		flat, district = flats[random.randrange(len(flats))] if i % 5 else (None, None)
		response_hours = random.choice((2, 4, 8, 16, 24, 40))
		responded = add_to_date(opened, hours=response_hours * 2) if i % 10 else None
		resolved = add_to_date(opened, days=random.randint(1, 40)) if i % 4 else None
		if resolved and resolved > now:
			resolved = None
		partner = partners[i % len(partners)] if i % 3 == 0 else None
		answer = random.choice(("Requested", "Accepted", "Accepted", "Declined", "Done")) if partner else ""
		batch.append(
			(
				f"{PREFIX}-{i:07d}",
				f"Fall {i}",
				categories[i % len(categories)],
				random.choice(("Low", "Medium", "Medium", "High", "Urgent")),
				"Closed" if resolved else random.choice(("New", "Triaged", "In Mediation")),
				"Desk",
				opened,
				"Location" if flat else None,
				flat,
				district,
				f"{PREFIX}-{i - 1:07d}" if flat and i % 10 == 1 else None,
				add_to_date(opened, hours=16),
				add_to_date(opened, days=10),
				responded,
				resolved,
				response_hours if responded else 0,
				random.randint(4, 200) if resolved else 0,
				random.choice((0, 0, 0, 1, 2, 3)),
				partner,
				answer,
				opened if partner else None,
				add_to_date(opened, hours=random.randint(1, 48))
				if answer and answer != "Requested"
				else None,
				random.randint(1, 16) if answer and answer != "Requested" else 0,
				random.choice((0, 0.2, 0.4, 0.6, 0.8, 1.0)) if resolved else 0,
				opened,
				opened,
				"Administrator",
				"Administrator",
			)
		)
		if len(batch) == CHUNK:
			frappe.db.bulk_insert("Mediation Case", CASE_FIELDS, batch)
			batch = []
	if batch:
		frappe.db.bulk_insert("Mediation Case", CASE_FIELDS, batch)


def seed_actions(partners: list, now) -> None:
	fields = [
		"name",
		"title",
		"status",
		"due_date",
		"partner_organisation",
		"creation",
		"modified",
		"owner",
		"modified_by",
	]
	rows = [
		(
			f"{PREFIX}-A{i:05d}",
			f"Aufgabe {i}",
			random.choice(("Open", "In Progress", "Done", "Done", "Cancelled")),
			add_to_date(now, days=random.randint(-380, 30)).date(),
			partners[i % len(partners)],
			now,
			now,
			"Administrator",
			"Administrator",
		)
		for i in range(ACTIONS)
	]
	frappe.db.bulk_insert("Round Table Action", fields, rows)


def cleanup() -> None:
	frappe.db.rollback()
	frappe.db.sql("delete from `tabMediation Case` where name like %s", f"{PREFIX}-%")
	frappe.db.sql("delete from `tabRound Table Action` where name like %s", f"{PREFIX}-%")
	frappe.db.sql("delete from `tabLocation` where name like %s", f"{PREFIX}%")
	frappe.db.sql("delete from `tabPartner Organisation` where name like %s", f"{PREFIX}%")
	frappe.db.sql("delete from `tabCase Category` where name like %s", f"{PREFIX}%")
	frappe.db.commit()
