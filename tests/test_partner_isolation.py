"""Partner isolation over HTTP, the way a curious or compromised partner account would try it.

Two partner organisations, A and B, each with a case (confidential reporter, private attachment,
comment, email, versions), an action, a meeting, a contact and a household. Logged in as A's user,
then as B's, every route Frappe offers is tried against the other organisation's records, against
households (no partner reads them) and against the confidential reporter of the partner's *own*
case. An attempt passes when it is refused or answers without any of the target's secrets; writes
must also leave the database unchanged, which is checked as Administrator afterwards. Positive
controls prove the partner does see its own case, so an over-eager lockout cannot pass for safety.
"""

import json
from dataclasses import dataclass

import pytest
import requests
from portal_world import api_session, bench_execute


@dataclass
class Target:
	doctype: str
	name: str
	secrets: tuple[str, ...]
	title_field: str


@pytest.fixture(scope="module")
def world() -> dict:
	return bench_execute("mitmenschen.tests.isolation_world.build")


def targets_for(world: dict, attacker: str) -> list[Target]:
	other = world["B" if attacker == "A" else "A"]
	own = world[attacker]
	return [
		Target(
			"Mediation Case",
			other["case"],
			(other["case_subject"], other["reporter_name"], other["reporter_email"], other["description"]),
			"subject",
		),
		Target("Round Table Action", other["action"], (other["action_title"],), "title"),
		Target("Round Table Meeting", other["meeting"], (other["meeting_title"],), "title"),
		Target("Partner Organisation", other["organisation"], (other["hotline_email"],), "organisation_name"),
		Target("Partner Contact", other["contact"], (other["user"],), "full_name"),
		Target(
			"Refugee Household", other["household"], (other["family_name"], "Fluchtgeschichte"), "family_name"
		),
		Target(
			"Refugee Household", own["household"], (own["family_name"], "Fluchtgeschichte"), "family_name"
		),
		Target("Mediation Case", world["staff_case"], ("Nur intern",), "subject"),
		Target(
			"Household Referral",
			other["household_referral"],
			(other["referred_member"], other["family_name"], other["household_referral"]),
			"need",
		),
		# early signals are staff-only: neither the other's nor the partner's own household's
		Target("Early Signal", other["early_signal"], (other["early_signal_cause"],), "cause"),
		Target("Early Signal", own["early_signal"], (own["early_signal_cause"],), "cause"),
	]


def read_attempts(target: Target) -> list[tuple[str, str, str, dict]]:
	"""(label, HTTP method, path, parameters) of every read route."""
	dt, name = target.doctype, target.name
	name_filter = json.dumps([[dt, "name", "=", name]])
	return [
		("resource get", "GET", f"/api/resource/{dt}/{name}", {}),
		("resource list by name", "GET", f"/api/resource/{dt}", {"filters": name_filter, "fields": '["*"]'}),
		("resource list all", "GET", f"/api/resource/{dt}", {"fields": '["*"]', "limit_page_length": 0}),
		("client.get", "POST", "/api/method/frappe.client.get", {"doctype": dt, "name": name}),
		(
			"client.get_list",
			"POST",
			"/api/method/frappe.client.get_list",
			{"doctype": dt, "fields": '["*"]', "limit_page_length": 0},
		),
		(
			"client.get_value",
			"POST",
			"/api/method/frappe.client.get_value",
			{"doctype": dt, "filters": name, "fieldname": target.title_field},
		),
		(
			"client.get_count",
			"POST",
			"/api/method/frappe.client.get_count",
			{"doctype": dt, "filters": name_filter},
		),
		(
			"reportview.get",
			"POST",
			"/api/method/frappe.desk.reportview.get",
			{
				"doctype": dt,
				"fields": json.dumps([f"`tab{dt}`.`name`", f"`tab{dt}`.`{target.title_field}`"]),
				"filters": name_filter,
			},
		),
		(
			"reportview.get_count",
			"POST",
			"/api/method/frappe.desk.reportview.get_count",
			{"doctype": dt, "filters": name_filter},
		),
		(
			"search_link",
			"POST",
			"/api/method/frappe.desk.search.search_link",
			{"doctype": dt, "txt": target.secrets[0][:12]},
		),
		(
			"search_widget",
			"POST",
			"/api/method/frappe.desk.search.search_widget",
			{"doctype": dt, "txt": target.secrets[0][:12]},
		),
		(
			"form.load.getdoc",
			"GET",
			"/api/method/frappe.desk.form.load.getdoc",
			{"doctype": dt, "name": name},
		),
		(
			"form.load.get_docinfo",
			"GET",
			"/api/method/frappe.desk.form.load.get_docinfo",
			{"doctype": dt, "name": name},
		),
		("printview page", "GET", "/printview", {"doctype": dt, "name": name}),
		(
			"printview html",
			"POST",
			"/api/method/frappe.www.printview.get_html_and_style",
			{"doc": dt, "name": name},
		),
		(
			"print pdf",
			"GET",
			"/api/method/frappe.utils.print_format.download_pdf",
			{"doctype": dt, "name": name},
		),
		(
			"comments",
			"POST",
			"/api/method/frappe.client.get_list",
			{"doctype": "Comment", "fields": '["*"]', "filters": json.dumps({"reference_name": name})},
		),
		(
			"communications",
			"POST",
			"/api/method/frappe.client.get_list",
			{"doctype": "Communication", "fields": '["*"]', "filters": json.dumps({"reference_name": name})},
		),
		(
			"versions",
			"POST",
			"/api/method/frappe.client.get_list",
			{"doctype": "Version", "fields": '["*"]', "filters": json.dumps({"docname": name})},
		),
		(
			"files",
			"POST",
			"/api/method/frappe.client.get_list",
			{"doctype": "File", "fields": '["*"]', "filters": json.dumps({"attached_to_name": name})},
		),
		(
			"export",
			"POST",
			"/api/method/frappe.desk.reportview.export_query",
			{
				"doctype": dt,
				"file_format_type": "CSV",
				"filters": name_filter,
				"fields": json.dumps([f"`tab{dt}`.`{target.title_field}`"]),
			},
		),
	]


