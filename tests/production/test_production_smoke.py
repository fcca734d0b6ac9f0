"""The production stack end to end: the stack conftest.py starts for the site under test (and a copy of
it, the second cooperative of test_two_cooperatives), then what a cooperative's users and operator meet
through nginx — login, the desk, the portal, files nginx serves itself, a photo-sized upload — and, after
every other test of tests/production, reports on a read replica, supervisord bringing back a gunicorn
master and an RQ worker killed with SIGKILL, and `bin/production stop`, which hands MariaDB and Redis
back as bin/setup runs them.

bin/test runs this after the end-to-end suite (its own step, "Production smoke"); alone:
    MM_PRODUCTION_SMOKE=1 MM_SITE=<site> MM_BENCH=$PWD env/bin/python -m pytest tests/production -q
Without MM_PRODUCTION_SMOKE it skips: a `pytest tests` against a development server must not take the
bench's MariaDB and Redis over. PROD_HTTP_PORT (8080) must be free, and so must 18000 and 19000 behind
it, 18443 and 18081 (TLS).
"""

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pymysql
import pytest
import requests
from conftest import desk_login
from portal_world import api_session, shot
from scratch_sites import BENCH

from production.stack import (
	ADMIN_PASSWORD,
	BASE_URL,
	GUNICORN_PORT,
	OWN_MARIADB,
	PORT,
	SITE,
	SUPERVISOR_CONF,
	port_open,
	production,
	supervisorctl,
	wait_until,
)

pytestmark = pytest.mark.skipif(
	not os.environ.get("MM_PRODUCTION_SMOKE"), reason="takes MariaDB and Redis over: MM_PRODUCTION_SMOKE=1"
)

MAIL_PORT = 2567  # a loopback SMTP sink of this test's own
PROGRAMS = [
	"mm-mariadb",
	"mm-nginx",
	"mm-redis-cache",
	"mm-redis-queue",
	"mm-schedule",
	"mm-socketio",
	"mm-web",
	"mm-worker-long",
	"mm-worker-short",
]


def program_pid(program: str) -> int:
	return int(supervisorctl("pid", program).stdout.strip() or 0)


def site_config() -> dict:
	return json.loads((BENCH / "sites" / SITE / "site_config.json").read_text())


def pong() -> bool:
	try:
		return requests.get(f"{BASE_URL}/api/method/ping", timeout=5).json() == {"message": "pong"}
	except (requests.RequestException, ValueError):
		return False


@pytest.fixture
def world(stack):
	"""The running stack and the portal's world (partner organisations, tenants) built before it took
	over; when the stack has stopped, conftest.py checks that the site has its developer mode back."""
	return stack


@pytest.fixture
def admin(sids) -> requests.Session:
	"""Administrator on the site through nginx, in the session's one login."""
	session = requests.Session()
	session.cookies.set("sid", sids[SITE])
	return session


def test_every_program_runs_under_supervisor(world):
	status = production("status")
	assert status.returncode == 0, status.stdout
	assert f"supervisorctl -c {SUPERVISOR_CONF} status" in status.stdout
	for program in PROGRAMS if OWN_MARIADB else [p for p in PROGRAMS if p != "mm-mariadb"]:
		assert any(line.split()[:2] == [program, "RUNNING"] for line in status.stdout.splitlines()), program
	assert "answering after" in world["start_output"]


def test_login_through_nginx(world):
	response = requests.post(
		f"{BASE_URL}/api/method/login", data={"usr": "Administrator", "pwd": ADMIN_PASSWORD}, timeout=30
	)
	assert response.status_code == 200
	assert response.json()["message"] == "Logged In"
	assert response.headers["Server"] == "nginx"
	assert "sid" in response.cookies
	wrong = requests.post(
		f"{BASE_URL}/api/method/login", data={"usr": "Administrator", "pwd": "nope"}, timeout=30
	)
	assert wrong.status_code == 401


