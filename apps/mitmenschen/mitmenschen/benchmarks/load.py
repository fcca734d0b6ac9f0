"""Load benchmark: simulated clerks, partners and tenants over HTTP against a running stack, then a count
of what got lost or sent twice. A benchmark script that prints figures, not a test.

	cd <bench> && env/bin/python -m mitmenschen.benchmarks.load --site l16.localhost \\
		--base-url http://127.0.0.1:8080 [--users 50] [--seconds 60] [--smtp-port 2566]

Runs from the bench root with the bench's Python. It starts an SMTP sink (aiosmtpd, loopback, a port
of its own) and points the site's outgoing Email Account at it, builds the users in the site
(`load_world.build`: a run id in every name), and seeds escalation steps that fall due from a minute
before the start to the end. Then `--users` threads (two fifths clerks, the rest partners and tenants)
log in and loop with a second or so of thinking between requests:

- clerks open their case list (list and count, as the desk does), a case form, and save it (priority
  and phone number changed, so the case's service levels are recomputed);
- partners open their home, referrals and a referred case and reply on it;
- tenants open the report form, submit a report with a photo and open their reports.

The driver is the scheduler for the two jobs the run depends on: every minute it enqueues the sweep's
and Frappe's mail flush's Scheduled Job Types through RQ (`load_world.tick`: the same job ids as the
scheduler, so they never queue twice; the stack's own scheduler may enqueue them as well). After the
load it keeps ticking until every due step is sent and the mail queue is empty (at most
`--drain-seconds`), and prints requests per second, p50/p95/p99 per route and the errors, then the
checks: every reply and report that got a 200 is in the database once (reports with their photo and
one acknowledgement), every clerk's last save holds, every due escalation step was sent and logged
once, every mail the site queued since the start reached the sink exactly once (Message-ID), and no
case's escalation reached its clerk twice. Exits 1 when a check fails or a request failed.
"""

import argparse
import json
import os
import random
import re
import secrets
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import requests

from mitmenschen.benchmarks import load_world
from mitmenschen.tests.mail import SMTPSink

THINK = (0.5, 1.5)  # seconds between a simulated person's requests
TIMEOUT = 120  # gunicorn's own timeout: a slow answer is slow, not an error
CSRF = re.compile(r'frappe\.csrf_token = "([^"]+)"')
PNG_1PX = bytes.fromhex(
	"89504e470d0a1a0a0000000d4948445200000001000000010806000000"
	"1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4ea0000000049454e44ae426082"
)


# ---- results ----------------------------------------------------------------------------------------


@dataclass
class Results:
	"""What every simulated person saw, shared by their threads."""

	timings: dict = field(default_factory=lambda: defaultdict(list))
	errors: Counter = field(default_factory=Counter)
	error_samples: list = field(default_factory=list)
	error_times: list = field(default_factory=list)
	replies: list = field(default_factory=list)  # [case, text] answered 200
	reports: list = field(default_factory=list)  # [case name, token] answered 200
	saves: dict = field(default_factory=dict)  # case -> phone number of its last save answered 200
	lock: threading.Lock = field(default_factory=threading.Lock)
	load_before: tuple = ()

	def record(self, route: str, started: float, response: requests.Response | None, error: str = "") -> bool:
		elapsed = time.perf_counter() - started
		ok = response is not None and response.status_code < 400 and not error
		with self.lock:
			self.timings[route].append(elapsed)
			if not ok:
				self.errors[route] += 1
				self.error_times.append(time.time())
				detail = error or f"{response.status_code} {_message(response)}"
				if len(self.error_samples) < 40:
					self.error_samples.append(f"{time.strftime('%H:%M:%S')} {route}: {detail}"[:300])
		return ok


def _message(response: requests.Response) -> str:
	try:
		body = response.json()
	except ValueError:
		return response.text[:120].replace("\n", " ")
	return str(body.get("exc_type") or body.get("exception") or body.get("message") or "")[:160]