def write_attempts(target: Target) -> list[tuple[str, str, str, dict]]:
	dt, name = target.doctype, target.name
	marker = "Übernommen von fremder Organisation"
	return [
		("resource update", "PUT", f"/api/resource/{dt}/{name}", {"json": {target.title_field: marker}}),
		(
			"client.set_value",
			"POST",
			"/api/method/frappe.client.set_value",
			{"doctype": dt, "name": name, "fieldname": target.title_field, "value": marker},
		),
		(
			"client.save",
			"POST",
			"/api/method/frappe.client.save",
			{"doc": json.dumps({"doctype": dt, "name": name, target.title_field: marker})},
		),
		("resource delete", "DELETE", f"/api/resource/{dt}/{name}", {}),
		(
			"add comment",
			"POST",
			"/api/method/frappe.desk.form.utils.add_comment",
			{
				"reference_doctype": dt,
				"reference_name": name,
				"content": marker,
				"comment_email": "x@example.org",
				"comment_by": "x",
			},
		),
		(
			"insert comment",
			"POST",
			"/api/method/frappe.client.insert",
			{
				"doc": json.dumps(
					{
						"doctype": "Comment",
						"comment_type": "Comment",
						"reference_doctype": dt,
						"reference_name": name,
						"content": marker,
					}
				)
			},
		),
		(
			"attach file",
			"POST",
			"/api/method/upload_file",
			{
				"files": {"file": ("fremd.txt", marker.encode())},
				"doctype": dt,
				"docname": name,
				"is_private": 1,
			},
		),
		(
			"share to self",
			"POST",
			"/api/method/frappe.share.add",
			{"doctype": dt, "name": name, "user": "__self__", "read": 1, "write": 1},
		),
		(
			"assign to self",
			"POST",
			"/api/method/frappe.desk.form.assign_to.add",
			{"doctype": dt, "name": name, "assign_to": '["__self__"]'},
		),
		(
			"workflow action",
			"POST",
			"/api/method/frappe.model.workflow.apply_workflow",
			{"doc": json.dumps({"doctype": dt, "name": name}), "action": "Approve"},
		),
	]


def send(session: requests.Session, base_url: str, user: str, method: str, path: str, params: dict):
	params = {k: (v.replace("__self__", user) if isinstance(v, str) else v) for k, v in params.items()}
	files = params.pop("files", None)
	body = params.pop("json", None)
	url = f"{base_url}{path}"
	if method == "GET":
		return session.get(url, params=params)
	if method == "DELETE":
		return session.delete(url)
	if method == "PUT":
		return session.put(url, json=body)
	return session.post(url, data=params, files=files)


def leaked(
	response: requests.Response, secrets: tuple[str, ...], *, must_be_empty: bool = False
) -> list[str]:
	"""The secrets found in an answer; counts must be 0; a filtered list must be empty when the
	filter itself is the probe (an answer at all would confirm the guess)."""
	if response.status_code >= 400:
		return []
	text = response.text
	found = [secret for secret in secrets if secret and secret in text]
	if "get_count" in response.url and (count := response.json().get("message")):
		found.append(f"count={count}")
	if must_be_empty and (response.json().get("data") or response.json().get("message")):
		found.append("answered a probe on a confidential field")
	return found


