"""Load beside the platform: the load benchmark (`benchmarks/load.py`), then its twin, the same numbers
of people doing the same jobs through what Frappe and ERPNext offer on their own, on the same stack, and
the two side by side (requests per second, p95 per route, errors, and the ratio ours / platform's).
A benchmark script that prints figures, not a test.

	cd <bench> && env/bin/python -m mitmenschen.benchmarks.platform_twin --site load.localhost \\
		--base-url http://127.0.0.1:8080 [--users 20] [--seconds 60] [--twin-only]

Takes load.py's options (the load's people, escalations, SMTP sink and drain are load.py's own). The
twin's people (`platform_twin_world`) do, with the same thinking time, one platform step per route of
ours; a step is the requests a browser makes for it:

- clerks: the desk (/app/issue), the list and count of their assigned Issues (frappe.desk.reportview),
  an Issue's form (frappe.desk.form.load.getdoc) and its save (frappe.desk.form.save.savedocs: the desk's
  own save, as ours; priority and resolution details changed);
- partners (website users with a Customer contact): /me, ERPNext's portal list /issues (the page and
  the list data it fetches), an Issue's portal page /issues/<name>, and a comment on it (the portal's
  comment box);
- tenants: ERPNext's "issues" Web Form, new (/issues/new), submitted with an attachment as the browser
  does it (upload_file, then web_form.accept with the file's URL), and their list /issues.

Then it counts in the database that every comment, submission (with its attachment) and save that got
a 200 is there once. Exits 1 when a request failed or something was lost on either side.
"""

import argparse
import itertools
import json
import os
import random
import secrets
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import requests

from mitmenschen.benchmarks import load, platform_twin_world

LIST_DATA = "/api/method/frappe.www.list.get_list_data"
# (role, our route, the platform's step) — the rows of the side-by-side table
PAIRS = [
	("clerk", "GET /app/mediation-case", "GET /app/issue"),
	("clerk", "GET case list", "GET issue list"),
	("clerk", "GET case count", "GET issue count"),
	("clerk", "GET case form", "GET issue form"),
	("clerk", "POST case save", "POST issue save"),
	("partner", "GET /partner", "GET /me"),
	("partner", "GET /partner/referrals", "GET /issues + list data (partner)"),
	("partner", "GET /partner/cases/<case>", "GET /issues/<issue>"),
	("partner", "POST reply_on_case", "POST add_comment"),
	("tenant", "GET /report-problem", "GET /issues/new"),
	("tenant", "POST submit_report", "POST upload_file + accept"),
	("tenant", "GET /my-reports", "GET /issues + list data (tenant)"),
	("all", "POST login", "POST login"),
]


@dataclass
class TwinResults(load.Results):
	"""Per request as load.Results; per step (the requests one of our routes stands for) besides."""

	steps: dict = field(default_factory=lambda: defaultdict(list))
	step_errors: Counter = field(default_factory=Counter)
	comments: list = field(default_factory=list)  # [issue, text] answered 200
	submissions: list = field(default_factory=list)  # [issue, token, file URL] answered 200

	def step(self, name: str, started: float, ok: bool) -> None:
		with self.lock:
			self.steps[name].append(time.perf_counter() - started)
			if not ok:
				self.step_errors[name] += 1


class SourceAddress(requests.adapters.HTTPAdapter):
	"""Connects from a loopback address of its own (127.0.0.x; nginx passes it on as X-Forwarded-For)."""

	def __init__(self, address: str) -> None:
		self.address = address
		super().__init__()

	def init_poolmanager(self, *args, **kwargs):
		kwargs["source_address"] = (self.address, 0)
		super().init_poolmanager(*args, **kwargs)


