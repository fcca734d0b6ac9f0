"""Two cooperatives on one bench: each site its own database, users, keys and files; what one site
signed or logged in means nothing on the other; a federation package and anonymised figures travel
between them as files.

The second cooperative starts as a copy of the site under test's database (Frappe's backup opened with
`bench new-site --source-sql`, seconds instead of minutes), so both sites hold the same records under
the same names: every cross-site attempt below names a record that exists on the other site too, and is
refused because the site, not the record, differs. One gunicorn serves both by their host names, as
in production. The copy is dropped afterwards.
"""

import json
import os
import socket
import subprocess
import time
import uuid
from types import SimpleNamespace

import pytest
import requests
from scratch_sites import BENCH, SITES, bench, copy_site, drop_site, execute

SITE_A = os.environ.get("MM_SITE", "test.localhost")
SITE_B = f"coop-b-{uuid.uuid4().hex[:6]}.localhost"
PORT = int(os.environ.get("MM_COOP_PORT", "8021"))
ADMIN_PASSWORD = os.environ.get("MM_ADMIN_PASSWORD", "admin")


def url(path: str) -> str:
	return f"http://127.0.0.1:{PORT}{path}"


def get(site: str, path: str, **kwargs) -> requests.Response:
	return requests.get(url(path), headers={"Host": site, **kwargs.pop("headers", {})}, timeout=60, **kwargs)


def post(site: str, path: str, **kwargs) -> requests.Response:
	return requests.post(url(path), headers={"Host": site, **kwargs.pop("headers", {})}, timeout=60, **kwargs)


def login(site: str) -> str:
	response = post(site, "/api/method/login", data={"usr": "Administrator", "pwd": ADMIN_PASSWORD})
	response.raise_for_status()
	return response.cookies["sid"]


def logged_user(site: str, sid: str | None = None, token: str | None = None) -> str | None:
	headers = {"Authorization": f"token {token}"} if token else {}
	response = get(
		site, "/api/method/frappe.auth.get_logged_user", cookies={"sid": sid} if sid else {}, headers=headers
	)
	return response.json().get("message") if response.ok else None


@pytest.fixture(scope="module")
def world(tmp_path_factory):
	tmp = tmp_path_factory.mktemp("cooperatives")
	w = SimpleNamespace(tmp=tmp)
	server = None
	try:
		w.a = execute(SITE_A, "mitmenschen.tests.cooperatives_world.build")
		copy_site(SITE_A, SITE_B, tmp)
		# gunicorn as in production (bench serve would pin the default site): the site by the Host header
		server = subprocess.Popen(
			[
				str(BENCH / "env" / "bin" / "gunicorn"),
				"-b",
				f"127.0.0.1:{PORT}",
				"-w",
				"2",
				"-t",
				"120",
				"frappe.app:application",
			],
			cwd=SITES,
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
			start_new_session=True,
		)
		for _ in range(150):
			try:
				socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
				break
			except OSError:
				time.sleep(0.2)
		yield w
	finally:
		execute(SITE_A, "mitmenschen.tests.cooperatives_world.clean")
		if server:
			os.killpg(server.pid, 15)
			server.wait(timeout=30)
		drop_site(SITE_B, tmp)


def test_each_host_name_is_its_own_cooperative(world):
	marker = execute(SITE_A, "mitmenschen.tests.cooperatives_world.marker")["service_type"]
	sid_a, sid_b = login(SITE_A), login(SITE_B)
	on_a = get(SITE_A, f"/api/resource/Service Type/{marker}", cookies={"sid": sid_a})
	on_b = get(SITE_B, f"/api/resource/Service Type/{marker}", cookies={"sid": sid_b})
	assert on_a.status_code == 200 and on_a.json()["data"]["name"] == marker
	assert on_b.status_code == 404


def test_a_login_of_one_site_is_nobody_on_the_other(world):
	sid = login(SITE_A)
	assert logged_user(SITE_A, sid=sid) == "Administrator"
	assert logged_user(SITE_B, sid=sid) in (None, "Guest")


def test_an_api_key_of_one_site_opens_nothing_on_the_other(world):
	sid = login(SITE_A)
	keys = post(
		SITE_A,
		"/api/method/frappe.core.doctype.user.user.generate_keys",
		data={"user": "Administrator"},
		cookies={"sid": sid},
	)
	keys.raise_for_status()
	secret = keys.json()["message"]["api_secret"]
	api_key = get(SITE_A, "/api/resource/User/Administrator", cookies={"sid": sid}).json()["data"]["api_key"]
	assert logged_user(SITE_A, token=f"{api_key}:{secret}") == "Administrator"
	assert logged_user(SITE_B, token=f"{api_key}:{secret}") in (None, "Guest")


