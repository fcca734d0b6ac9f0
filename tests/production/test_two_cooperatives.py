"""Two cooperatives on one production stack: the stack conftest.py starts serves the site under test
and a copy of it (its own database, made with tests/scratch_sites.py) behind one nginx by host name,
with one set of workers and one scheduler (`SITES="<site> <copy>" bin/production start`). Through nginx,
what one site signed or logged in means nothing on the other; the workers run each site's jobs on that
site, send each site's mail with its own sender and write each site's encrypted backup into its own
folder; the scheduler enqueues the events of both.

bin/test runs it with the single-site smoke test (tests/production, one stack for both); alone:
    MM_PRODUCTION_SMOKE=1 MM_SITE=<site> MM_BENCH=$PWD env/bin/python -m pytest tests/production/test_two_cooperatives.py -q
It needs the same ports as the smoke test (8080, 18000, 19000) and 2760 for its SMTP sink.
"""

import email
import email.policy
import gzip
import os
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from scratch_sites import BENCH, SITES, gpg_decrypt, is_gpg, site_config

from production.stack import (
	COPY,
	PORT,
	SITE,
	production,
	query,
	request,
	scheduled_runs,
	update_site_config,
	wait_until,
)

pytestmark = pytest.mark.skipif(
	not os.environ.get("MM_PRODUCTION_SMOKE"), reason="takes MariaDB and Redis over: MM_PRODUCTION_SMOKE=1"
)

SITE_A, SITE_B = SITE, COPY
MAIL_PORT = 2760  # a loopback SMTP sink of this test's own
SENDER = {SITE_A: "genossenschaft-a@coop.localhost", SITE_B: "genossenschaft-b@coop.localhost"}
BACKUP_INTERVAL_KEY = "mitmenschen_backup_interval_hours"


def logged_user(site: str, sid: str | None = None, token: str | None = None) -> str | None:
	response = request(
		"GET",
		site,
		"/api/method/frappe.auth.get_logged_user",
		cookies={"sid": sid} if sid else {},
		headers={"Authorization": f"token {token}"} if token else {},
	)
	return response.json().get("message") if response.ok else None


def default_value(site: str, key: str) -> str | None:
	rows = query(site, "SELECT defvalue FROM tabDefaultValue WHERE parent='__default' AND defkey=%s", key)
	return rows[0][0] if rows else None


class Inbox:
	"""What the workers deliver to the loopback SMTP sink."""

	def __init__(self) -> None:
		self.messages: list[email.message.EmailMessage] = []

	async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd calls it by this name
		self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
		return "250 OK"


def backups(site: str) -> set[Path]:
	return set((SITES / site / "private" / "backups").glob("*"))


# before the replica's copy (it rewrites the sites' configs too) and alone (its tar must meet no upload)
@pytest.mark.stack_phase(-1)
def test_the_scheduled_backup_job_writes_each_sites_backup_into_its_own_folder(execute):
	markers = {site: f"backup-{site}-{uuid.uuid4().hex[:8]}" for site in (SITE_A, SITE_B)}
	before = {site: backups(site) for site in markers}
	intervals = {site: site_config(site).get(BACKUP_INTERVAL_KEY) for site in markers}
	try:
		for site in markers:
			# due now (the newest backup may be minutes old): the job itself decides, as every hour
			update_site_config(site, BACKUP_INTERVAL_KEY, 0.5)
		for site, marker in markers.items():
			job = execute(site, "mitmenschen.tests.production_jobs.enqueue_scheduled_backup", marker=marker)
			assert job["enqueued"] is True and job["queue"] == "long"

		def finished(site: str) -> list[Path] | None:
			new = sorted(backups(site) - before[site])
			config = [path for path in new if "site_config_backup" in path.name]
			return new if config and is_gpg(config[0]) else None  # the job's last step encrypts it

		# one long worker takes the two jobs one after the other
		sets = {
			site: wait_until(lambda site=site: finished(site), 240, f"the backup of {site}")
			for site in markers
		}
		for site, marker in markers.items():
			other = SITE_B if site == SITE_A else SITE_A
			new = sets[site]
			slug = site.replace(".", "_")
			assert all(slug in path.name for path in new), new
			database = next(path for path in new if "-database" in path.name)
			assert is_gpg(database)
			dump = gzip.decompress(gpg_decrypt(database, site_config(site)["backup_encryption_key"]))
			assert marker.encode() in dump and markers[other].encode() not in dump
			with pytest.raises(subprocess.CalledProcessError):  # the other site's key opens nothing
				gpg_decrypt(database, site_config(other)["backup_encryption_key"])
		for site in markers:  # nothing of one site in the other's folder
			other_slug = (SITE_B if site == SITE_A else SITE_A).replace(".", "_")
			assert not [path for path in backups(site) - before[site] if other_slug in path.name]
	finally:
		for path in backups(SITE_A) - before[SITE_A]:  # the test's sets; the copy's go with it
			path.unlink()
		for site, interval in intervals.items():
			update_site_config(site, BACKUP_INTERVAL_KEY, interval)


def test_status_lists_both_sites(stack):
	status = production("status")
	assert status.returncode == 0, status.stdout
	for site in (SITE_A, SITE_B):
		assert f"site {site}: http://{site}:{PORT}" in status.stdout
	assert "scheduler off" not in status.stdout
	workers = (BENCH / "logs" / "production" / "mm-worker-short.log").read_text()
	assert f"-{SITE_A}:short" in workers and f"-{SITE_B}:short" in workers