class TwinPerson(load.Person):
	"""A person of the twin, each from an address of their own, as people are: Frappe limits the web
	form's submissions to 10 a minute per address, which 6 people on one address exceed."""

	results: TwinResults
	addresses = itertools.count()

	def __init__(self, *args, **kwargs):
		super().__init__(*args, **kwargs)
		self.session.mount("http://", SourceAddress(f"127.0.0.{next(self.addresses) % 240 + 10}"))

	def one(self, step: str, method: str, path: str, **kwargs):
		"""A step of one request, named as its step."""
		started = time.perf_counter()
		response = self.call(step, method, path, **kwargs)
		self.results.step(step, started, response is not None)
		return response

	def login(self) -> bool:
		return (
			self.one("POST login", "POST", "/api/method/login", data={"usr": self.user, "pwd": self.password})
			is not None
		)

	def issue_list(self, step: str) -> None:
		"""The web form's list page, then the rows it fetches (frappe.www.list.get_list_data)."""
		started = time.perf_counter()
		page = self.call("GET /issues", "GET", "/issues")
		args = {"doctype": "Issue", "limit_start": 0, "limit": 20, "web_form_name": "issues"}
		rows = page and self.call("POST get_list_data", "POST", LIST_DATA, data=args)
		self.results.step(step, started, rows is not None)


class DeskClerk(TwinPerson):
	def __init__(self, *args, issues: list[str], priorities: list[str], **kwargs):
		super().__init__(*args, **kwargs)
		self.issues, self.priorities = issues, priorities

	def run(self) -> None:
		while not self.stop_event.is_set() and not (
			self.login() and self.one("GET /app/issue", "GET", "/app/issue")
		):
			self.think()
		while not self.stop_event.is_set():
			self.n += 1
			self.step()

	def step(self) -> None:
		mine = json.dumps([["Issue", "_assign", "like", f"%{self.user}%"]])  # the desk's "Assigned To"
		fields = json.dumps(["`tabIssue`.`name`", "`tabIssue`.`subject`", "`tabIssue`.`status`"])
		list_args = {"doctype": "Issue", "fields": fields, "filters": mine, "page_length": 20}
		self.one("GET issue list", "GET", "/api/method/frappe.desk.reportview.get", params=list_args)
		self.one(
			"GET issue count", "GET", "/api/method/frappe.desk.reportview.get_count",
			params={"doctype": "Issue", "filters": mine},
		)  # fmt: skip
		self.think()
		issue = self.issues[self.n % len(self.issues)]
		form = self.one(
			"GET issue form", "GET", "/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": "Issue", "name": issue},
		)  # fmt: skip
		self.think()
		if form is None:
			return
		doc = form.json()["docs"][0]
		others = [p for p in self.priorities if p != doc.get("priority")] or self.priorities
		doc["priority"] = random.choice(others)
		note = f"Rückruf {self.label} {self.n:04d}{random.randint(0, 99):02d}"
		doc["resolution_details"] = note
		saved = self.one(
			"POST issue save", "POST", "/api/method/frappe.desk.form.save.savedocs",
			data={"doc": json.dumps(doc), "action": "Save"},
		)  # fmt: skip
		if saved is not None:
			with self.results.lock:
				self.results.saves[issue] = note
		self.think()


class PortalCustomer(TwinPerson):
	def __init__(self, *args, issue: str, run_id: str, **kwargs):
		super().__init__(*args, **kwargs)
		self.issue, self.run_id = issue, run_id

	def step(self) -> None:
		self.one("GET /me", "GET", "/me")
		self.think()
		self.issue_list("GET /issues + list data (partner)")
		self.think()
		if self.one("GET /issues/<issue>", "GET", f"/issues/{self.issue}") is None:
			return
		self.think()
		text = f"Antwort TWINREPLY-{self.run_id}-{self.label}-{self.n}"
		response = self.one(
			"POST add_comment", "POST", "/api/method/frappe.templates.includes.comments.comments.add_comment",
			data={
				"comment": text, "comment_email": self.user, "comment_by": self.label,
				"reference_doctype": "Issue", "reference_name": self.issue, "route": f"issues/{self.issue}",
			},
		)  # fmt: skip
		if response is not None:
			with self.results.lock:
				self.results.comments.append([self.issue, text])
		self.think()


