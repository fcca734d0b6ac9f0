"""Benchmark of the escalation sweep against Frappe's own "Days After" Notification, on the same data.

	bench --site <site> execute mitmenschen.benchmarks.escalation.run
	bench --site <site> execute mitmenschen.benchmarks.escalation.run --kwargs "{'open_cases': 10000, 'due': 1000}"

Seeds open cases with bulk inserts (names BENCH-…), each with its pending escalation ladder (six
steps), of which `due` cases have a step due now and a response deadline yesterday. Times the sweep
(which queues digests into the Email Queue) at a tenth of the size and at full size, to show that
time and memory follow what is due rather than what is open; then times a "Days After" Notification
that mails the assignee of each case due yesterday, and prints the ratio of the two (the issue's
target: the sweep at least 100 times faster at 100,000 open cases). Each sweep figure is the median
of `runs` runs over the same due steps (made due again in between); the Notification runs once (a
minute or more). `smtp_port` is the stand-in SMTP server's, used only on a site without an outgoing
account. Not a test: it prints figures. Everything it created is deleted afterwards (also when it
fails), so the site stays usable.
"""

import statistics
import time
import tracemalloc
from datetime import timedelta

import frappe
from frappe.utils import add_days, now_datetime

from mitmenschen.escalation.sweep import sweep
from mitmenschen.escalation.timers import FIELDS as TIMER_FIELDS
from mitmenschen.install import ensure_escalation
from mitmenschen.tests.mail import SMTPSink, ensure_outgoing_account, retire_outgoing_account

PREFIX = "BENCH-"
TARGET_RATIO = 100  # issue #20: the sweep at least 100 times as fast as the Notification
BENCHMARK_SMTP_PORT = 2535
USERS = 50  # clerks the due cases are spread over
MANAGERS = 3
CHUNK = 10_000
NOTIFICATION = "Mit:Menschen Benchmark Days After"
CATEGORY = "Mit:Menschen Benchmark"
CASE_FIELDS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"naming_series",
	"subject",
	"category",
	"priority",
	"status",
	"channel",
	"opened_on",
	"assigned_to",
	"sla_policy",
	"response_due",
	"resolution_due",
	"sla_status",
	"escalation_level",
]