def own_reporter_attempts(own: dict) -> list[tuple[str, str, str, dict]]:
	"""The confidential reporter of the partner's own case: never through any route."""
	dt, name = "Mediation Case", own["case"]
	by_email = json.dumps([[dt, "reporter_email", "=", own["reporter_email"]]])
	return [
		("own case get", "GET", f"/api/resource/{dt}/{name}", {}),
		("own case getdoc", "GET", "/api/method/frappe.desk.form.load.getdoc", {"doctype": dt, "name": name}),
		("own case client.get", "POST", "/api/method/frappe.client.get", {"doctype": dt, "name": name}),
		(
			"reporter via get_value",
			"POST",
			"/api/method/frappe.client.get_value",
			{"doctype": dt, "filters": name, "fieldname": '["reporter_name", "reporter_email"]'},
		),
		(
			"reporter via list fields",
			"GET",
			f"/api/resource/{dt}",
			{"fields": '["reporter_name", "reporter_email", "reporter_phone"]'},
		),
		(
			"reporter via reportview",
			"POST",
			"/api/method/frappe.desk.reportview.get",
			{
				"doctype": dt,
				"fields": json.dumps([f"`tab{dt}`.`reporter_name`", f"`tab{dt}`.`reporter_email`"]),
			},
		),
		(
			"reporter via filter",
			"POST",
			"/api/method/frappe.client.get_count",
			{"doctype": dt, "filters": by_email},
		),
		("reporter via list filter", "GET", f"/api/resource/{dt}", {"filters": by_email}),
		(
			"reporter via versions",
			"POST",
			"/api/method/frappe.client.get_list",
			{"doctype": "Version", "fields": '["data"]', "filters": json.dumps({"docname": name})},
		),
		(
			"reporter via communications",
			"POST",
			"/api/method/frappe.client.get_list",
			{
				"doctype": "Communication",
				"fields": '["sender", "content"]',
				"filters": json.dumps({"reference_name": name}),
			},
		),
		(
			"reporter via the email",
			"POST",
			"/api/method/frappe.client.get",
			{"doctype": "Communication", "name": own["communication"]},
		),
		(
			"reporter via the email, resource",
			"GET",
			f"/api/resource/Communication/{own['communication']}",
			{},
		),
		(
			"reporter via docinfo",
			"GET",
			"/api/method/frappe.desk.form.load.get_docinfo",
			{"doctype": dt, "name": name},
		),
		(
			"reporter via email list",
			"GET",
			"/api/resource/Communication",
			{"fields": '["sender", "content"]'},
		),
		(
			"reporter via search",
			"POST",
			"/api/method/frappe.desk.search.search_link",
			{"doctype": dt, "txt": own["reporter_name"][:14]},
		),
	]


def attack(session: requests.Session, base_url: str, user: str, who: str, targets: list[Target]):
	"""Every read and write route against every target; (attempts, failures)."""
	attempts, failures = 0, []
	for target in targets:
		for label, method, path, params in read_attempts(target) + write_attempts(target):
			attempts += 1
			response = send(session, base_url, user, method, path, dict(params))
			where = f"{who} {label} on {target.doctype} {target.name}"
			if response.status_code >= 500:
				failures.append(f"{where}: server error {response.status_code}")
			elif found := leaked(response, target.secrets):
				failures.append(f"{where}: leaked {found}")
	return attempts, failures


def snapshot(admin: requests.Session, base_url: str, world: dict) -> dict:
	"""What a successful write would change, read as Administrator."""
	state = {}
	for label in ("A", "B"):
		for doctype, key in (
			("Mediation Case", "case"),
			("Round Table Action", "action"),
			("Round Table Meeting", "meeting"),
			("Partner Organisation", "organisation"),
			("Partner Contact", "contact"),
			("Refugee Household", "household"),
			("Household Referral", "household_referral"),
			("Early Signal", "early_signal"),
		):
			doc = admin.get(f"{base_url}/api/resource/{doctype}/{world[label][key]}").json()["data"]
			state[(doctype, doc["name"])] = (doc["modified"], doc.get("_assign"))
			for child in ("Comment", "File", "DocShare"):
				field = {"Comment": "reference_name", "File": "attached_to_name", "DocShare": "share_name"}[
					child
				]
				count = admin.post(
					f"{base_url}/api/method/frappe.client.get_count",
					data={"doctype": child, "filters": json.dumps({field: doc["name"]})},
				).json()["message"]
				state[(child, doc["name"])] = count
	return state


def own_household_referral_attempts(own: dict) -> list[tuple[str, str, str, dict]]:
	"""The partner's own household referral is readable, but the family's name and the member only in
	the portal under consent, never through Frappe's routes (a print would show the household's title)."""
	dt, name = "Household Referral", own["household_referral"]
	by_member = json.dumps([[dt, "referred_member", "=", own["referred_member"]]])
	return [
		("own referral get", "GET", f"/api/resource/{dt}/{name}", {}),
		("own referral client.get", "POST", "/api/method/frappe.client.get", {"doctype": dt, "name": name}),
		(
			"member via list fields",
			"GET",
			f"/api/resource/{dt}",
			{"fields": '["referred_member", "family_name", "consent_override_reason"]'},
		),
		(
			"member via get_value",
			"POST",
			"/api/method/frappe.client.get_value",
			{"doctype": dt, "filters": name, "fieldname": '["referred_member", "family_name"]'},
		),
		("member via filter", "GET", f"/api/resource/{dt}", {"filters": by_member}),
		("member via count filter", "POST", "/api/method/frappe.client.get_count", {"doctype": dt, "filters": by_member}),
		("own referral printview", "GET", "/printview", {"doctype": dt, "name": name}),
		(
			"own referral printview html",
			"POST",
			"/api/method/frappe.www.printview.get_html_and_style",
			{"doc": dt, "name": name},
		),
		("own referral pdf", "GET", "/api/method/frappe.utils.print_format.download_pdf", {"doctype": dt, "name": name}),
		("own referral docinfo", "GET", "/api/method/frappe.desk.form.load.get_docinfo", {"doctype": dt, "name": name}),
	]