@pytest.mark.stack_phase(-2)  # before the replica is being copied: its cards and charts read from it
def test_desk_renders_without_developer_mode(world, page):
	desk_login(page, BASE_URL)
	page.goto(f"{BASE_URL}/app/mit-menschen")
	page.wait_for_selector(".shortcut-widget-box .widget-title", timeout=60_000)
	assert page.locator(".shortcut-widget-box").count() > 0
	# the cards and charts come from report queries through nginx and gunicorn
	page.locator(".widget.number-widget-box").first.wait_for()
	page.locator(".number-card-loading").first.wait_for(state="detached", timeout=60_000)
	page.locator(".widget.dashboard-widget-box .chart-container svg").first.wait_for(timeout=90_000)
	assert not page.evaluate("frappe.boot.developer_mode")
	# realtime (socket.io) reaches the desk through nginx's /socket.io
	page.wait_for_function("() => frappe.realtime.socket && frappe.realtime.socket.connected", timeout=30_000)
	shot(page, "production-desk-workspace")


def test_portal_pages_for_tenant_and_partner(world):
	tenant = api_session(BASE_URL, world["tenant"]["user"], world["password"])
	form = tenant.get(f"{BASE_URL}/report-problem", timeout=30)
	assert form.status_code == 200
	assert 'id="report-form"' in form.text
	assert world["tenant"]["flat"] in form.text  # prefilled from the tenancy: the tenant's own page

	partner = api_session(BASE_URL, world["A"]["user"], world["password"])
	referrals = partner.get(f"{BASE_URL}/partner/referrals", timeout=30)
	assert referrals.status_code == 200
	assert world["A"]["case_to_accept_subject"] in referrals.text
	assert world["B"]["case_to_accept_subject"] not in referrals.text

	guest = requests.get(f"{BASE_URL}/report-problem", timeout=30)
	assert guest.status_code == 403


def test_nginx_serves_built_assets_itself(world):
	login_page = requests.get(f"{BASE_URL}/login", timeout=30).text
	asset = next(
		part.split('"')[0]
		for part in login_page.split('href="')[1:]
		if part.startswith("/assets/") and ".css" in part
	)
	response = requests.get(f"{BASE_URL}{asset}", timeout=30)
	assert response.status_code == 200
	assert response.headers["Server"] == "nginx"
	assert response.headers["Cache-Control"] == "max-age=31536000"
	assert response.content == (BENCH / "sites" / asset.lstrip("/")).read_bytes()
	# gunicorn has no static files: the answer above came from nginx
	assert requests.get(f"http://127.0.0.1:{GUNICORN_PORT}{asset}", timeout=30).status_code == 404


def test_photo_sized_upload_and_its_public_file(world, admin):
	session = admin
	content = os.urandom(3 * 1024 * 1024).hex().encode()[: 6 * 1024 * 1024]  # 6 MB: nginx's default is 1 MB
	upload = session.post(
		f"{BASE_URL}/api/method/upload_file",
		files={"file": ("treppenhaus-fotos.txt", content, "text/plain")},
		data={"is_private": "0"},
		timeout=120,
	)
	assert upload.status_code == 200, upload.text[:500]
	file = upload.json()["message"]
	try:
		served = requests.get(f"{BASE_URL}{file['file_url']}", timeout=60)
		assert served.status_code == 200
		assert served.content == content
		assert (
			requests.get(f"http://127.0.0.1:{GUNICORN_PORT}{file['file_url']}", timeout=30).status_code == 404
		)
	finally:
		session.delete(f"{BASE_URL}/api/resource/File/{file['name']}", timeout=60)


def test_workers_run_the_sites_jobs(execute):
	"""A job of the site waits in queues of its own, and the stack's workers run it."""
	job = execute(SITE, "mitmenschen.tests.production_jobs.enqueue_ping", job_id=f"smoke-{time.time_ns()}")
	assert job["queue"].endswith(f"-{SITE}:short")  # not the bench's queue every site shares
	logs = [BENCH / "logs" / "production" / f"mm-worker-{kind}.log" for kind in ("short", "long")]
	done = f"Job OK ({job['job']})"  # the long worker takes short jobs too when the short one is busy
	wait_until(lambda: any(done in log.read_text() for log in logs), 60, f"job {job['job']} done")


def test_workers_deliver_mail_over_smtp(execute):
	"""Mail leaves through the stack's workers and reaches an SMTP server (a loopback sink here): a
	stack started from a shell with CI set would mark it sent and send nothing (Frappe's test mode)."""
	from aiosmtpd.controller import Controller

	received: list[str] = []

	class Handler:
		async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
			received.append(envelope.content.decode("utf-8", "replace"))
			return "250 OK"

	subject = f"Production mail check {time.time_ns()}"
	sink = Controller(Handler(), hostname="127.0.0.1", port=MAIL_PORT)
	sink.start()
	try:
		execute(
			SITE,
			"mitmenschen.tests.production_jobs.queue_mail",
			port=MAIL_PORT,
			recipient="check@mail.localhost",
			subject=subject,
		)
		wait_until(lambda: any(subject in message for message in received), 90, "the mail at the SMTP sink")
	finally:  # conftest.py retires the outgoing account when the session ends
		sink.stop()