class WebFormTenant(TwinPerson):
	def __init__(self, *args, priority: str, run_id: str, **kwargs):
		super().__init__(*args, **kwargs)
		self.priority, self.run_id = priority, run_id

	def step(self) -> None:
		if self.one("GET /issues/new", "GET", "/issues/new") is None:
			self.think()
			return
		self.think()
		token = f"TWINTOKEN-{self.run_id}-{self.label}-{self.n}"
		self.submit(token)
		self.think()
		self.issue_list("GET /issues + list data (tenant)")
		self.think()

	def submit(self, token: str) -> None:
		"""As the browser: the Attach field uploads the file, accept stores the Issue with the file's URL.
		(web_form.js then calls upload_file again to link the file to the new Issue; for a website user
		Frappe refuses that, PermissionError shown as 404, and the browser ignores it, so it is left out.)"""
		step = "POST upload_file + accept"
		started = time.perf_counter()
		uploaded = self.call(
			"POST upload_file", "POST", "/api/method/upload_file",
			data={"is_private": 0, "folder": "Home"},
			files={"file": (f"foto-{self.n}.png", load.PNG_1PX, "image/png")},
		)  # fmt: skip
		if uploaded is None:
			return self.results.step(step, started, False)
		data = {
			"doctype": "Issue", "web_form_name": "issues", "subject": f"Wasserfleck an der Decke {token}",
			"description": "bitte ansehen", "priority": self.priority, "via_customer_portal": 1,
			"attachment": uploaded.json()["message"]["file_url"],
		}  # fmt: skip
		accepted = self.call(
			"POST web_form.accept", "POST", "/api/method/frappe.website.doctype.web_form.web_form.accept",
			data={"web_form": "issues", "data": json.dumps(data)},
		)  # fmt: skip
		if accepted is None:
			return self.results.step(step, started, False)
		self.results.step(step, started, True)
		with self.results.lock:
			self.results.submissions.append([accepted.json()["message"]["name"], token, data["attachment"]])


# ---- the twin's run --------------------------------------------------------------------------------------