def household_referral_portal_attempts(other: dict) -> list[tuple[str, str, str, dict]]:
	"""The portal's own routes to a household referral: its page and the partner's three answers."""
	api = "/api/method/mitmenschen.portal.household_referrals"
	name = other["household_referral"]
	return [
		("household referral page", "GET", f"/partner/households/{name}", {}),
		("household referral page, lowercase", "GET", f"/partner/households/{name.lower()}", {}),
		("accept household referral", "POST", f"{api}.accept_household_referral", {"household_referral": name}),
		(
			"decline household referral",
			"POST",
			f"{api}.decline_household_referral",
			{"household_referral": name, "reason": "eingeschleust"},
		),
		("complete household referral", "POST", f"{api}.complete_household_referral", {"household_referral": name}),
	]


def test_partners_cannot_reach_each_others_records(base_url, admin_session, world, figure):
	before = snapshot(admin_session, base_url, world)
	attempts, failures = 0, []
	for attacker in ("A", "B"):
		own = world[attacker]
		session = api_session(base_url, own["user"], own["password"])

		# Positive controls: the partner sees its own case, or the refusals below prove nothing.
		own_list = session.get(
			f"{base_url}/api/resource/Mediation Case", params={"fields": '["name", "subject"]'}
		)
		assert own_list.ok and [row["name"] for row in own_list.json()["data"]] == [own["case"]], (
			own_list.text
		)
		own_case = session.get(f"{base_url}/api/resource/Mediation Case/{own['case']}").json()["data"]
		assert own_case["subject"] == own["case_subject"]
		own_action = session.get(f"{base_url}/api/resource/Round Table Action/{own['action']}")
		assert own_action.ok, own_action.text
		own_referrals = session.get(f"{base_url}/api/resource/Household Referral", params={"fields": '["name"]'})
		assert [row["name"] for row in own_referrals.json()["data"]] == [own["household_referral"]]
		own_page = session.get(f"{base_url}/partner/households/{own['household_referral']}")
		assert own_page.ok and own["referred_member"] in own_page.text, "consent given: the portal names the child"
		listing = session.get(f"{base_url}/partner/households")
		assert listing.ok and own["household_referral"] in listing.text
		other = world["B" if attacker == "A" else "A"]
		attempts += 1
		if other["household_referral"] in listing.text or other["referred_member"] in listing.text:
			failures.append(f"{attacker} household referral list shows the other organisation's referral")

		tried, failed = attack(session, base_url, own["user"], attacker, targets_for(world, attacker))
		attempts, failures = attempts + tried, failures + failed
		for label, method, path, params in own_reporter_attempts(own):
			attempts += 1
			response = send(session, base_url, own["user"], method, path, dict(params))
			probe = "filter" in label
			if found := leaked(
				response,
				(own["reporter_name"], own["reporter_email"], "+49 421 555 0100"),
				must_be_empty=probe,
			):
				failures.append(f"{attacker} {label}: leaked the confidential reporter {found}")

		for label, method, path, params in own_household_referral_attempts(own):
			attempts += 1
			response = send(session, base_url, own["user"], method, path, dict(params))
			secrets = (own["referred_member"], own["family_name"])
			if found := leaked(response, secrets, must_be_empty="filter" in label):
				failures.append(f"{attacker} {label}: leaked the household {found}")

		for label, method, path, params in household_referral_portal_attempts(other):
			attempts += 1
			response = send(session, base_url, own["user"], method, path, dict(params))
			secrets = (other["referred_member"], other["family_name"])
			if response.status_code < 400 or any(secret in response.text for secret in secrets):
				failures.append(f"{attacker} {label}: answered {response.status_code}")

		# The other's private attachment under /private/files.
		other_file = world["B" if attacker == "A" else "A"]["file_url"]
		attempts += 1
		response = session.get(f"{base_url}{other_file}")
		if response.ok and "Vertrauliches Protokoll" in response.text:
			failures.append(f"{attacker} downloaded {other_file}")

	after = snapshot(admin_session, base_url, world)
	changed = [key for key in before if before[key] != after[key]]
	figure(
		f"partner isolation: {attempts} attempts, {len(failures)} leaks, {len(changed)} records changed"
	)
	assert attempts >= 100
	assert not failures, "\n".join(failures)
	assert not changed, f"writes got through: {changed}"


