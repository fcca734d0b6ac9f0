"""What the production tests share: the two sites the one stack serves (conftest.py starts it), the
`bin/production` command for exactly these sites, requests through nginx by host name, waiting by
polling."""

import json
import os
import socket
import subprocess
import threading
import time
import uuid

import pymysql
import requests
from scratch_sites import BENCH, DB_ROOT_PASSWORD, SITES, site_config

SITE = os.environ.get("MM_SITE", "test.localhost")  # the site under test: the stack's first (default) site
COPY = f"coop-prod-{uuid.uuid4().hex[:6]}.localhost"  # the second cooperative: a copy of SITE, dropped after
ADMIN_PASSWORD = os.environ.get("MM_ADMIN_PASSWORD", "admin")
PORT = int(os.environ.get("PROD_HTTP_PORT", "8080"))
BASE_URL = f"http://127.0.0.1:{PORT}"  # any host name but the copy's is SITE's
GUNICORN_PORT = 18000
SUPERVISOR_CONF = BENCH / "config" / "production" / "supervisord.conf"
STATE = BENCH / "var" / "production" / "state"  # what start changed on the sites; stop removes it
# bin/production supervises the MariaDB of bin/setup (var/mariadb); one that already answered when
# bin/setup ran (another bench's, the host's) is left alone and keeps running beside the stack
OWN_MARIADB = (BENCH / "var" / "mariadb" / "mysql").is_dir()


def production(*args: str, **environment: str) -> subprocess.CompletedProcess:
	environment = {**os.environ, "SITES": f"{SITE} {COPY}", "PROD_HTTP_PORT": str(PORT), **environment}
	return subprocess.run(
		[str(BENCH / "bin" / "production"), *args],
		cwd=BENCH,
		env=environment,
		capture_output=True,
		text=True,
		timeout=400,
		check=False,  # the assertions show its output
	)


def supervisorctl(*args: str) -> subprocess.CompletedProcess:
	return subprocess.run(
		["supervisorctl", "-c", str(SUPERVISOR_CONF), *args], capture_output=True, text=True, timeout=60
	)


def port_open(port: int) -> bool:
	with socket.socket() as probe:
		probe.settimeout(1)
		return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_until(condition, seconds: float, what: str):
	"""The condition's first true value, asked every 0.2 s; fails after `seconds`."""
	deadline = time.monotonic() + seconds
	while time.monotonic() < deadline:
		if value := condition():
			return value
		time.sleep(0.2)
	raise AssertionError(f"{what} not within {seconds} s; supervisor: {supervisorctl('status').stdout}")


def request(method: str, site: str, path: str, **kwargs) -> requests.Response:
	"""Through nginx, with the site's host name (as a browser on http://<site>:8080 sends it)."""
	headers = {"Host": site, **kwargs.pop("headers", {})}
	return requests.request(method, f"{BASE_URL}{path}", headers=headers, timeout=60, **kwargs)


def login(site: str, user: str = "Administrator", password: str = ADMIN_PASSWORD) -> str:
	"""A new session on the site (its sid)."""
	response = request("POST", site, "/api/method/login", data={"usr": user, "pwd": password})
	response.raise_for_status()
	return response.cookies["sid"]


def update_site_config(site: str, key: str, value) -> None:
	"""Sets (None: removes) a key of the site's site_config.json as `bench set-config` writes it, without
	a bench process; replaced in one step, so that the running stack never reads half a file."""
	path = SITES / site / "site_config.json"
	config = json.loads(path.read_text())
	if value is None:
		config.pop(key, None)
	else:
		config[key] = value
	written = path.with_name(f".{path.name}.{os.getpid()}")
	written.write_text(json.dumps(config, indent=1, sort_keys=True))
	written.chmod(path.stat().st_mode)
	written.replace(path)


def query(site: str, sql: str, *args) -> list[tuple]:
	"""Straight from the site's own database (as root: what is there, not what Frappe shows)."""
	with (
		pymysql.connect(
			host="127.0.0.1",
			port=3306,
			user="root",
			password=DB_ROOT_PASSWORD,
			database=site_config(site)["db_name"],
		) as db,
		db.cursor() as cursor,
	):
		cursor.execute(sql, args)
		return list(cursor.fetchall())


def scheduled_runs(site: str) -> dict[str, object]:
	"""When each of the site's scheduled job types last ran (as the job itself records it), but the
	backup job, which test_two_cooperatives enqueues itself."""
	rows = query(
		site,
		"SELECT method, last_execution FROM `tabScheduled Job Type` WHERE method != %s",
		"mitmenschen.backups.scheduled.run",
	)
	return dict(rows)


# the child of Executor: `bench execute`'s steps (frappe.init, connect, the call, commit, destroy) for
# one call a line on stdin, its JSON reply a line on the real stdout (what Frappe prints goes to stderr)
EXECUTOR = """
import json, sys, traceback
import frappe
from frappe.utils.response import json_handler
replies, sys.stdout = sys.stdout, sys.stderr
for line in sys.stdin:
	call = json.loads(line)
	try:
		frappe.init(site=call["site"], sites_path=".")
		frappe.connect()
		reply = {"result": frappe.get_attr(call["method"])(**call["kwargs"])}
		frappe.db.commit()
	except Exception:
		reply = {"error": traceback.format_exc()}
	finally:
		frappe.destroy()
	replies.write(json.dumps(reply, default=json_handler) + "\\n")
	replies.flush()
"""


class Executor:
	"""`bench --site <site> execute <method>` without a bench process per call (seconds each on busy
	cores): one Python of the bench with Frappe imported runs the calls one after the other, each as
	`bench execute` does. Started once the stack runs (Frappe keeps its Redis connections)."""

	def __init__(self) -> None:
		self.process = subprocess.Popen(
			[str(BENCH / "env" / "bin" / "python"), "-c", EXECUTOR],
			cwd=SITES,
			stdin=subprocess.PIPE,
			stdout=subprocess.PIPE,
			stderr=subprocess.DEVNULL,
			text=True,
		)
		self.lock = threading.Lock()

	def __call__(self, site: str, method: str, **kwargs):
		with self.lock:
			self.process.stdin.write(json.dumps({"site": site, "method": method, "kwargs": kwargs}) + "\n")
			self.process.stdin.flush()
			line = self.process.stdout.readline()
		assert line, f"the executor ended (exit {self.process.poll()}) before {method} on {site} returned"
		reply = json.loads(line)
		assert "error" not in reply, f"{method} on {site}:\n{reply.get('error')}"
		return reply["result"]

	def close(self) -> None:
		self.process.stdin.close()
		self.process.wait(timeout=60)