def twin_people(options: load.Options, world: dict, results: TwinResults, stop: threading.Event) -> list:
	common = {"password": world["password"], "results": results, "stop": stop}
	at = (options.base_url, options.site)
	priorities = world["priorities"]
	crowd: list[TwinPerson] = [
		DeskClerk(*at, c["user"], issues=c["issues"], priorities=priorities, **common)
		for c in world["clerks"]
	]
	crowd += [
		PortalCustomer(*at, p["user"], issue=p["issue"], run_id=world["run"], **common)
		for p in world["partners"]
	]
	middle = priorities[len(priorities) // 2]
	crowd += [
		WebFormTenant(*at, t["user"], priority=middle, run_id=world["run"], **common)
		for t in world["tenants"]
	]
	return crowd


def run_twin(options: load.Options, site: load.Site) -> tuple[TwinResults, float, list[str]]:
	clerks, partners, tenants = load.mix(options.users)
	started = time.perf_counter()
	world = site.call("world", clerks=clerks, partners=partners, tenants=tenants)
	world["run"] = secrets.token_hex(3)
	print(
		f"\ntwin {world['run']}: {clerks} desk clerks, {partners} portal customers, {tenants} web form tenants;"
		f" ready in {time.perf_counter() - started:.0f} s",
		flush=True,
	)
	results = TwinResults()
	stop = threading.Event()
	crowd = twin_people(options, world, results, stop)
	results.load_before = os.getloadavg()
	begun = time.time()
	for person in crowd:
		person.start()
		time.sleep(min(0.1, 5 / len(crowd)))
	stop.wait(max(0.0, options.seconds - (time.time() - begun)))
	stop.set()
	for person in crowd:
		person.join(timeout=load.TIMEOUT + 5)
	wall = time.time() - begun
	load.report(results, wall)
	found = site.call(
		"check",
		run=world["run"],
		comments=results.comments,
		submissions=results.submissions,
		saves=results.saves,
	)
	print(
		f"\ntwin checks: {found['comments']} comments, {found['submissions']} web form submissions with"
		f" attachment, {found['saves']} issues saved; lost or duplicated: {len(found['problems'])}"
	)
	for problem in found["problems"][:40]:
		print("  problem:", problem)
	return results, wall, found["problems"]


# ---- side by side --------------------------------------------------------------------------------------


def _p95(values: list[float]) -> float | None:
	return load.percentile(values, 0.95) if values else None


def _ms(value: float | None) -> str:
	return "-" if value is None else f"{value * 1000:.0f}"


def side_by_side(ours: load.Results, ours_wall: float, twin: TwinResults, twin_wall: float) -> None:
	print(f"\n== side by side: ours vs the platform, {ours_wall:.0f} s and {twin_wall:.0f} s ==")
	head = f"{'role':<8} {'our route':<27} {'platform step':<33} {'ours/s':>6} {'plat/s':>6} {'ours p95':>8} {'plat p95':>8} {'ratio':>5} {'err':>7}"
	print(head)
	print("-" * len(head))
	for role, our_route, step in PAIRS:
		a, b = ours.timings.get(our_route, []), twin.steps.get(step, [])
		pa, pb = _p95(a), _p95(b)
		ratio = f"{pa / pb:.2f}" if pa and pb else "-"
		errors = f"{ours.errors.get(our_route, 0)}/{twin.step_errors.get(step, 0)}"
		print(
			f"{role:<8} {our_route:<27} {step:<33} {len(a) / ours_wall:>6.2f} {len(b) / twin_wall:>6.2f} "
			f"{_ms(pa):>8} {_ms(pb):>8} {ratio:>5} {errors:>7}"
		)
	ours_n = sum(len(v) for v in ours.timings.values())
	twin_n = sum(len(v) for v in twin.timings.values())
	steps_n = sum(len(v) for v in twin.steps.values())
	ours_all = [t for v in ours.timings.values() for t in v]
	twin_all = [t for v in twin.timings.values() for t in v]
	print("-" * len(head))
	print(
		f"requests: ours {ours_n} ({ours_n / ours_wall:.1f}/s, p95 {_ms(_p95(ours_all))} ms, median "
		f"{statistics.median(ours_all) * 1000:.0f} ms, {sum(ours.errors.values())} errors); platform {twin_n} "
		f"({twin_n / twin_wall:.1f}/s, p95 {_ms(_p95(twin_all))} ms, median {statistics.median(twin_all) * 1000:.0f} ms,"
		f" {sum(twin.errors.values())} errors) in {steps_n} steps ({steps_n / twin_wall:.1f}/s)"
	)
	print(
		"ratio = our p95 / the platform's p95 for the same job (above 1: we cost more); err = ours/platform"
	)


# ---- the combined run ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
	parser = argparse.ArgumentParser(add_help=False)
	parser.add_argument("--twin-only", action="store_true", help="skip our load (to try the twin)")
	own, rest = parser.parse_known_args(argv)
	options = load.parse(rest)
	sites_path = os.path.abspath("sites")  # load.run moves into it
	captured: dict = {}
	problems: list[str] = []
	if not own.twin_only:

		def before(_world: dict) -> None:
			captured["begun"] = time.time()

		def after(results: load.Results) -> None:
			captured["results"], captured["wall"] = results, time.time() - captured["begun"]

		problems += [f"ours: {p}" for p in load.run(options, after=after, before=before)]
	os.chdir(sites_path)
	twin, twin_wall, twin_problems = run_twin(
		options, load.Site(options.site, sites_path, platform_twin_world)
	)
	problems += [f"platform: {p}" for p in twin_problems]
	if sum(twin.errors.values()):
		problems.append(f"platform: {sum(twin.errors.values())} requests failed")
	if "results" in captured:
		side_by_side(captured["results"], captured["wall"], twin, twin_wall)
	print(f"\nproblems: {len(problems)}")
	for problem in problems[:20]:
		print("  ", problem)
	return 1 if problems else 0


if __name__ == "__main__":
	sys.exit(main())
