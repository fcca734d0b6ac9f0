"""The site's side of the load benchmark and the fault drill (`benchmarks/load.py`, `fault_drill.py`).

The HTTP driver runs outside the web server; these functions run inside the site (the driver calls
them in its own process with `frappe.init` / `frappe.connect`): they build the simulated users and
their records, seed escalation steps that fall due during the run, act as the scheduler for the sweep
and the mail flush, and afterwards count in the database what the driver was promised. The people
(clerks, partners, tenants) are kept for the next run with the same mix; everything a run creates
carries its run id (replies, reports, escalation cases), so that runs never collide and the checks
read only their own rows.
"""

import json
import os
from datetime import timedelta

import frappe
from frappe.utils import add_days, get_datetime, now_datetime
from frappe.utils.password import update_password

from mitmenschen.escalation.timers import FIELDS as TIMER_FIELDS
from mitmenschen.escalation.timers import SENT
from mitmenschen.tests.factories import make_category, make_flat
from mitmenschen.tests.mail import ensure_outgoing_account
from mitmenschen.tests.portal_world import build_organisation, make_tenant_user

PASSWORD = "Load-Test-2026!"
CLERK_ROLE = "Mit:Menschen Clerk"
DOMAIN = "load.example"
ESCALATION_PREFIX = "LOAD-ESC-"
SWEEP = "mitmenschen.escalation.sweep.run"
FLUSH = "frappe.email.queue.flush"
# the Standard policy's second response rung: mail the assignee at the breach
RUNG = ("Response", 2, "Assignee", None, "Share of Target", 100, 0)
ESCALATION_CASE_FIELDS = [
	"name", "creation", "modified", "owner", "modified_by", "naming_series", "subject", "category",
	"priority", "status", "channel", "opened_on", "assigned_to", "sla_policy", "response_due",
	"resolution_due", "sla_status", "escalation_level",
]  # fmt: skip


# ---- the world ------------------------------------------------------------------------------------


def world(clerks: int, partners: int, tenants: int, cases_per_clerk: int, smtp_port: int) -> dict:
	"""The simulated people of an earlier run with this mix (kept in the site's private folder), or new
	ones: building them takes a minute or two on a busy machine. Points the outgoing mail at the sink."""
	frappe.flags.mute_emails = False
	ensure_outgoing_account(smtp_port)
	path = frappe.get_site_path("private", f"load-world-{clerks}-{partners}-{tenants}.json")
	if os.path.exists(path):
		with open(path) as f:
			saved = json.load(f)
		if frappe.db.exists("User", saved["clerks"][0]["user"]):
			return saved
	built = build(frappe.generate_hash(length=6), clerks, partners, tenants, cases_per_clerk)
	with open(path, "w") as f:
		json.dump(built, f)
	return built


def build(world_id: str, clerks: int, partners: int, tenants: int, cases_per_clerk: int) -> dict:
	"""Clerks with cases assigned to them, partner organisations with a portal user and a referral,
	tenants with a portal login and a flat."""
	category = make_category(f"Load {world_id}").name
	built: dict = {"id": world_id, "category": category, "password": PASSWORD}
	built["clerks"] = [_clerk(world_id, i, category, cases_per_clerk) for i in range(clerks)]
	built["partners"] = []
	for i in range(partners):
		organisation = build_organisation(f"L{i:02d}", world_id, category)
		update_password(organisation["user"], PASSWORD)
		built["partners"].append({"user": organisation["user"], "case": organisation["case_to_accept"]})
	flat = make_flat()["flat"]
	built["tenants"] = []
	for i in range(tenants):
		tenant = make_tenant_user(
			f"load-tenant-{i:02d}-{world_id}@{DOMAIN}", f"Mieterin {i:02d} {world_id}", flat
		)
		update_password(tenant["user"], PASSWORD)
		built["tenants"].append({"user": tenant["user"], "tenant": tenant["tenant"]})
	frappe.db.commit()
	return built


def _clerk(run: str, i: int, category: str, cases: int) -> dict:
	email = f"load-clerk-{i:02d}-{run}@{DOMAIN}"
	frappe.flags.in_import = True  # Frappe throttles creating many users an hour (not the cases below)
	frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": f"Sachbearbeiterin {i:02d}",
			"language": "de",
			"send_welcome_email": 0,
			"roles": [{"role": CLERK_ROLE}],
		}
	).insert(ignore_permissions=True)
	frappe.flags.in_import = False
	frappe.db.set_value("User", email, "enabled", 1)
	update_password(email, PASSWORD)
	names = []
	for j in range(cases):
		case = frappe.get_doc(
			{
				"doctype": "Mediation Case",
				"subject": f"Lastprobe {run} {i:02d}-{j}",
				"category": category,
				"description": "Lärm im Treppenhaus",
				"assigned_to": email,
			}
		).insert(ignore_permissions=True)
		names.append(case.name)
	return {"user": email, "cases": names}