def test_each_host_name_is_its_own_site(sids):
	sid_a, sid_b = sids[SITE_A], sids[SITE_B]
	marker = f"Nur auf A {uuid.uuid4().hex[:8]}"
	created = request(
		"POST", SITE_A, "/api/resource/Service Type", json={"service_name": marker}, cookies={"sid": sid_a}
	)
	assert created.status_code == 200, created.text[:500]
	try:
		on_a = request("GET", SITE_A, f"/api/resource/Service Type/{marker}", cookies={"sid": sid_a})
		on_b = request("GET", SITE_B, f"/api/resource/Service Type/{marker}", cookies={"sid": sid_b})
		assert on_a.status_code == 200 and on_b.status_code == 404
		assert on_a.headers["Server"] == "nginx"
	finally:
		request("DELETE", SITE_A, f"/api/resource/Service Type/{marker}", cookies={"sid": sid_a})


def test_a_login_of_one_site_is_nobody_on_the_other(sids):
	sid = sids[SITE_A]
	assert logged_user(SITE_A, sid=sid) == "Administrator"
	assert logged_user(SITE_B, sid=sid) in (None, "Guest")


def test_an_api_key_of_one_site_is_refused_on_the_other(sids):
	sid = sids[SITE_A]
	keys = request(
		"POST",
		SITE_A,
		"/api/method/frappe.core.doctype.user.user.generate_keys",
		data={"user": "Administrator"},
		cookies={"sid": sid},
	)
	keys.raise_for_status()
	secret = keys.json()["message"]["api_secret"]
	user = request("GET", SITE_A, "/api/resource/User/Administrator", cookies={"sid": sid}).json()["data"]
	token = f"{user['api_key']}:{secret}"
	assert logged_user(SITE_A, token=token) == "Administrator"
	assert logged_user(SITE_B, token=token) in (None, "Guest")


def test_files_of_one_site_are_not_served_by_the_other(sids):
	sid_a, sid_b = sids[SITE_A], sids[SITE_B]
	uploaded = []
	try:
		for private in (1, 0):
			content = f"Einwilligung {uuid.uuid4().hex}".encode()
			upload = request(
				"POST",
				SITE_A,
				"/api/method/upload_file",
				cookies={"sid": sid_a},
				files={"file": (f"einwilligung-{private}.txt", content, "text/plain")},
				data={"is_private": private},
			)
			upload.raise_for_status()
			file = upload.json()["message"]
			uploaded.append(file["name"])
			# on A, nginx sends it (after Frappe's check for a private one: X-Accel-Redirect to A's folder)
			on_a = request("GET", SITE_A, file["file_url"], cookies={"sid": sid_a})
			assert on_a.status_code == 200 and on_a.content == content
			on_b = request("GET", SITE_B, file["file_url"], cookies={"sid": sid_b})
			assert on_b.status_code in (403, 404) and content not in on_b.content, file["file_url"]
	finally:
		for name in uploaded:
			request("DELETE", SITE_A, f"/api/resource/File/{name}", cookies={"sid": sid_a})


def test_a_job_runs_on_the_site_that_enqueued_it(execute):
	markers = {site: f"job-{site}-{uuid.uuid4().hex[:8]}" for site in (SITE_A, SITE_B)}
	for site, marker in markers.items():
		job = execute(site, "mitmenschen.tests.production_jobs.enqueue_marker", marker=marker)
		assert job["queue"].endswith(f"-{site}:short")  # the site's own queue, not the bench's
	for site, marker in markers.items():
		# the marker names the site whose database the job opened; the other site's is not there
		written = f"{marker}@{site}"
		wait_until(lambda: default_value(site, "mm_production_marker") == written, 60, f"the job on {site}")
	assert default_value(SITE_A, "mm_production_marker") != default_value(SITE_B, "mm_production_marker")


def test_each_sites_mail_leaves_with_its_own_sender(execute):
	subjects = {site: f"Rundbrief {site} {uuid.uuid4().hex[:8]}" for site in (SITE_A, SITE_B)}
	sink = Controller(Inbox(), hostname="127.0.0.1", port=MAIL_PORT)
	sink.start()
	try:
		for site, subject in subjects.items():
			mail = {"port": MAIL_PORT, "recipient": "mitglied@coop.localhost", "subject": subject}
			execute(site, "mitmenschen.tests.production_jobs.queue_mail", **mail, sender=SENDER[site])

		def delivered():
			found = {
				site: [m for m in sink.handler.messages if m["Subject"] == subject]
				for site, subject in subjects.items()
			}
			return found if all(found.values()) else None

		found = wait_until(delivered, 90, "both sites' mail at the SMTP sink")
	finally:
		sink.stop()
	for site, messages in found.items():
		assert len(messages) == 1
		assert SENDER[site] in messages[0]["From"]


@pytest.mark.stack_phase(2)  # after the replica and kill tests: the scheduler ticks a minute after start
def test_the_scheduler_enqueues_the_events_of_both_sites(stack):
	"""The stack's one scheduler ticks every 60 s and enqueues each site's due events (the app's
	notices retry runs every minute); the workers run them on their site."""

	def ran_since_start(site: str) -> list[str]:
		before = stack["scheduled_before"][site]
		return [method for method, at in scheduled_runs(site).items() if at and at != before.get(method)]

	for site in (SITE_A, SITE_B):
		wait_until(
			lambda site=site: ran_since_start(site),
			max(10, 150 - (time.monotonic() - stack["began"])),
			f"a scheduled job run on {site}",
		)
	log = (BENCH / "logs" / "production" / "mm-schedule.log").read_text()
	assert f"scheduler for {SITE_A}, {SITE_B}:" in log