def run(
	open_cases: int = 100_000, due: int = 1_000, smtp_port: int = BENCHMARK_SMTP_PORT, runs: int = 3
) -> dict:
	frappe.flags.mute_emails = False
	ensure_escalation()
	started = now_datetime()
	figures: dict = {}
	# mail is only queued here, never sent; a site without an outgoing account gets a stand-in
	stand_in = not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1})
	sink = SMTPSink(smtp_port)
	if stand_in:
		sink.start()  # Frappe checks the server when the account is saved
		ensure_outgoing_account(smtp_port)
	try:
		users = _seed_users()
		small = max(open_cases // 10, due)
		_seed_cases(0, small, due, users)
		figures["sweep_small"] = _time_sweep(small, due, runs)
		_rearm(due)
		_seed_cases(small, open_cases, 0, users)
		figures["sweep"] = _time_sweep(open_cases, due, runs)
		figures["notification"] = _time_notification(open_cases, due)
		_report(figures, open_cases, due)
		return figures
	finally:
		_clean(started)
		if stand_in:
			retire_outgoing_account()
			sink.stop()


def _seed_users() -> list[str]:
	frappe.flags.in_import = True  # Frappe throttles creating many users an hour
	users = []
	for i in range(USERS + MANAGERS):
		email = f"bench-{i:03d}@bench.example"
		if not frappe.db.exists("User", email):
			user = frappe.get_doc(
				{"doctype": "User", "email": email, "first_name": f"Bench {i}", "send_welcome_email": 0}
			).insert(ignore_permissions=True)
			user.add_roles("Mit:Menschen Manager" if i >= USERS else "Mit:Menschen Clerk")
		users.append(email)
	if not frappe.db.exists("Case Category", CATEGORY):
		frappe.get_doc({"doctype": "Case Category", "category_name": CATEGORY}).insert(
			ignore_permissions=True
		)
	frappe.flags.in_import = False
	frappe.db.set_value("User", {"name": ["like", "bench-%@bench.example"]}, "enabled", 1)
	frappe.db.commit()
	return users[:USERS]


def _seed_cases(first: int, last: int, due: int, users: list[str]) -> None:
	"""Cases first..last-1; the first `due` of them have their response deadline yesterday and a
	ladder step due now; every other step lies in the future."""
	now = now_datetime()
	yesterday = add_days(now, -1)
	for start in range(first, last, CHUNK):
		cases, timers = [], []
		for i in range(start, min(start + CHUNK, last)):
			name = f"{PREFIX}{i:07d}"
			is_due = i - first < due
			opened = add_days(now, -3) if is_due else now - timedelta(minutes=i % 600)
			response_due = yesterday if is_due else add_days(now, 2)
			cases.append(
				(
					name,
					now,
					now,
					"Administrator",
					"Administrator",
					"MC-.YYYY.-.#####",
					f"Benchmark {i}",
					CATEGORY,
					"Medium",
					"New",
					"Desk",
					opened,
					users[i % len(users)],
					"Standard",
					response_due,
					add_days(now, 10),
					"On Track",
					0,
				)
			)
			for clock, level, notify, value, trigger, percent, hours in LADDER:
				due_at = (
					(now - timedelta(minutes=1))
					if (is_due and (clock, level) == ("Response", 2))
					else (add_days(now, 1 + level))
				)
				timers.append(
					(
						frappe.generate_hash(length=12),
						now,
						now,
						"Administrator",
						"Administrator",
						"Mediation Case",
						name,
						clock,
						level,
						"Pending",
						due_at,
						trigger,
						percent,
						hours,
						notify,
						value,
					)
				)
		frappe.db.bulk_insert("Mediation Case", CASE_FIELDS, cases)
		frappe.db.bulk_insert("Escalation Timer", TIMER_FIELDS, timers)
		frappe.db.commit()


LADDER = [  # the Standard policy's case ladder
	("Response", 1, "Assignee", None, "Share of Target", 80, 0),
	("Response", 2, "Assignee", None, "Share of Target", 100, 0),
	("Response", 3, "Role", "Mit:Menschen Manager", "After Breach", 100, 8),
	("Resolution", 1, "Assignee", None, "Share of Target", 80, 0),
	("Resolution", 2, "Role", "Mit:Menschen Manager", "Share of Target", 100, 0),
	("Resolution", 3, "Round Table Chair", None, "After Breach", 100, 24),
]


def _warm_up() -> None:
	"""A long-running worker has Frappe's mail modules loaded; so does the measured process."""
	frappe.sendmail(recipients=["bench-warm-up@bench.example"], subject="warm-up", message="<p>warm-up</p>")


def _time_sweep(open_cases: int, due: int, runs: int) -> dict:
	"""Median wall time of `runs` sweeps over the same due steps; then the same due work again under
	tracemalloc for its peak memory (tracing slows Python down severalfold, so it is not timed)."""
	frappe.db.sql("analyze table `tabEscalation Timer`")
	_warm_up()
	times = []
	for _run in range(max(runs, 1)):
		started = time.perf_counter()
		result = sweep()
		times.append(time.perf_counter() - started)
		_rearm(due)
	tracemalloc.start()
	sweep()
	_current, peak = tracemalloc.get_traced_memory()
	tracemalloc.stop()
	return {
		"open_cases": open_cases,
		"due": due,
		"timers_sent": result.timers,
		"emails": result.emails,
		"seconds": statistics.median(times),
		"runs": [round(t, 3) for t in times],
		"peak_mb": peak / 1e6,
	}


def _rearm(due: int) -> None:
	"""Make the same steps due again for the full-size run (a fresh set of due work)."""
	timer = frappe.qb.DocType("Escalation Timer")
	frappe.qb.update(timer).set(timer.status, "Pending").where(timer.status == "Sent").where(
		timer.reference_name.like(f"{PREFIX}%")
	).run()
	frappe.db.delete(
		"Email Queue",
		{"creation": [">=", add_days(now_datetime(), -1)], "reference_name": ["like", f"{PREFIX}%"]},
	)
	frappe.db.commit()


def _time_notification(open_cases: int, due: int) -> dict:
	if not frappe.db.exists("Notification", NOTIFICATION):
		frappe.get_doc(
			{
				"doctype": "Notification",
				"name": NOTIFICATION,
				"subject": "[{{ doc.name }}] response overdue: {{ doc.subject }}",
				"document_type": "Mediation Case",
				"event": "Days After",
				"date_changed": "response_due",
				"days_in_advance": 1,
				"channel": "Email",
				"recipients": [{"receiver_by_document_field": "assigned_to"}],
				"message": "<p>{{ doc.subject }} is overdue since {{ doc.response_due }}.</p>",
				"enabled": 1,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
	from frappe.email.doctype.notification.notification import trigger_daily_alerts

	_warm_up()
	queued_before = frappe.db.count("Email Queue")
	started = time.perf_counter()
	trigger_daily_alerts()
	frappe.db.commit()
	seconds = time.perf_counter() - started
	return {
		"open_cases": open_cases,
		"due": due,
		"emails": frappe.db.count("Email Queue") - queued_before,
		"seconds": seconds,
	}


def _report(figures: dict, open_cases: int, due: int) -> None:
	small, full, notification = figures["sweep_small"], figures["sweep"], figures["notification"]
	print(f"Escalation benchmark on {frappe.local.site}: {due} steps due among {open_cases} open cases")
	for f in (small, full):
		runs = ", ".join(f"{t:.3f}" for t in f["runs"])
		print(
			f"  sweep        {f['open_cases']:>7} open: {f['seconds']:.3f} s (median of {runs}), "
			f"{f['timers_sent']} steps, {f['emails']} digest emails queued, peak {f['peak_mb']:.1f} MB"
		)
	print(
		f"  notification {notification['open_cases']:>7} open: {notification['seconds']:.3f} s, "
		f"{notification['emails']} emails queued"
	)
	ratio = notification["seconds"] / full["seconds"] if full["seconds"] else float("inf")
	figures["ratio"] = ratio
	print(
		f'  RATIO: the sweep is {ratio:.1f} times as fast as Frappe\'s "Days After" Notification '
		f"at {open_cases} open cases (target: {TARGET_RATIO} at 100000)"
	)


def _clean(started) -> None:
	frappe.db.rollback()
	names_like = f"{PREFIX}%"
	for doctype in ("Escalation Timer", "Escalation Log", "Comment"):
		frappe.db.delete(doctype, {"reference_name": ["like", names_like]})
	frappe.db.delete("Version", {"docname": ["like", names_like]})
	queue = frappe.get_all("Email Queue", filters={"creation": [">=", started]}, pluck="name")
	recipients = frappe.qb.DocType("Email Queue Recipient")
	for chunk in range(0, len(queue), 1000):
		batch = queue[chunk : chunk + 1000]
		frappe.qb.from_(recipients).delete().where(recipients.parent.isin(batch)).run()
		frappe.db.delete("Email Queue", {"name": ["in", batch]})
	frappe.db.delete("Mediation Case", {"name": ["like", names_like]})
	# the benchmark's users go too: Frappe throttles creating users by how many were made this hour
	bench_users = frappe.get_all("User", filters={"name": ["like", "bench-%@bench.example"]}, pluck="name")
	for table in ("Has Role", "User Email", "Block Module", "DefaultValue"):
		frappe.db.delete(table, {"parent": ["in", bench_users]} if bench_users else {"parent": "-"})
	if bench_users:
		frappe.db.delete("User", {"name": ["in", bench_users]})
	if frappe.db.exists("Notification", NOTIFICATION):
		frappe.delete_doc("Notification", NOTIFICATION, force=True, ignore_permissions=True)
	frappe.db.commit()
	print("  cleaned up: benchmark cases, users, timers, logs, comments and queued mail removed")