def test_tls_server_block_from_the_template(world, tmp_path):
	"""The operators' TLS template, rendered by `bin/production tls` with a self-signed certificate."""
	certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
	subprocess.run(
		["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
		+ ["-addext", "subjectAltName=DNS:localhost"]
		+ ["-keyout", str(key), "-out", str(certificate)],
		check=True,
		capture_output=True,
		timeout=60,
	)
	ports = {"PROD_HTTPS_PORT": "18443", "PROD_REDIRECT_PORT": "18081"}
	enabled = production("tls", "localhost", str(certificate), str(key), **ports)
	assert enabled.returncode == 0, enabled.stdout + enabled.stderr
	try:
		https = requests.Session()  # verify= per request: a session's own gives way to REQUESTS_CA_BUNDLE

		def https_pong() -> bool:
			try:
				return (
					https.get(
						"https://localhost:18443/api/method/ping", verify=str(certificate), timeout=5
					).json()["message"]
					== "pong"
				)
			except requests.RequestException:
				return False

		wait_until(https_pong, 30, "HTTPS on 18443")
		login = https.post(
			"https://localhost:18443/api/method/login",
			data={"usr": "Administrator", "pwd": ADMIN_PASSWORD},
			verify=str(certificate),
			timeout=30,
		)
		assert login.status_code == 200
		assert "Strict-Transport-Security" in login.headers
		redirect = requests.get("http://127.0.0.1:18081/app/mit-menschen", allow_redirects=False, timeout=10)
		assert redirect.status_code == 301
		assert redirect.headers["Location"].startswith("https://127.0.0.1")
	finally:
		disabled = production("tls", "off")
	assert disabled.returncode == 0, disabled.stdout + disabled.stderr
	wait_until(lambda: not port_open(18443), 30, "HTTPS off")
	assert pong()  # plain HTTP as before


def test_private_file_through_frappes_check_and_nginx(world, admin):
	"""Frappe checks the permission and names the file (X-Accel-Redirect); nginx sends it from disk."""
	session = admin
	content = b"Protokoll der Hausversammlung " + os.urandom(2048).hex().encode()
	upload = session.post(
		f"{BASE_URL}/api/method/upload_file",
		files={"file": ("protokoll-hausversammlung.txt", content, "text/plain")},
		data={"is_private": "1"},
		timeout=60,
	)
	assert upload.status_code == 200, upload.text[:500]
	file = upload.json()["message"]
	try:
		assert file["file_url"].startswith("/private/files/")
		served = session.get(f"{BASE_URL}{file['file_url']}", timeout=30)
		assert served.status_code == 200
		assert served.content == content
		assert "X-Accel-Redirect" not in served.headers  # nginx followed it
		# asked as nginx asks, gunicorn only names the file (nginx sent it, from its /protected location)
		direct = session.get(
			f"http://127.0.0.1:{GUNICORN_PORT}{file['file_url']}",
			headers={"X-Use-X-Accel-Redirect": "True", "X-Frappe-Site-Name": SITE},
			timeout=30,
		)
		assert direct.headers["X-Accel-Redirect"].startswith("/protected/")
		assert direct.content == b""
		guest = requests.get(f"{BASE_URL}{file['file_url']}", timeout=30)
		assert guest.status_code == 403 and content not in guest.content
	finally:
		session.delete(f"{BASE_URL}/api/resource/File/{file['name']}", timeout=60)


REPLICA_PORT = int(os.environ.get("PROD_REPLICA_PORT", "3307"))
REPLICA_KEYS = (
	"read_from_replica",
	"replica_host",
	"replica_db_port",
	"replica_db_name",
	"replica_db_password",
)


def replica_selects() -> int:
	"""SELECTs the replica has answered so far (its server's own counter)."""
	config = site_config()
	with (
		pymysql.connect(
			host="127.0.0.1",
			port=REPLICA_PORT,
			user=config["replica_db_name"],
			password=config["replica_db_password"],
		) as db,
		db.cursor() as cursor,
	):
		cursor.execute("SHOW GLOBAL STATUS LIKE 'Com_select'")
		return int(cursor.fetchone()[1])


def replicated(service_type: str) -> bool:
	config = site_config()
	with (
		pymysql.connect(
			host="127.0.0.1",
			port=REPLICA_PORT,
			user=config["replica_db_name"],
			password=config["replica_db_password"],
			database=config["db_name"],
		) as db,
		db.cursor() as cursor,
	):
		return bool(cursor.execute("SELECT name FROM `tabService Type` WHERE name = %s", (service_type,)))


@pytest.mark.stack_phase(1)
@pytest.mark.skipif(not OWN_MARIADB, reason="the replica replicates the stack's own MariaDB")
def test_reports_read_from_a_replica_and_survive_its_stop(world, admin, replica_copying):
	started = replica_copying.result()  # begun while test_two_cooperatives ran, or now
	assert started.returncode == 0, (started.stdout + started.stderr)[-3000:]
	assert {key for key in REPLICA_KEYS if key in site_config()} == set(REPLICA_KEYS)
	status = production("status")
	assert (
		"replica: 127.0.0.1:" in status.stdout and "s behind the primary (IO Yes, SQL Yes)" in status.stdout
	)
	assert status.returncode == 0, status.stdout  # a stopped replica program is no failure either

	name = f"Repliziert {time.time_ns()}"
	admin.post(
		f"{BASE_URL}/api/resource/Service Type", json={"service_name": name}, timeout=60
	).raise_for_status()
	wait_until(lambda: replicated(name), 30, "a write on the primary on the replica")

	report = {
		"report_name": "Case Statistics",
		"filters": json.dumps({"from_date": "2026-01-01", "to_date": "2026-12-31"}),
	}
	run = f"{BASE_URL}/api/method/frappe.desk.query_report.run"
	before = replica_selects()
	assert admin.get(run, params=report, timeout=60).status_code == 200
	assert replica_selects() > before + 1  # the report's queries went there (our counter read is one)

	supervisorctl("stop", "mm-mariadb-replica")
	stopped_at = time.monotonic()
	failures_late = []
	while time.monotonic() - stopped_at < 12:
		code = admin.get(run, params=report, timeout=60).status_code
		if code != 200 and time.monotonic() - stopped_at > 6:  # the replica's health is known for 5 s
			failures_late.append(code)
		time.sleep(0.5)
	assert failures_late == []
	assert admin.get(run, params=report, timeout=60).status_code == 200

	stopped = production("replica", "stop")
	assert stopped.returncode == 0, stopped.stdout + stopped.stderr
	assert not {key for key in REPLICA_KEYS if key in site_config()}
	assert "replica: not running" in production("status").stdout


@pytest.mark.stack_phase(2)
@pytest.mark.parametrize("program", ["mm-web", "mm-worker-short"])
def test_supervisor_brings_back_a_killed_process(world, program):
	log = BENCH / "logs" / "production" / "supervisord.log"
	crash = f"exited: {program} (terminated by SIGKILL; not expected)"
	crashes = log.read_text().count(crash)
	killed = program_pid(program)
	assert killed > 0
	os.kill(killed, signal.SIGKILL)
	wait_until(lambda: program_pid(program) not in (0, killed), 60, f"{program} back")
	wait_until(
		lambda: supervisorctl("status", program).stdout.split()[1] == "RUNNING", 60, f"{program} running"
	)
	wait_until(pong, 60, "nginx and gunicorn answering again")
	assert log.read_text().count(crash) == crashes + 1


@pytest.mark.stack_phase(3)
def test_stop_hands_mariadb_and_redis_back(world):
	stopped = production("stop")
	assert stopped.returncode == 0, (stopped.stdout + stopped.stderr)[-3000:]
	assert supervisorctl("pid").returncode != 0  # supervisord is gone
	assert not port_open(PORT)
	assert not port_open(GUNICORN_PORT)
	# MariaDB runs again from var/mariadb as bin/setup starts it (its pid file), Redis on both ports
	if OWN_MARIADB:
		pid = (BENCH / "var" / "run" / "mariadb.pid").read_text().strip()
		assert "var/mariadb" in Path(f"/proc/{pid}/cmdline").read_text()
	assert port_open(3306) and port_open(13000) and port_open(11000)
	assert production("status").returncode == 3