def test_tenants_reach_no_case_through_the_api(base_url, world, figure):
	"""Tenants see their own reports in the portal only; the generic API gives them no case at all,
	neither the partners' nor their own, and no household."""
	tenant = world["tenant"]
	session = api_session(base_url, tenant["user"], tenant["password"])
	targets = [
		Target(
			"Mediation Case",
			world["A"]["case"],
			(world["A"]["case_subject"], world["A"]["reporter_email"]),
			"subject",
		),
		Target("Mediation Case", tenant["case"], (tenant["case_subject"],), "subject"),
		Target("Refugee Household", world["A"]["household"], (world["A"]["family_name"],), "family_name"),
		Target(
			"Household Referral",
			world["A"]["household_referral"],
			(world["A"]["referred_member"], world["A"]["family_name"], world["A"]["household_referral"]),
			"need",
		),
		Target("Early Signal", world["A"]["early_signal"], (world["A"]["early_signal_cause"],), "cause"),
	]
	attempts, failures = attack(session, base_url, tenant["user"], "tenant", targets)
	for label, method, path, params in [
		("household referrals page", "GET", "/partner/households", {}),
		*household_referral_portal_attempts(world["A"]),
	]:
		attempts += 1
		response = send(session, base_url, tenant["user"], method, path, dict(params))
		if response.status_code < 400 or world["A"]["referred_member"] in response.text:
			failures.append(f"tenant {label}: answered {response.status_code}")
	figure(f"tenant isolation: {attempts} attempts, {len(failures)} leaks")
	assert not failures, "\n".join(failures)


# ---- early signals: staff only, through every route of their own --------------------------------

SIGNALS = "/api/method/mitmenschen.early_signals.offers"


def early_signal_attempts(world: dict, label: str) -> list[tuple[str, str, str, dict]]:
	signal = world[label]["early_signal"]
	return [
		("offer a talk", "POST", f"{SIGNALS}.offer_talk", {"early_signal": signal}),
		("offer a letter", "POST", f"{SIGNALS}.offer_letter", {"early_signal": signal}),
		(
			"offer a referral",
			"POST",
			f"{SIGNALS}.offer_referral",
			{"early_signal": signal, "partner_organisation": world[label]["organisation"]},
		),
		(
			"record an answer",
			"POST",
			f"{SIGNALS}.record_answer",
			{"early_signal": signal, "offer": "x", "taken_up": 1},
		),
		("download the letter", "GET", f"{SIGNALS}.download_letter", {"early_signal": signal}),
		("check now", "POST", f"{SIGNALS}.check_now", {}),
		(
			"report",
			"GET",
			"/api/method/frappe.desk.query_report.run",
			{"report_name": "Early Signal Figures"},
		),
	]


def test_early_signals_give_partners_and_tenants_nothing(base_url, admin_session, world, figure):
	"""A partner (about the household it was referred, whose consents it holds) and a tenant get no
	signal, no offer and no figure through the offer routes; nothing changes."""
	before = snapshot(admin_session, base_url, world)
	attempts, failures = 0, []
	for who, user, password in (
		("A", world["A"]["user"], world["A"]["password"]),
		("tenant", world["tenant"]["user"], world["tenant"]["password"]),
	):
		session = api_session(base_url, user, password)
		for label, method, path, params in early_signal_attempts(world, "A"):
			attempts += 1
			response = send(session, base_url, user, method, path, dict(params))
			secrets = (world["A"]["early_signal_cause"], world["A"]["family_name"], "Rent Arrears")
			if response.status_code < 400 or any(secret in response.text for secret in secrets):
				failures.append(f"{who} {label}: answered {response.status_code} {response.text[:120]}")
	after = snapshot(admin_session, base_url, world)
	changed = [key for key in before if before[key] != after[key]]
	figure(f"early signals: {attempts} attempts, {len(failures)} leaks, {len(changed)} records changed")
	assert not failures, "\n".join(failures)
	assert not changed, f"writes got through: {changed}"


# ---- the round table's minutes: a partner's copy holds only its own cases ------------------------


@pytest.fixture(scope="module")
def minutes_world() -> dict:
	return bench_execute("mitmenschen.tests.minutes_world.build")


def pdf_text(content: bytes) -> str:
	import subprocess

	return subprocess.run(
		["pdftotext", "-", "-"], input=content, capture_output=True, check=True
	).stdout.decode()


