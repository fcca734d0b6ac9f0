"""No existence oracles: every generated route answers "exists, but not yours" as "does not exist".

The routes come from the installed code (`mitmenschen.tests.route_audit.generate`: Frappe's registry
of whitelisted functions, the REST rules and the controllers' methods), so a route a Frappe upgrade
adds is audited without editing this file. Each route is called over HTTP as a partner (A) and as a
tenant, once for a record that exists but belongs to someone else and once for a name of the same
pattern that does not exist (through a gunicorn of its own on the site under test, both cores at work:
see `audit_server`); the two answers, normalised (status, exc_type, messages and payload with
the name replaced by a placeholder), must be the same. Timing differences are out of scope.

Positive controls keep the audit honest: the partner's own case must answer differently from a
ghost on the reading routes (the audit can see a difference), and a permission opened on purpose
(B's case shared with A) must be reported as a leak.
"""

import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
import requests
from conftest import ARTIFACTS
from portal_world import BENCH, SITE, api_session, bench_execute

WORKERS = 4  # records audited at once (threads of this process)
AUDIT_WORKERS = 2  # gunicorn's worker processes: one per core
PLACEHOLDER = "<NAME>"
# routes through which a partner reads its own case: each must tell its own case from a ghost
READING_ROUTES = (
	"GET /api/resource/{doctype}/{name}",
	"GET /api/v2/document/{doctype}/{name}",
	"frappe.client.get",
	"frappe.client.get_value",
	"frappe.client.get_list",
	"frappe.desk.reportview.get",
)


def executed(method: str) -> dict:
	"""bench_execute, tried again when the shared database was away for a moment."""
	for _attempt in range(3):
		try:
			return bench_execute(method)
		except AssertionError:
			time.sleep(20)
	return bench_execute(method)


@pytest.fixture(scope="module")
def audit_server(base_url: str):
	"""(URL, headers) the audit's calls go to: gunicorn with AUDIT_WORKERS workers on the site under test,
	as in production. The development server (bench serve) answers one request at a time under Python's
	GIL, which made the ~14,000 calls of this module take five minutes on two cores; the answers are the
	same (one site, one database), the audit only compares them."""
	port = int(os.environ.get("MM_AUDIT_PORT", "2780"))
	with socket.socket() as probe:
		assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} is taken; set MM_AUDIT_PORT"
	ARTIFACTS.mkdir(exist_ok=True)
	log = (ARTIFACTS / "route_audit_gunicorn.log").open("w")
	server = subprocess.Popen(
		[
			str(BENCH / "env" / "bin" / "gunicorn"),
			*("-b", f"127.0.0.1:{port}", "-w", str(AUDIT_WORKERS), "-t", "120"),
			"frappe.app:application",
		],
		cwd=BENCH / "sites",
		stdout=log,
		stderr=log,
		start_new_session=True,
	)
	url, headers = f"http://127.0.0.1:{port}", {"Host": SITE}
	try:
		for _ in range(300):
			assert server.poll() is None, (ARTIFACTS / "route_audit_gunicorn.log").read_text()[-2000:]
			try:  # a worker's first request loads Frappe: seconds
				if requests.get(f"{url}/api/method/ping", headers=headers, timeout=60).ok:
					break
			except requests.ConnectionError:
				pass
			time.sleep(0.2)
		yield url, headers
	finally:
		os.killpg(server.pid, signal.SIGTERM)
		server.wait(timeout=60)
		log.close()


@pytest.fixture(scope="module")
def world() -> dict:
	return executed("mitmenschen.tests.route_audit.build_world")


@pytest.fixture(scope="module")
def generated() -> dict:
	return executed("mitmenschen.tests.route_audit.generate")


def shaped(shape: str, doctype: str, name: str) -> str:
	if shape == "names":
		return json.dumps([name])
	if shape == "filters":
		return json.dumps({"name": name})
	if shape == "doc":
		return json.dumps({"doctype": doctype, "name": name})
	return name


def request_for(route: dict, doctype: str, name: str) -> tuple[str, str, dict]:
	"""(HTTP method, path, parameters) of one route called for one record."""
	if route["kind"] == "rest":
		return route["http"], route["url"].format(doctype=quote(doctype), name=quote(name, safe="")), {}
	params = dict(route["fill"])
	if route["doctype_param"]:
		params[route["doctype_param"]] = doctype
	if route["kind"] == "controller":
		params["dt"] = doctype
	params[route["name_param"]] = shaped(route["shape"], doctype, name)
	return route["http"], route["url"], params


def applies(route: dict, doctype: str) -> bool:
	return route["doctypes"] is None or doctype in route["doctypes"]


# the shared database may be restarted by a fault drill while the audit runs: such answers are retried
DATABASE_AWAY = ("Can't connect to MySQL server", "Lost connection to MySQL server", "InterfaceError: (0, ")