# ---- the simulated people -----------------------------------------------------------------------------


class Person(threading.Thread):
	def __init__(
		self, base_url: str, site: str, user: str, password: str, results: Results, stop: threading.Event
	):
		super().__init__(daemon=True)
		self.base_url, self.user, self.password = base_url, user, password
		self.results, self.stop_event = results, stop
		self.label = user.split("@")[0]
		self.session = requests.Session()
		self.session.headers["Host"] = site  # the stack serves several sites on one address
		self.csrf = ""
		self.n = 0

	def call(self, route: str, method: str, path: str, **kwargs) -> requests.Response | None:
		started = time.perf_counter()
		headers = {"X-Frappe-CSRF-Token": self.csrf} if method == "POST" and self.csrf else {}
		try:
			response = self.session.request(
				method, self.base_url + path, headers=headers, timeout=TIMEOUT, **kwargs
			)
		except requests.RequestException as e:
			self.results.record(route, started, None, type(e).__name__)
			return None
		if not self.results.record(route, started, response):
			return None
		if "text/html" in response.headers.get("Content-Type", ""):
			if token := CSRF.search(response.text):
				self.csrf = token.group(1)
		return response

	def login(self) -> bool:
		response = self.call(
			"POST login", "POST", "/api/method/login", data={"usr": self.user, "pwd": self.password}
		)
		return response is not None

	def think(self) -> None:
		self.stop_event.wait(random.uniform(*THINK))

	def run(self) -> None:
		while not self.stop_event.is_set() and not self.login():
			self.think()  # the stack may be down for a while: a person tries again
		while not self.stop_event.is_set():
			self.n += 1
			self.step()

	def step(self) -> None:
		raise NotImplementedError


class Clerk(Person):
	def __init__(self, *args, cases: list[str], **kwargs):
		super().__init__(*args, **kwargs)
		self.cases = cases

	def run(self) -> None:
		while not self.stop_event.is_set() and not (self.login() and self.desk()):
			self.think()
		while not self.stop_event.is_set():
			self.n += 1
			self.step()

	def desk(self) -> bool:
		return self.call("GET /app/mediation-case", "GET", "/app/mediation-case") is not None

	def step(self) -> None:
		mine = json.dumps([["Mediation Case", "assigned_to", "=", self.user]])
		fields = json.dumps(
			["`tabMediation Case`.`name`", "`tabMediation Case`.`subject`", "`tabMediation Case`.`status`"]
		)
		list_args = {"doctype": "Mediation Case", "fields": fields, "filters": mine, "page_length": 20}
		self.call("GET case list", "GET", "/api/method/frappe.desk.reportview.get", params=list_args)
		self.call(
			"GET case count",
			"GET",
			"/api/method/frappe.desk.reportview.get_count",
			params={"doctype": "Mediation Case", "filters": mine},
		)
		self.think()
		case = self.cases[self.n % len(self.cases)]
		form = self.call(
			"GET case form",
			"GET",
			"/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": "Mediation Case", "name": case},
		)
		self.think()
		if form is None:
			return
		doc = form.json()["docs"][0]
		doc["priority"] = "High" if doc.get("priority") != "High" else "Medium"
		phone = f"0471 {self.n:04d}{random.randint(0, 99):02d}"
		doc["reporter_phone"] = phone
		saved = self.call(
			"POST case save",
			"POST",
			"/api/method/frappe.desk.form.save.savedocs",
			data={"doc": json.dumps(doc), "action": "Save"},
		)
		if saved is not None:
			with self.results.lock:
				self.results.saves[case] = phone
		self.think()