def minutes_attempts(world: dict, attacker: str) -> list[tuple[str, str, str, dict]]:
	"""Every way to the minutes: the portal download and Frappe's print routes, on the meeting both
	attend (the copy must leave out the other's cases), its draft, and the other's own meeting."""
	other = "B" if attacker == "A" else "A"
	download = "/api/method/mitmenschen.portal.partner_api.minutes_pdf"
	shared, draft, only_b = (
		world["meeting"],
		world["draft_meeting"],
		world["only_b_meeting"],
	)
	attempts = [
		("portal download of the shared minutes", "GET", download, {"meeting": shared}),
		("portal download of the draft", "GET", download, {"meeting": draft}),
		(
			"portal download by a list",
			"GET",
			download,
			{"meeting": json.dumps([shared, only_b])},
		),
		("portal download, no meeting", "GET", download, {}),
		("portal meetings page", "GET", "/partner/meetings", {}),
	]
	if attacker == "A":
		attempts.append(("portal download of B's own meeting", "GET", download, {"meeting": only_b}))
	for print_format in ("Standard", "Round Table Minutes"):
		for meeting in (shared, draft, only_b):
			params = {
				"doctype": "Round Table Meeting",
				"name": meeting,
				"format": print_format,
			}
			attempts += [
				(f"printview {print_format} {meeting}", "GET", "/printview", params),
				(
					f"print pdf {print_format} {meeting}",
					"GET",
					"/api/method/frappe.utils.print_format.download_pdf",
					params,
				),
				(
					f"printview html {print_format} {meeting}",
					"POST",
					"/api/method/frappe.www.printview.get_html_and_style",
					{
						"doc": "Round Table Meeting",
						"name": meeting,
						"print_format": print_format,
					},
				),
			]
	doc = {"doctype": "Round Table Meeting", "name": shared}
	attempts += [  # the shared meeting's own record: its agenda names every organisation's cases
		(
			"shared meeting, resource get",
			"GET",
			f"/api/resource/Round Table Meeting/{shared}",
			{},
		),
		("shared meeting, client.get", "POST", "/api/method/frappe.client.get", doc),
		(
			"shared meeting, getdoc",
			"GET",
			"/api/method/frappe.desk.form.load.getdoc",
			doc,
		),
		(
			"shared meeting, list with the agenda",
			"GET",
			"/api/resource/Round Table Meeting",
			{"fields": '["name", "`tabRound Table Agenda Item`.`topic`"]'},
		),
		(
			"agenda rows by case",
			"POST",
			"/api/method/frappe.client.get_count",
			{
				"doctype": "Round Table Agenda Item",
				"filters": json.dumps({"mediation_case": world[other]["case"]}),
			},
		),
	]
	attempts.append(
		(
			f"{other}'s case through its agenda row",
			"POST",
			"/api/method/frappe.client.get_list",
			{
				"doctype": "Round Table Agenda Item",
				"fields": '["topic", "mediation_case"]',
				"filters": json.dumps({"parent": shared}),
				"parent": "Round Table Meeting",
			},
		)
	)
	return attempts


def test_partners_minutes_hold_only_their_own_cases(base_url, minutes_world, figure):
	world = minutes_world
	attempts, failures = 0, []
	for attacker in ("A", "B"):
		own, other = world[attacker], world["B" if attacker == "A" else "A"]
		session = api_session(base_url, own["user"], own["password"])
		secrets = (
			other["case_subject"],
			other["case"],
			world["staff_case_subject"],
			world["staff_case"],
			other["reporter_name"],
			own["reporter_name"],
			own["reporter_email"],
			world["staff_reporter_name"],
		)
		if attacker == "A":
			secrets += (world["B"]["action_title"],)

		# Positive control: the partner downloads its copy, with its own case in it.
		response = session.get(
			f"{base_url}/api/method/mitmenschen.portal.partner_api.minutes_pdf",
			params={"meeting": world["meeting"]},
		)
		assert response.ok and response.content.startswith(b"%PDF"), response.text[:500]
		assert own["case_subject"] in pdf_text(response.content)
		page = session.get(f"{base_url}/partner/meetings")
		assert "mitmenschen.portal.partner_api.minutes_pdf?meeting=" in page.text

		for label, method, path, params in minutes_attempts(world, attacker):
			attempts += 1
			response = send(session, base_url, own["user"], method, path, dict(params))
			where = f"{attacker} {label}"
			if response.status_code >= 500:
				failures.append(f"{where}: server error {response.status_code}")
				continue
			if response.status_code >= 400:
				continue
			text = response.text
			if response.content.startswith(b"%PDF"):
				text = pdf_text(response.content)
			found = [secret for secret in secrets if secret and secret in text]
			if "get_count" in path and response.json().get("message"):
				found.append(f"count={response.json()['message']}")
			if found:
				failures.append(f"{where}: leaked {found}")
	figure(f"minutes isolation: {attempts} attempts, {len(failures)} leaks")
	assert attempts >= 40
	assert not failures, "\n".join(failures)


# ---- the reporter's follow-up: a signed link is the only way in -------------------------------------


@pytest.fixture(scope="module")
def follow_up_world() -> dict:
	return bench_execute("mitmenschen.tests.loop_world.isolation_world")


def pdf_or_text(response: requests.Response) -> str:
	"""A PDF's text (pdftotext), else the body."""
	if not response.content.startswith(b"%PDF"):
		return response.text
	import subprocess

	result = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True)
	return result.stdout.decode()


