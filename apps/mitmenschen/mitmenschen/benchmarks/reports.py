"""The round table's reports at 100,000 cases: median and 95th percentile time per report and view.

	bench --site <site> execute mitmenschen.benchmarks.reports.run
	bench --site <site> execute mitmenschen.benchmarks.reports.run --kwargs "{'cases': 20000, 'repeat': 9}"
	bench --site <site> execute mitmenschen.benchmarks.reports.run --kwargs "{'keep': True}"
	bench --site <site> execute mitmenschen.benchmarks.reports.retime --kwargs "{'repeat': 9}"
	bench --site <site> execute mitmenschen.benchmarks.reports.cleanup

Seeds `cases` Mediation Cases (default 100,000) over 400 days with a bulk insert — categories,
districts, priorities, flats in 200 buildings, responses and resolutions with their working hours,
referrals to 30 partners with answers, recurrences, satisfaction — and 3,000 round-table actions.
Then runs every report the way the desk does (`frappe.desk.query_report.run`, default period of six
months, whole site and one district) `repeat` times and prints the median and p95 (target: median
under 300 ms), and the half-year report's figures and HTML. Not a test: it prints figures. Everything
seeded carries the BENCH-EVD prefix and is deleted at the end, also when it fails; with `keep=True`
the rows stay, `retime` times the reports again against them (seeding takes minutes) and `cleanup`
deletes them.

Beside each median it prints the load average and the CPU time one run costs (this process and, when
MariaDB runs on this machine, its thread for our connection): on cores shared with other work the
wall time grows with the load, the CPU time is what a run costs an idle machine.
"""

import glob
import os
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
		figures = time_reports(seeded["districts"][0], repeat)
	finally:
		if not keep:
			cleanup()
	return figures


def retime(repeat: int = 15) -> dict:
	"""Time the reports again against the rows a `run(keep=True)` left."""
	frappe.db.rollback()
	if not frappe.db.exists("Mediation Case", {"name": ["like", f"{PREFIX}-%"]}):
		raise RuntimeError(f"no {PREFIX} cases: run(keep=True) first")
	return time_reports(f"{PREFIX} Bezirk 0", repeat)


def time_reports(district: str, repeat: int) -> dict:
	"""Every report, whole site and one district, then the half-year report; prints as it goes."""
	figures: dict = {}
	period = Period.of()
	cases = frappe.db.count("Mediation Case")
	print(f"{cases} cases, period {period.start} – {period.end}, {repeat} runs each")
	print(f"  {'report':<48} {'median':>9} / {'p95':>9}   {'CPU/run':>8}  load")
	for report, filters, label in RUNS:
		for scope_label, scope in (("all", {}), ("district", {"district": district})):
			times = timed(report, {**filters, **scope}, repeat)
			name = f"{report} {label}".strip() + f" [{scope_label}]"
			figures[name] = times
			flag = "ok" if times["median_ms"] < TARGET_MS else "SLOW"
			cpu = f"{times['cpu_ms']:5.0f} ms" if times["cpu_ms"] is not None else "    –   "
			print(
				f"  {name:<48} {times['median_ms']:6.1f} ms / {times['p95_ms']:6.1f} ms   {cpu}  "
				f"{times['load']:.2f}  {flag}"
			)
	started = time.perf_counter()
	html = half_year.render_html(period, "de")
	figures["half-year report HTML"] = round((time.perf_counter() - started) * 1000, 1)
	print(
		f"  half-year report (figures of two periods + HTML)  {figures['half-year report HTML']:.0f} ms, "
		f"{len(html)} bytes, load {load_average():.2f}"
	)
	return figures


def load_average() -> float:
	return os.getloadavg()[0]


def seed_only(cases: int = 100_000) -> None:
	frappe.db.rollback()
	random.seed(11)
	seed(cases)
	frappe.db.commit()


def timed(report: str, filters: dict, repeat: int) -> dict:
	times = []
	for _ in range(2):  # the first runs warm caches
		run_report(report, filters=filters, ignore_prepared_report=True)
	database = DatabaseThread()
	cpu_started = time.process_time()
	for _ in range(repeat):
		frappe.local.lang = "de"
		started = time.perf_counter()
		result = run_report(report, filters=filters, ignore_prepared_report=True)
		times.append((time.perf_counter() - started) * 1000)
		assert result["result"] is not None
	own = (time.process_time() - cpu_started) * 1000
	database_ms = database.cpu_ms()
	times = sorted(times)
	return {
		"median_ms": round(statistics.median(times), 1),
		"p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
		"rows": len(result["result"]),
		"cpu_ms": round((own + database_ms) / repeat, 1) if database_ms is not None else None,
		"load": load_average(),
	}


class DatabaseThread:
	"""The CPU time MariaDB spends on this connection, read from /proc: MariaDB runs a thread per
	connection, and ours is the one that works while we ask it to (a BENCHMARK() of a few ms finds
	it). None when MariaDB does not run on this machine or restarts meanwhile."""

	TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")

	def __init__(self) -> None:
		self.pid = self.thread = self.started = None
		for path in glob.glob("/proc/[0-9]*/comm"):
			try:
				if open(path).read().strip() == "mariadbd":
					self.pid = path.split("/")[2]
					break
			except OSError:
				continue
		if not self.pid:
			return
		before = self._threads()
		frappe.db.sql("select benchmark(1000000, md5('mitmenschen'))")
		after = self._threads()
		if after:
			self.thread = max(after, key=lambda thread: after[thread] - before.get(thread, 0))
			self.started = after[self.thread]

	def _threads(self) -> dict[str, int]:
		ticks = {}
		for path in glob.glob(f"/proc/{self.pid}/task/*/stat"):
			try:
				fields = open(path).read().rsplit(")", 1)[1].split()
			except (OSError, IndexError):
				continue
			ticks[path.split("/")[4]] = int(fields[11]) + int(fields[12])  # utime + stime
		return ticks

	def cpu_ms(self) -> float | None:
		if self.thread is None:
			return None
		now = self._threads().get(self.thread)
		return (now - self.started) * self.TICK_MS if now is not None else None


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