class Partner(Person):
	def __init__(self, *args, case: str, run_id: str, **kwargs):
		super().__init__(*args, **kwargs)
		self.case, self.run_id = case, run_id

	def step(self) -> None:
		self.call("GET /partner", "GET", "/partner")
		self.think()
		self.call("GET /partner/referrals", "GET", "/partner/referrals")
		self.think()
		if self.call("GET /partner/cases/<case>", "GET", f"/partner/cases/{self.case}") is None:
			return
		self.think()
		text = f"Antwort LOADREPLY-{self.run_id}-{self.label}-{self.n}"
		response = self.call(
			"POST reply_on_case",
			"POST",
			"/api/method/mitmenschen.portal.partner_api.reply_on_case",
			data={"case": self.case, "text": text},
		)
		if response is not None:
			with self.results.lock:
				self.results.replies.append([self.case, text])
		self.think()


class Tenant(Person):
	def __init__(self, *args, category: str, run_id: str, **kwargs):
		super().__init__(*args, **kwargs)
		self.category, self.run_id = category, run_id

	def step(self) -> None:
		if self.call("GET /report-problem", "GET", "/report-problem") is None:
			self.think()
			return
		self.think()
		token = f"LOADTOKEN-{self.run_id}-{self.label}-{self.n}"
		response = self.call(
			"POST submit_report",
			"POST",
			"/api/method/mitmenschen.portal.tenant_api.submit_report",
			data={
				"category": self.category,
				"description": f"Wasserfleck an der Decke {token} bitte ansehen",
				"language": "de",
			},
			files={"photos": (f"foto-{self.n}.png", PNG_1PX, "image/png")},
		)
		if response is not None:
			with self.results.lock:
				self.results.reports.append([response.json()["message"]["name"], token])
		self.think()
		self.call("GET /my-reports", "GET", "/my-reports")
		self.think()


# ---- the site, from the driver's process ---------------------------------------------------------------


class Site:
	"""Calls into the site (load_world) from the driver's main thread, connecting anew each time: the
	database may have been away in between."""

	def __init__(self, site: str, sites_path: str, module=load_world) -> None:
		self.site, self.sites_path = site, sites_path
		self.module = module  # the platform twin calls its own world module

	def call(self, function: str, **kwargs):
		import frappe

		frappe.init(site=self.site, sites_path=self.sites_path)
		try:
			frappe.connect()

			result = getattr(self.module, function)(**kwargs)
			frappe.db.commit()
			return result
		finally:
			frappe.destroy()


# ---- the run ----------------------------------------------------------------------------------------------


@dataclass
class Options:
	site: str
	base_url: str
	users: int = 50
	seconds: int = 60
	smtp_port: int = 2566
	escalations: int = 120
	drain_seconds: int = 300
	tick_seconds: int = 60