def seed_escalations(run: str, clerks: list[str], due: list[str], category: str) -> list[str]:
	"""One open case per due time, assigned round robin to the clerks, with one pending ladder step
	due at that time (bulk inserted: these cases are the sweep's, no clerk saves them). A case has a
	single step, so "a case's notice reached its clerk twice" is what a duplicate looks like."""
	now = now_datetime()
	start = frappe.db.count("Mediation Case", {"name": ["like", f"{ESCALATION_PREFIX}{run}-%"]})
	cases, timers, names = [], [], []
	clock, level, notify, value, trigger, percent, hours = RUNG
	for k, due_at in enumerate(due):
		name = f"{ESCALATION_PREFIX}{run}-{start + k:05d}"
		names.append(name)
		cases.append(
			(
				name, now, now, "Administrator", "Administrator", "MC-.YYYY.-.#####", f"Lastprobe Eskalation {name}",
				category, "Medium", "New", "Desk", add_days(now, -3), clerks[(start + k) % len(clerks)], "Standard",
				due_at, add_days(now, 10), "On Track", 0,
			)
		)  # fmt: skip
		timers.append(
			(
				frappe.generate_hash(length=12), now, now, "Administrator", "Administrator", "Mediation Case",
				name, clock, level, "Pending", due_at, trigger, percent, hours, notify, value,
			)
		)  # fmt: skip
	frappe.db.bulk_insert("Mediation Case", ESCALATION_CASE_FIELDS, cases)
	frappe.db.bulk_insert("Escalation Timer", TIMER_FIELDS, timers)
	frappe.db.commit()
	return names


def now() -> str:
	return str(now_datetime())


def now_minus(seconds: float) -> str:
	return str(now_datetime() - timedelta(seconds=seconds))


def spread(seconds: int, count: int) -> list[str]:
	"""`count` due times from a minute before now to the end of the run: some are due at the first
	sweep, the rest fall due minute by minute while the load runs."""
	start = now_datetime()
	span = seconds + 60
	return [str(start - timedelta(seconds=60) + timedelta(seconds=span * k / count)) for k in range(count)]


# ---- the scheduler's part -------------------------------------------------------------------------


def tick(jobs: tuple[str, ...] = (SWEEP, FLUSH)) -> dict[str, bool]:
	"""Enqueue the sweep's and the mail flush's Scheduled Job Types through RQ, as Frappe's scheduler
	does when they are due (same job id, so a job still waiting in the queue is not queued twice)."""
	result = {}
	for method in jobs:
		job_type = frappe.get_doc("Scheduled Job Type", {"method": method})
		result[method] = bool(job_type.enqueue(force=True))
	return result


def progress(run: str, since: str) -> dict:
	"""What is still on its way: due steps not yet sent, mail not yet handed to the SMTP server."""
	pending_due = frappe.db.count(
		"Escalation Timer",
		{
			"reference_name": ["like", f"{ESCALATION_PREFIX}{run}-%"],
			"status": "Pending",
			"due_at": ["<=", now_datetime()],
		},
	)
	mail = dict(
		frappe.db.sql(
			"select status, count(*) from `tabEmail Queue` where creation >= %s group by status", since
		)
	)
	return {"pending_due": pending_due, "mail": mail}


def count_sent(names: list[str]) -> int:
	"""How many of these escalation cases' steps are sent."""
	return frappe.db.count("Escalation Timer", {"reference_name": ["in", names], "status": SENT})


def sent_after(names: list[str], since: str) -> dict:
	"""How many of these escalation cases' steps are sent, and the last of them how long after `since`."""
	rows = frappe.get_all(
		"Escalation Timer", filters={"reference_name": ["in", names], "status": SENT}, pluck="sent_on"
	)
	last = max(rows) if rows else None
	return {
		"sent": len(rows),
		"last_s": round((last - get_datetime(since)).total_seconds()) if last else None,
	}


def scheduler_heartbeat(since: str) -> list[str]:
	"""Scheduled jobs that started since `since`. Called once the driver has stopped enqueuing, this is
	proof that the stack's own scheduler enqueues again (the mail flush comes every 4 minutes)."""
	return frappe.get_all("Scheduled Job Type", filters={"last_execution": [">", since]}, pluck="method")


# ---- what the driver was promised, counted in the database -------------------------------------------