def follow_up_attempts(case: str, sig: str) -> list[tuple[str, str, str, dict]]:
	"""Every way at a case's follow-up without its link: forged and missing signatures, the answer
	method, the clerk's phone answer, the letter (which holds the link) through our route and Frappe's."""
	forged = ("a" if sig[0] != "a" else "b") + sig[1:]
	dt = "Mediation Case"
	return [
		("forged link page", "GET", f"/f/{case}/{forged}", {}),
		("truncated link page", "GET", f"/f/{case}/{sig[:8]}", {}),
		("page by query", "GET", "/follow-up", {"case": case, "sig": forged}),
		("thanks page", "GET", "/follow-up", {"done": "1", "case": case}),
		(
			"answer with a forged link",
			"POST",
			"/api/method/mitmenschen.mediation.follow_up.submit_answer",
			{
				"case": case,
				"sig": forged,
				"answer": "not_solved",
				"comment": "gefälscht",
			},
		),
		(
			"answer without a link",
			"POST",
			"/api/method/mitmenschen.mediation.follow_up.submit_answer",
			{"case": case, "sig": "", "answer": "solved"},
		),
		(
			"phone answer",
			"POST",
			"/api/method/mitmenschen.mediation.follow_up.record_phone_answer",
			{"case": case, "answer": "solved"},
		),
		(
			"letter",
			"GET",
			"/api/method/mitmenschen.mediation.follow_up.download_letter",
			{"case": case},
		),
		(
			"letter via printview",
			"GET",
			"/printview",
			{
				"doctype": dt,
				"name": case,
				"format": "Follow-up Letter",
				"no_letterhead": 1,
			},
		),
		(
			"letter via download_pdf",
			"GET",
			"/api/method/frappe.utils.print_format.download_pdf",
			{"doctype": dt, "name": case, "format": "Follow-up Letter"},
		),
		(
			"letter context",
			"POST",
			"/api/method/mitmenschen.mediation.follow_up.letter_context",
			{"doc": json.dumps({"doctype": dt, "name": case, "follow_up_expires_on": "2099-01-01"})},
		),
	]


def test_follow_up_routes_give_partners_tenants_and_strangers_nothing(
	base_url, admin_session, world, follow_up_world, figure
):
	fu = follow_up_world
	secrets = (
		fu["subject"],
		fu["reporter_name"],
		fu["reporter_email"],
		fu["sig"],
		"+49 421 555 0199",
	)
	visitors = {
		"partner": api_session(base_url, world["A"]["user"], world["A"]["password"]),
		"tenant": api_session(base_url, world["tenant"]["user"], world["tenant"]["password"]),
		"stranger": requests.Session(),
	}
	attempts, failures = 0, []
	for who, session in visitors.items():
		for label, method, path, params in follow_up_attempts(fu["case"], fu["sig"]):
			attempts += 1
			response = send(session, base_url, who, method, path, dict(params))
			text = pdf_or_text(response)
			if response.status_code >= 500:
				failures.append(f"{who} {label}: server error {response.status_code}")
			elif found := [s for s in secrets if s in text]:
				failures.append(f"{who} {label}: leaked {found}")
			elif "answer" in label and response.ok:
				failures.append(f"{who} {label}: accepted")
	case = admin_session.get(f"{base_url}/api/resource/Mediation Case/{fu['case']}").json()["data"]
	figure(f"follow-up isolation: {attempts} attempts, {len(failures)} leaks")
	assert not case.get("follow_up_answered_on"), "an answer got through"
	assert case["status"] == "Closed"
	assert attempts >= 30
	assert not failures, "\n".join(failures)
	# positive control: the real link opens the question for anyone holding it
	page = visitors["stranger"].get(f"{base_url}/f/{fu['case']}/{fu['sig']}")
	assert page.ok and 'name="answer"' in page.text


# ---- language mediators: a signed link is the mediator's only way in; each partner sees its own pool ----


@pytest.fixture(scope="module")
def mediator_world() -> dict:
	return bench_execute("mitmenschen.tests.interpreting_world.isolation_world")