def mix(users: int) -> tuple[int, int, int]:
	"""Two fifths clerks, the rest split between partners and tenants."""
	clerks = max(1, round(users * 0.4))
	partners = max(1, (users - clerks) // 2)
	return clerks, partners, max(1, users - clerks - partners)


def prepare(options: Options, run_id: str, site: Site) -> dict:
	clerks, partners, tenants = mix(options.users)
	started = time.perf_counter()
	world = site.call(
		"world",
		clerks=clerks,
		partners=partners,
		tenants=tenants,
		cases_per_clerk=3,
		smtp_port=options.smtp_port,
	)
	world["run"] = run_id
	due = site.call("spread", seconds=options.seconds, count=options.escalations)
	world["escalations"] = site.call(
		"seed_escalations",
		run=run_id,
		clerks=[c["user"] for c in world["clerks"]],
		due=due,
		category=world["category"],
	)
	print(
		f"run {run_id}: {clerks} clerks, {partners} partners, {tenants} tenants, "
		f"{len(world['escalations'])} escalation steps due over the run; ready in {time.perf_counter() - started:.0f} s",
		flush=True,
	)
	return world


def people(options: Options, world: dict, results: Results, stop: threading.Event) -> list[Person]:
	common = {"password": world["password"], "results": results, "stop": stop}
	at = (options.base_url, options.site)
	crowd: list[Person] = [Clerk(*at, c["user"], cases=c["cases"], **common) for c in world["clerks"]]
	crowd += [
		Partner(*at, p["user"], case=p["case"], run_id=world["run"], **common) for p in world["partners"]
	]
	crowd += [
		Tenant(*at, t["user"], category=world["category"], run_id=world["run"], **common)
		for t in world["tenants"]
	]
	return crowd


class Ticker:
	"""The minute's scheduler: enqueues the sweep and the mail flush, logging when it cannot."""

	def __init__(self, site: Site, every: int) -> None:
		self.site, self.every = site, every
		self.next_at = 0.0
		self.log: list[str] = []

	def __call__(self, force: bool = False) -> None:
		if not force and time.time() < self.next_at:
			return
		self.next_at = time.time() + self.every
		try:
			queued = self.site.call("tick")
			self.log.append(f"{time.strftime('%H:%M:%S')} tick: {queued}")
		except Exception as e:
			self.log.append(f"{time.strftime('%H:%M:%S')} tick failed: {type(e).__name__}: {str(e)[:100]}")


def drive(options: Options, world: dict, site: Site, during=None) -> tuple[Results, float]:
	"""The load itself: everyone starts within the first few seconds and stops at the end."""
	results = Results()
	stop = threading.Event()
	crowd = people(options, world, results, stop)
	ticker = Ticker(site, options.tick_seconds)
	results.load_before = os.getloadavg()
	begun = time.time()
	for person in crowd:
		person.start()
		time.sleep(min(0.1, 5 / len(crowd)))
	while time.time() - begun < options.seconds:
		ticker()
		if during:
			during(time.time() - begun)
		time.sleep(0.2)
	stop.set()
	for person in crowd:
		person.join(timeout=TIMEOUT + 5)
	wall = time.time() - begun
	world["ticks"] = ticker.log
	world["ticker"] = ticker
	return results, wall


def drain(options: Options, world: dict, site: Site, sink, since: str) -> dict:
	"""Keep ticking until every due step is sent, the mail queue is empty and the sink has it all."""
	ticker: Ticker = world["ticker"]
	ticker.every = 15
	deadline = time.time() + options.drain_seconds
	state: dict = {}
	while time.time() < deadline:
		ticker()
		try:
			state = site.call("progress", run=world["run"], since=since)
		except Exception as e:
			state = {"error": f"{type(e).__name__}: {str(e)[:100]}"}
			time.sleep(5)
			continue
		waiting = state["pending_due"] + sum(n for status, n in state["mail"].items() if status != "Sent")
		if not waiting and len(sink.messages) >= state["mail"].get("Sent", 0):
			break
		time.sleep(3)
	state["drain_s"] = round(options.drain_seconds - (deadline - time.time()), 1)
	return state


def percentile(values: list[float], share: float) -> float:
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(results: Results, wall: float) -> int:
	total = sum(len(v) for v in results.timings.values())
	errors = sum(results.errors.values())
	load = os.getloadavg()
	print(f"\n{total} requests in {wall:.1f} s: {total / wall:.1f} requests/s, {errors} errors")
	before = " ".join(f"{x:.2f}" for x in results.load_before)
	print(
		f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end, {before} at the start ({os.cpu_count()} cores)"
	)
	print(f"{'route':<32} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
	for route in sorted(results.timings):
		values = results.timings[route]
		print(
			f"{route:<32} {len(values):>6} {statistics.median(values) * 1000:>8.0f} "
			f"{percentile(values, 0.95) * 1000:>8.0f} {percentile(values, 0.99) * 1000:>8.0f} "
			f"{results.errors.get(route, 0):>7}"
		)
	for sample in results.error_samples:
		print("  error:", sample)
	return errors


def check(world: dict, results: Results, site: Site, sink, since: str) -> list[str]:
	"""The database's count and the sink's."""
	found = site.call(
		"check",
		run=world["run"],
		since=since,
		replies=results.replies,
		reports=results.reports,
		saves=results.saves,
	)
	problems = list(found["problems"])
	delivered = Counter(_bare(m["Message-ID"]) for m in sink.messages)
	queued = {_bare(m["message_id"]) for m in found["mail"]}
	for message_id, n in delivered.items():
		if n > 1:
			problems.append(f"mail {message_id} delivered {n} times")
	sent = [m for m in found["mail"] if m["recipient_status"] == "Sent"]
	for row in found["mail"]:
		if row["status"] != "Sent" or row["recipient_status"] != "Sent":
			problems.append(
				f"mail {row['name']} to {row['recipient']}: {row['status']}/{row['recipient_status']}"
			)
		elif not delivered.get(_bare(row["message_id"])):
			problems.append(f"mail {row['name']} to {row['recipient']} marked sent, not in the sink")
	strays = [mid for mid in delivered if mid not in queued]
	# a case's escalation reaching its clerk in two different mails is a duplicate notice
	notices = Counter()
	for m in sink.messages:
		for ref in (m.get("X-Mitmenschen-References") or "").split(","):
			if ref.strip():
				notices[(ref.strip(), m["X-Envelope-To"].lower())] += 1
	for (ref, to), n in notices.items():
		if n > 1:
			problems.append(f"escalation of {ref} reached {to} {n} times")
	acks = Counter()
	for m in sink.messages:
		for name in found["report_recipients"]:
			if f"[{name}]" in str(m["Subject"]):
				acks[name] += 1
	for name in found["report_recipients"]:
		if acks[name] != 1:
			problems.append(f"acknowledgement of {name} delivered {acks[name]} times")
	esc = found["escalation"]
	print(
		f"\nchecks: {found['replies']} replies, {found['reports']} reports with photo, {found['saves']} cases saved; "
		f"escalation steps {esc['due']} due, {esc['sent']} sent, {esc['logged_twice']} logged twice, "
		f"latest {esc['max_lag_s']} s after due; mail queued {len(found['mail'])}, sent {len(sent)}, "
		f"in the sink {len(sink.messages)} ({len(delivered)} distinct, {len(strays)} not from this run), "
		f"escalation mails {len(found['escalation_mail'])}, distinct notices in the sink {len(notices)}"
	)
	print(f"lost or duplicated: {len(problems)}")
	for problem in problems[:40]:
		print("  problem:", problem)
	return problems


def _bare(message_id: str | None) -> str:
	return (message_id or "").strip().strip("<>")


def run(options: Options, during=None, after=None, before=None) -> list[str]:
	"""The whole benchmark; what was lost or duplicated (empty when all is well). The fault drill's
	hooks: `before(world)` once the world is built, `during(elapsed)` about five times a second while
	the load runs, `after(results)` before the drain."""
	sites_path = os.path.abspath("sites")
	os.chdir(sites_path)  # as bench runs Frappe: its logs are found relative to the sites folder
	site = Site(options.site, sites_path)
	sink = SMTPSink(options.smtp_port)
	sink.start()
	try:
		run_id = secrets.token_hex(3)
		since = site.call("now")
		world = prepare(options, run_id, site)
		if before:
			before(world)
		results, wall = drive(options, world, site, during)
		errors = report(results, wall)
		if after:
			after(results)
		state = drain(options, world, site, sink, since)
		print(f"\ndrained in {state.pop('drain_s', None)} s: {json.dumps(state)}")
		print("scheduler ticks:", "; ".join(world["ticks"][-12:]))
		problems = check(world, results, site, sink, since)
		if errors and not during:
			problems.append(f"{errors} requests failed")
		return problems
	finally:
		sink.stop()


def parse(argv: list[str] | None = None) -> Options:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--base-url", required=True)
	parser.add_argument("--users", type=int, default=50)
	parser.add_argument("--seconds", type=int, default=60)
	parser.add_argument("--smtp-port", type=int, default=2566)
	parser.add_argument("--escalations", type=int, default=120)
	parser.add_argument("--drain-seconds", type=int, default=300)
	return Options(**{k.replace("-", "_"): v for k, v in vars(parser.parse_args(argv)).items()})


if __name__ == "__main__":
	sys.exit(1 if run(parse()) else 0)