def test_a_private_file_of_one_site_is_not_served_by_the_other(world):
	sid_a, sid_b = login(SITE_A), login(SITE_B)
	content = f"Einwilligung {uuid.uuid4().hex}".encode()
	upload = post(
		SITE_A,
		"/api/method/upload_file",
		cookies={"sid": sid_a},
		files={"file": ("einwilligung.txt", content, "text/plain")},
		data={"is_private": 1},
	)
	upload.raise_for_status()
	file_url = upload.json()["message"]["file_url"]
	assert file_url.startswith("/private/files/")
	assert get(SITE_A, file_url, cookies={"sid": sid_a}).content == content
	on_b = get(SITE_B, file_url, cookies={"sid": sid_b})
	assert on_b.status_code in (403, 404) and content not in on_b.content


def test_a_signed_link_of_one_site_is_refused_by_the_other_for_the_same_case(world):
	path = world.a["follow_up_path"]
	case, sig = world.a["case"], path.rsplit("/", 1)[1]
	on_a, on_b = get(SITE_A, path), get(SITE_B, path)
	assert on_a.status_code == 200 and 'name="answer"' in on_a.text
	assert 'name="answer"' not in on_b.text
	# the case exists on both sites (B is a copy of A): only the site's key decides
	check = ["execute", "mitmenschen.mediation.follow_up.check_link", "--args", json.dumps([case, sig])]
	assert '"valid"' in bench("--site", SITE_A, *check).stdout
	assert '"invalid"' in bench("--site", SITE_B, *check).stdout


def test_a_published_house_rules_version_arrives_with_its_check_states(world):
	rules = execute(SITE_A, "mitmenschen.tests.cooperatives_world.new_house_rules")["name"]
	assert (
		execute(SITE_B, "mitmenschen.tests.cooperatives_world.house_rules_states", name=rules)["exists"]
		is False
	)
	package = world.tmp / "package.json"
	published = execute(SITE_A, "mitmenschen.federation.package.export_file", path=str(package))
	assert published["items"] > 1
	first = execute(SITE_B, "mitmenschen.federation.package.import_file", path=str(package))
	assert first["items"][rules] == "Created"
	# everything else was there already (the copy): unchanged, nothing overwritten
	assert set(first["items"].values()) <= {"Created", "Unchanged"}
	states = execute(SITE_B, "mitmenschen.tests.cooperatives_world.house_rules_states", name=rules)["states"]
	assert states == {"ar": "Checked", "ti": "To be checked by a native speaker"}
	again = execute(SITE_B, "mitmenschen.federation.package.import_file", path=str(package))
	assert again["items"][rules] == "Unchanged"


def test_anonymised_figures_of_both_sites_combine_on_one(world):
	# the copy kept A's company: B becomes a cooperative of its own name
	bench(
		"--site",
		SITE_B,
		"execute",
		"frappe.db.set_default",
		"--args",
		json.dumps(["company", "Zweite Wohnungsgenossenschaft eG"]),
	)
	for site in (SITE_A, SITE_B):
		path = world.tmp / f"figures-{site}.json"
		execute(
			site,
			"mitmenschen.federation.figures.export_file",
			path=str(path),
			from_date="2026-01-01",
			to_date="2026-12-31",
		)
		data = json.loads(path.read_text())
		assert all(n >= 5 for n in data["cases_per_category"].values())
		assert not {"reporter", "household", "email"} & set(json.dumps(data).lower().split('"'))
		execute(SITE_A, "mitmenschen.federation.figures.receive_file", path=str(path))
	sid = login(SITE_A)
	report = get(
		SITE_A,
		"/api/method/frappe.desk.query_report.run",
		params={
			"report_name": "Federation Key Figures",
			"filters": json.dumps({"from_date": "2026-01-01", "to_date": "2026-12-31"}),
		},
		cookies={"sid": sid},
	)
	report.raise_for_status()
	message = report.json()["message"]
	assert message["report_summary"][0]["value"] == 2
	figures = {row["figure"]: row["value"] for row in message["result"]}
	assert "Neue Fälle" in figures or "New cases" in figures