def database_away(response: requests.Response) -> bool:
	return response.status_code >= 500 and any(sign in response.text for sign in DATABASE_AWAY)


def call(session: requests.Session, base_url: str, method: str, path: str, params: dict):
	url = f"{base_url}{path}"
	for _attempt in range(36):
		if method == "GET":
			response = session.get(url, params=params, timeout=60)
		elif method in ("PUT", "PATCH") and not params:
			response = session.request(method, url, json={}, timeout=60)
		else:
			response = session.request(method, url, data=params, timeout=60)
		if not database_away(response):
			return response
		time.sleep(5)
	return response


def login(base_url: str, user: str, password: str, headers: dict | None = None) -> requests.Session:
	for _attempt in range(36):
		try:
			return api_session(base_url, user, password, headers)
		except requests.HTTPError as error:
			if not database_away(error.response):
				raise
			time.sleep(5)
	return api_session(base_url, user, password, headers)


def normalised(response: requests.Response, names: tuple[str, ...]) -> tuple:
	"""What a caller learns from an answer, with the record's name replaced by a placeholder."""
	text = response.text
	for name in names:
		for form in {name, quote(name), quote(name, safe=""), json.dumps(name)[1:-1]}:
			text = text.replace(form, PLACEHOLDER)
	text = re.sub(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?", "<TIME>", text)
	try:
		body = json.loads(text)
	except ValueError:
		return (response.status_code, text)
	if isinstance(body, dict) and "_server_messages" in body:
		messages = []
		for raw in json.loads(body["_server_messages"]):
			message = json.loads(raw) if raw.startswith("{") else {"message": raw}
			message.pop("__frappe_exc_id", None)
			messages.append(message)
		body["_server_messages"] = messages
	return (response.status_code, json.dumps(body, sort_keys=True))


class Audit:
	"""Calls routes for (record, ghost) pairs as one user; collects differences. Records are audited
	in parallel, each record's routes one after the other (two writes to one record at once would
	wait for each other's lock and answer differently for that reason alone)."""

	def __init__(self, server: tuple[str, dict], user: str, password: str):
		(self.base_url, self.headers), self.user, self.password = server, user, password
		self.local = threading.local()
		self.attempts = 0

	def session(self) -> requests.Session:
		if not hasattr(self.local, "session"):
			self.local.session = login(self.base_url, self.user, self.password, self.headers)
		return self.local.session

	def compare(self, route: dict, target: dict) -> dict | None:
		doctype, answers = target["doctype"], []
		for name in (target["name"], target["ghost"]):
			method, path, params = request_for(route, doctype, name)
			response = call(self.session(), self.base_url, method, path, params)
			answers.append((normalised(response, (target["name"], target["ghost"])), response))
		(mine, real), (ghost, fake) = answers
		if mine == ghost:
			return None
		return {
			"route": route["route"],
			"param": route["name_param"],
			"doctype": doctype,
			"name": target["name"],
			"exists": f"{real.status_code} {real.text[:160]}",
			"ghost": f"{fake.status_code} {fake.text[:160]}",
		}

	def audit_target(self, target: dict, routes: list[dict]) -> list[dict]:
		found = []
		for route in routes:
			# a difference is looked at twice: a database restarted by a drill is not a leak
			if self.compare(route, target) and (difference := self.compare(route, target)):
				found.append(difference)
		return found

	def run(self, routes: list[dict], targets: list[dict]) -> list[dict]:
		jobs = [
			(target, [route for route in routes if applies(route, target["doctype"])]) for target in targets
		]
		self.attempts += sum(2 * len(job_routes) for _target, job_routes in jobs)
		with ThreadPoolExecutor(WORKERS) as pool:
			found = pool.map(lambda job: self.audit_target(*job), jobs)
		return [difference for differences in found for difference in differences]


def report(differences: list[dict]) -> str:
	return "\n".join(
		f"{d['route']} [{d['param']}] on {d['doctype']}: exists -> {d['exists']!r} | ghost -> {d['ghost']!r}"
		for d in differences
	)


def snapshot(admin: requests.Session, base_url: str, targets: list[dict]) -> dict:
	"""modified of every audited record and the number of comments and files on it, as Administrator."""
	state = {}
	for target in targets:
		doctype, name = target["doctype"], target["name"]
		doc = call(admin, base_url, "GET", f"/api/resource/{quote(doctype)}/{quote(name, safe='')}", {})
		state[(doctype, name)] = doc.json()["data"]["modified"]
		for child, field in (("Comment", "reference_name"), ("File", "attached_to_name")):
			count = call(
				admin,
				base_url,
				"POST",
				"/api/method/frappe.client.get_count",
				{"doctype": child, "filters": json.dumps({field: name})},
			)
			state[(child, name)] = count.json()["message"]
		ghost = call(
			admin, base_url, "GET", f"/api/resource/{quote(doctype)}/{quote(target['ghost'], safe='')}", {}
		)
		assert ghost.status_code == 404, f"the ghost {target['ghost']} exists"
	return state


def test_the_generated_list_covers_frappes_and_our_routes(generated, figure):
	routes = generated["routes"]
	figure(
		f"route audit: {generated['modules']} modules imported, {generated['whitelisted']} whitelisted "
		f"functions, {generated['distinct_routes']} routes with a doctype and a name or filters "
		f"({len(routes)} with the parameter probed)",
	)
	assert not generated["import_failures"], generated["import_failures"]
	names = {route["route"] for route in routes}
	# a few that any correct generation finds, from each source of routes
	for expected in (
		"frappe.client.get",
		"frappe.client.get_value",
		"frappe.desk.form.load.getdoc",
		"frappe.desk.search.search_link",
		"frappe.client.validate_link",
		"GET /api/resource/{doctype}/{name}",
		"run_doc_method Mediation Case.add_comment",
		"mitmenschen.portal.partner_api.accept_referral",
		"erpnext.selling.doctype.customer.customer.make_quotation",
	):
		assert expected in names, expected
	assert generated["distinct_routes"] >= 250


@pytest.mark.parametrize("who", ["partner", "tenant"])
def test_no_route_tells_exists_not_yours_from_does_not_exist(
	base_url, admin_session, audit_server, world, generated, who, figure
):
	routes = generated["routes"]
	user = world["A"] if who == "partner" else world["tenant"]
	targets = world["pairs"]["A" if who == "partner" else "tenant"]
	before = snapshot(admin_session, base_url, targets)
	audit = Audit(audit_server, user["user"], user["password"])
	leaks = audit.run(routes, targets)

	controls = []
	if who == "partner":  # positive control: the partner's own case is not a ghost
		own = Audit(audit_server, user["user"], user["password"])
		controls = own.run(routes, world["pairs"]["own"])
	seen = {d["route"] for d in controls}
	blind = [route for route in READING_ROUTES if who == "partner" and route not in seen]
	after = snapshot(admin_session, base_url, targets)
	figure(
		f"route audit as {who}: {len({r['route'] for r in routes})} routes, {audit.attempts} attempts on "
		f"{len(targets)} records and their ghosts, {len(leaks)} leaks"
		+ (
			f"; positive control: own case told from a ghost by {len(controls)} routes ({own.attempts} attempts)"
			if controls
			else ""
		),
	)
	assert not leaks, report(leaks)
	assert not blind, f"the audit cannot tell the partner's own case from a ghost through {blind}"
	assert before == after, [key for key in before if before[key] != after[key]]


def test_an_opened_permission_is_reported(base_url, admin_session, audit_server, world, generated, figure):
	"""B's case shared with A on purpose: the audit must see it, else its zero leaks mean nothing."""
	partner, case = world["A"], world["pairs"]["A"][0]
	assert case["doctype"] == "Mediation Case" and case["name"] == world["B"]["case"]
	share = {"doctype": "Mediation Case", "name": case["name"], "user": partner["user"], "read": 1}
	added = call(admin_session, base_url, "POST", "/api/method/frappe.share.add", share)
	added.raise_for_status()
	try:
		audit = Audit(audit_server, partner["user"], partner["password"])
		found = audit.run(generated["routes"], [case])
	finally:
		share_path = f"/api/resource/DocShare/{added.json()['message']['name']}"
		call(admin_session, base_url, "DELETE", share_path, {}).raise_for_status()
	routes = {d["route"] for d in found}
	figure(
		f"route audit, B's case shared with A: {len(found)} routes report it ({audit.attempts} attempts)",
	)
	assert {"frappe.client.get", "GET /api/resource/{doctype}/{name}"} <= routes, report(found)
	# and closed again: the same route answers as for a ghost
	audit = Audit(audit_server, partner["user"], partner["password"])
	get = [route for route in generated["routes"] if route["route"] == "frappe.client.get"]
	assert not audit.run(get, [case])


def test_clerks_keep_frappes_answers(base_url, world):
	"""Desk users are not portal users: Frappe still tells them which record is missing."""
	clerk = login(base_url, world["clerk"]["user"], world["clerk"]["password"])
	case = world["pairs"]["A"][0]
	found = call(
		clerk,
		base_url,
		"POST",
		"/api/method/frappe.client.get",
		{"doctype": case["doctype"], "name": case["name"]},
	)
	assert found.ok and found.json()["message"]["name"] == case["name"], found.text[:300]
	missing = call(
		clerk,
		base_url,
		"POST",
		"/api/method/frappe.client.get",
		{"doctype": case["doctype"], "name": case["ghost"]},
	)
	assert missing.status_code == 404 and case["ghost"] in missing.text, missing.text[:300]
