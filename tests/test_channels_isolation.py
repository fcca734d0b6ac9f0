"""The channels' routes over HTTP, tried by a partner, a tenant and a stranger: contact channels,
consents and notices stay unreadable, the letter queue unprintable, the household search empty, and
the webhooks refuse every call without the signature or token (a STOP smuggled in withdraws nothing).
Positive control: one correctly signed STOP does withdraw, so the refusals are not a broken route."""

import hashlib
import hmac
import json
import subprocess

import pytest
import requests
from portal_world import BENCH, SITE, api_session, bench_execute

WEBHOOK = "/api/method/mitmenschen.outbound.webhooks.whatsapp_webhook"
SMS_HOOK = "/api/method/mitmenschen.outbound.webhooks.sms"


@pytest.fixture(scope="module")
def world() -> dict:
	return bench_execute("mitmenschen.tests.channels_world.build")


def state(world: dict) -> dict:
	channels = world["channels"]
	kwargs = json.dumps({"profile": channels["profile"], "letter": channels["letter"]})
	result = subprocess.run(
		["bench", "--site", SITE, "execute", "mitmenschen.tests.channels_world.state", "--kwargs", kwargs],
		cwd=BENCH,
		capture_output=True,
		text=True,
		timeout=120,
		check=True,
	)
	return json.loads(result.stdout[result.stdout.index("{") :])


def stop_payload(number: str, message_id: str) -> bytes:
	message = {"from": number.lstrip("+"), "id": message_id, "timestamp": "1765000000", "type": "text", "text": {"body": "STOP"}}
	value = {"messaging_product": "whatsapp", "contacts": [{"wa_id": number.lstrip("+")}], "messages": [message]}
	return json.dumps({"object": "whatsapp_business_account", "entry": [{"changes": [{"value": value, "field": "messages"}]}]}).encode()


def signature(raw: bytes, secret: str) -> str:
	return "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def attempts(world: dict) -> list[tuple[str, str, str, dict]]:
	"""(label, method, path, request keyword arguments)."""
	channels = world["channels"]
	raw = stop_payload(channels["number"], "wamid.ISOLATION-FORGED")
	family = world["A"]["family_name"]
	return [
		("channels record", "GET", f"/api/resource/Contact Channels/{channels['profile']}", {}),
		("channels list", "GET", "/api/resource/Contact Channels", {"params": {"fields": '["*"]', "limit_page_length": 0}}),
		("notices list", "GET", "/api/resource/Outbound Message", {"params": {"fields": '["*"]', "limit_page_length": 0}}),
		("notice", "GET", f"/api/resource/Outbound Message/{channels['letter']}", {}),
		("print letters", "POST", "/api/method/mitmenschen.outbound.letters.print_letters", {}),
		(
			"household search",
			"POST",
			"/api/method/frappe.desk.search.search_link",
			{"data": {"doctype": "Refugee Household", "txt": family}},
		),
		(
			"household search by key",
			"POST",
			"/api/method/mitmenschen.households.name_search.search_households",
			{"data": {"doctype": "Refugee Household", "txt": family, "searchfield": "name", "start": 0, "page_len": 20}},
		),
		("webhook unsigned", "POST", WEBHOOK, {"data": raw, "headers": {"Content-Type": "application/json"}}),
		(
			"webhook forged",
			"POST",
			WEBHOOK,
			{"data": raw, "headers": {"Content-Type": "application/json", "X-Hub-Signature-256": signature(raw, "guess")}},
		),
		(
			"webhook verify",
			"GET",
			WEBHOOK,
			{"params": {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "challenge-4711"}},
		),
		(
			"sms stop without token",
			"POST",
			SMS_HOOK,
			{"data": {"token": "guess", "from": channels["number"], "text": "STOP", "id": "sms-iso"}},
		),
	]


def test_partners_tenants_and_strangers_get_nothing_and_change_nothing(base_url, world, figure):
	channels = world["channels"]
	secrets = (channels["number"], channels["address"], channels["letter_secret"], channels["number"].lstrip("+"), "challenge-4711")
	before = state(world)
	visitors = {
		"partner": api_session(base_url, world["A"]["user"], world["A"]["password"]),
		"tenant": api_session(base_url, world["tenant"]["user"], world["tenant"]["password"]),
		"stranger": requests.Session(),
	}
	tried, failures = 0, []
	for who, session in visitors.items():
		for label, method, path, kwargs in attempts(world):
			tried += 1
			response = session.request(method, f"{base_url}{path}", **kwargs)
			if response.status_code >= 500:
				failures.append(f"{who} {label}: server error {response.status_code}")
			elif leaked := [s for s in secrets if s in response.text]:
				failures.append(f"{who} {label}: leaked {leaked}")
			elif ("webhook" in label or "sms" in label or "print" in label) and response.ok:
				failures.append(f"{who} {label}: accepted ({response.status_code})")
	figure(f"channels isolation: {tried} attempts, {len(failures)} failures")
	assert tried >= 30
	assert not failures, "\n".join(failures)
	assert state(world) == before == {"withdrawn": [], "letter_status": "Queued"}


def test_a_correctly_signed_stop_withdraws(base_url, world):
	channels = world["channels"]
	check = requests.get(
		f"{base_url}{WEBHOOK}",
		params={"hub.mode": "subscribe", "hub.verify_token": channels["verify_token"], "hub.challenge": "4711"},
	)
	assert (check.status_code, check.text) == (200, "4711")
	raw = stop_payload(channels["number"], "wamid.ISOLATION-REAL")
	response = requests.post(
		f"{base_url}{WEBHOOK}",
		data=raw,
		headers={"Content-Type": "application/json", "X-Hub-Signature-256": signature(raw, channels["app_secret"])},
	)
	assert response.status_code == 200, response.text[:500]
	assert state(world)["withdrawn"] == ["WhatsApp"]
	sms = requests.post(
		f"{base_url}{SMS_HOOK}",
		data={"token": channels["sms_inbound_token"], "from": channels["number"], "text": "Stopp", "id": "sms-iso-real"},
	)
	assert sms.status_code == 200, sms.text[:500]
	assert state(world)["withdrawn"] == ["SMS", "WhatsApp"]