def mediator_attempts(world: dict) -> list[tuple[str, str, str, dict]]:
	"""Every way at a booking and its offer without the link, and at partner B's pool."""
	booking, offer, sig = world["booking"]["name"], world["booking"]["offer"], world["booking"]["sig"]
	forged = ("a" if sig[0] != "a" else "b") + sig[1:]
	answer = "/api/method/mitmenschen.interpreting.offers.answer"
	voice = "/api/method/mitmenschen.interpreting.voice.play"  # only for the booked mediator's link
	other = world["B"]["mediator"]
	translation, sig_t = world["translation"]["name"], world["translation"]["sig"]
	forged_t = ("a" if sig_t[0] != "a" else "b") + sig_t[1:]
	return [
		("forged link page", "GET", f"/d/{offer}/{forged}", {}),
		("truncated link page", "GET", f"/d/{offer}/{sig[:8]}", {}),
		("page by query", "GET", "/interpreting", {"offer": offer, "sig": forged}),
		("answer with a forged link", "POST", answer, {"offer": offer, "sig": forged, "response": "accept"}),
		("answer without a link", "POST", answer, {"offer": offer, "sig": "", "response": "accept"}),
		("voice message with a forged link", "GET", voice, {"offer": offer, "sig": forged}),
		("voice message without a link", "GET", voice, {"offer": offer, "sig": ""}),
		("voice message of an offer not accepted", "GET", voice, {"offer": offer, "sig": sig}),
		("booking", "GET", f"/api/resource/Interpreter Booking/{booking}", {}),
		("bookings", "GET", "/api/resource/Interpreter Booking", {"fields": '["*"]'}),
		("offer rows", "POST", "/api/method/frappe.client.get_list", {"doctype": "Interpreter Offer", "fields": '["*"]', "parent": "Interpreter Booking"}),
		("outcome", "POST", "/api/method/mitmenschen.interpreting.booking.record_outcome", {"booking": booking, "outcome": "Cancelled"}),
		("search again", "POST", "/api/method/mitmenschen.interpreting.offers.search_again", {"booking": booking}),
		("other pool's mediator", "GET", f"/api/resource/Language Mediator/{other}", {}),
		("other pool's mediator, desk", "GET", "/api/method/frappe.desk.form.load.getdoc", {"doctype": "Language Mediator", "name": other}),
		("mediators", "GET", "/api/resource/Language Mediator", {"fields": '["*"]', "limit_page_length": 500}),
		("mediator languages", "POST", "/api/method/frappe.client.get_list", {"doctype": "Mediator Language", "fields": '["*"]', "parent": "Language Mediator"}),
		("change other pool's mediator", "PUT", f"/api/resource/Language Mediator/{other}", {"phone": "+49 30 000"}),
		("move a mediator into another pool", "POST", "/api/resource/Language Mediator", {"full_name": "Eingeschleust", "email": "x@pool.example", "partner_organisation": world["B"]["organisation"], "status": "Paused", "by_phone": 1, "languages": [{"language": "ar"}]}),
		("forged translation page", "GET", f"/t/{translation}/{forged_t}", {}),
		("translation page by query", "GET", "/translation", {"translation": translation, "sig": forged_t}),
		("answer a translation with a forged link", "POST", "/api/method/mitmenschen.interpreting.written.submit_translation", {"translation": translation, "sig": forged_t, "text": "gefälscht"}),
		("translation record", "GET", f"/api/resource/Written Translation/{translation}", {}),
		("translations", "GET", "/api/resource/Written Translation", {"fields": '["*"]'}),
	]


def test_mediator_links_and_pools_give_partners_tenants_and_strangers_nothing(base_url, admin_session, mediator_world, figure):
	world = mediator_world
	secrets = (world["booking"]["dialect"], world["booking"]["call_link"], world["B"]["mediator_name"], world["B"]["mediator"], world["translation"]["text"])
	visitors = {
		"partner": api_session(base_url, world["A"]["user"], world["A"]["password"]),
		"tenant": api_session(base_url, world["tenant"]["user"], world["tenant"]["password"]),
		"stranger": requests.Session(),
	}
	attempts, failures = 0, []
	for who, session in visitors.items():
		for label, method, path, params in mediator_attempts(world):
			attempts += 1
			if method in ("PUT", "POST") and path.startswith("/api/resource/"):
				response = session.request(method, f"{base_url}{path}", json=params)
			else:
				response = send(session, base_url, who, method, path, dict(params))
			if response.status_code >= 500:
				failures.append(f"{who} {label}: server error {response.status_code}")
			elif found := [s for s in secrets if s in response.text]:
				failures.append(f"{who} {label}: leaked {found}")
			elif response.ok and (label.startswith(("answer", "outcome", "search", "change", "move", "voice"))):
				failures.append(f"{who} {label}: accepted")
	booking = admin_session.get(f"{base_url}/api/resource/Interpreter Booking/{world['booking']['name']}").json()["data"]
	mediator = admin_session.get(f"{base_url}/api/resource/Language Mediator/{world['B']['mediator']}").json()["data"]
	figure(f"mediator isolation: {attempts} attempts, {len(failures)} leaks")
	assert booking["status"] == "Offered" and not booking.get("mediator"), "an answer got through"
	assert mediator["phone"] != "+49 30 000"
	translation = admin_session.get(f"{base_url}/api/resource/Written Translation/{world['translation']['name']}").json()["data"]
	assert translation["status"] == "Requested" and not translation.get("translation"), "a forged translation got through"
	assert attempts >= 60
	assert not failures, "\n".join(failures)
	# positive controls: the partner manages its own pool; the real link opens the offer for its holder
	partner = visitors["partner"]
	own = partner.get(f"{base_url}/api/resource/Language Mediator", params={"fields": '["name"]'}).json()["data"]
	assert [row["name"] for row in own] == [world["A"]["mediator"]]
	changed = partner.put(f"{base_url}/api/resource/Language Mediator/{world['A']['mediator']}", json={"phone": "+49 421 555 0000"})
	assert changed.ok, changed.text[:500]
	page = visitors["stranger"].get(f"{base_url}/d/{world['booking']['offer']}/{world['booking']['sig']}")
	assert page.ok and world["booking"]["dialect"] in page.text
	page = visitors["stranger"].get(f"{base_url}/t/{world['translation']['name']}/{world['translation']['sig']}")
	assert page.ok and world["translation"]["text"] in page.text