def check(run: str, since: str, replies: list[list[str]], reports: list[list[str]], saves: dict) -> dict:
	"""Every reply and report that got a 200 is in the database exactly once (a report with its
	photo), every clerk's last successful save is what the case holds, every escalation step that
	fell due was sent and logged once; plus the mail the site queued since `since`, for the sink."""
	problems: list[str] = []

	texts = [text for _case, text in replies]
	found = _count_by(
		"select content, count(*) from `tabComment` where comment_type = 'Comment'"
		" and reference_doctype = 'Mediation Case' and content in %(values)s group by content",
		texts,
	)
	for case, text in replies:
		n = found.get(text, 0)
		if n != 1:
			problems.append(f"reply {text!r} on {case}: {n} in the database")

	names = [name for name, _token in reports]
	cases = {
		r.name: r
		for r in frappe.get_all(
			"Mediation Case",
			filters={"name": ["in", names or [""]]},
			fields=["name", "description", "reporter_email"],
		)
	}
	photos = _count_by(
		"select attached_to_name, count(*) from `tabFile` where attached_to_doctype = 'Mediation Case'"
		" and attached_to_name in %(values)s group by attached_to_name",
		names,
	)
	token_cases = _count_by(
		"select substring_index(substring_index(description, 'LOADTOKEN-', -1), ' ', 1), count(*)"
		" from `tabMediation Case` where channel = 'Portal' and description like %(like)s group by 1",
		None,
		like=f"%LOADTOKEN-{run}-%",
	)
	for name, token in reports:
		if name not in cases or token not in (cases[name].description or ""):
			problems.append(f"report {name} ({token}) missing")
		if photos.get(name, 0) != 1:
			problems.append(f"report {name}: {photos.get(name, 0)} photos")
		if token_cases.get(token.removeprefix("LOADTOKEN-"), 0) != 1:
			problems.append(f"report {token}: {token_cases.get(token, 0)} cases")
	acknowledged = _count_by(
		"select reference_name, count(*) from `tabCommunication` where communication_type = 'Automated Message'"
		" and reference_doctype = 'Mediation Case' and reference_name in %(values)s group by reference_name",
		names,
	)
	for name in names:
		if acknowledged.get(name, 0) != 1:
			problems.append(f"report {name}: {acknowledged.get(name, 0)} acknowledgements")

	held = dict(
		frappe.get_all(
			"Mediation Case", filters={"name": ["in", list(saves) or [""]]}, fields=["name", "reporter_phone"],
			as_list=True,
		)
	)  # fmt: skip
	for case, phone in saves.items():
		if held.get(case) != phone:
			problems.append(f"save of {case}: holds {held.get(case)!r}, last saved {phone!r}")

	escalation = _escalation_figures(run, problems)
	mail = frappe.db.sql(
		"select q.name, q.message_id, q.status, r.recipient, r.status as recipient_status"
		" from `tabEmail Queue` q join `tabEmail Queue Recipient` r on r.parent = q.name"
		" where q.creation >= %s",
		since,
		as_dict=True,
	)
	escalation_mail = frappe.db.sql(
		"select distinct l.email_queue, q.message_id, l.recipient from `tabEscalation Log` l"
		" join `tabEmail Queue` q on q.name = l.email_queue where l.reference_name like %s",
		f"{ESCALATION_PREFIX}{run}-%",
		as_dict=True,
	)
	return {
		"replies": len(replies),
		"reports": len(reports),
		"saves": len(saves),
		"escalation": escalation,
		"mail": [dict(m) for m in mail],
		"escalation_mail": [dict(m) for m in escalation_mail],
		"report_recipients": {name: cases[name].reporter_email for name in cases},
		"problems": problems,
	}


def _escalation_figures(run: str, problems: list[str]) -> dict:
	like = f"{ESCALATION_PREFIX}{run}-%"
	timers = frappe.db.sql(
		"select t.name, t.status, t.due_at, t.sent_on, (select count(*) from `tabEscalation Log` l"
		" where l.escalation_timer = t.name) as logs from `tabEscalation Timer` t"
		" where t.reference_name like %s",
		like,
		as_dict=True,
	)
	now = now_datetime()
	due = [t for t in timers if t.due_at <= now]
	for t in due:
		if t.status != SENT:
			problems.append(f"escalation step {t.name} due {t.due_at} still {t.status}")
		if t.logs != 1:
			problems.append(f"escalation step {t.name}: {t.logs} log rows")
	twice = frappe.db.sql(
		"select reference_name, clock, level, recipient, count(*) from `tabEscalation Log`"
		" where reference_name like %s group by 1, 2, 3, 4 having count(*) > 1",
		like,
	)
	for row in twice:
		problems.append(f"escalation of {row[0]} ({row[1]} {row[2]}) to {row[3]} logged {row[4]} times")
	lags = [(t.sent_on - t.due_at).total_seconds() for t in due if t.sent_on]
	return {
		"steps": len(timers),
		"due": len(due),
		"sent": sum(t.status == SENT for t in due),
		"logged_twice": len(twice),
		"max_lag_s": round(max(lags), 1) if lags else None,
	}


def _count_by(sql: str, values: list[str] | None, **params) -> dict[str, int]:
	if values is not None and not values:
		return {}
	if values is not None:
		params["values"] = tuple(values)
	return {key: count for key, count in frappe.db.sql(sql, params)}
