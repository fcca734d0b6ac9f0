"""A report that needs no reading (issue #22): at a phone's width a tenant picks a pictogram, records a voice
message in the browser (Chromium's fake microphone), sends it and reads the confirmation in Arabic with the
report's number; the message is stored privately on the case and the clerk plays it there. A voice file that
is none, or far too long, gets a clear answer in the tenant's language and creates nothing."""

import json
import re
import shutil

import pytest
import requests
from conftest import CHROMIUM_FLAGS, desk_login
from portal_world import api_session, bench_execute, portal_login, shot

PHONE = {
	"viewport": {"width": 390, "height": 844},
	"device_scale_factor": 2,
	"is_mobile": True,
	"has_touch": True,
}
SUBMIT = "/api/method/mitmenschen.portal.tenant_api.submit_report"
NOISE_AR = "ضجيج"  # the demo's category "Lärm" in Arabic (locale/ar.po)


def server_message(response) -> str:
	"""Frappe's validation message: a JSON list of JSON objects."""
	messages = json.loads(response.json().get("_server_messages") or "[]")
	return " ".join(json.loads(m).get("message", "") for m in messages)


@pytest.fixture(scope="module")
def world() -> dict:
	return bench_execute("mitmenschen.tests.report_world.build")


@pytest.fixture(scope="module")
def media_browser(browser):
	"""Chromium with a fake microphone that needs no permission prompt, started by the session's Playwright
	(a second Playwright cannot run beside it)."""
	flags = [
		*CHROMIUM_FLAGS,
		"--use-fake-ui-for-media-stream",
		"--use-fake-device-for-media-stream",
	]
	media = browser.browser_type.launch(
		executable_path=shutil.which("chromium") or "/usr/bin/chromium",
		headless=True,
		args=flags,
	)
	yield media
	media.close()


def report_count(session, base_url: str) -> int:
	return session.get(f"{base_url}/my-reports").text.count("data-case=")


def test_a_tenant_reports_by_pictogram_and_voice_and_the_clerk_plays_it(media_browser, base_url, world):
	tenant = media_browser.new_context(**PHONE, locale="ar", permissions=["microphone"])
	page = tenant.new_page()
	clerk = media_browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
	desk = clerk.new_page()
	try:
		portal_login(page, base_url, world["tenant"]["user"], world["password"])
		page.goto(f"{base_url}/report-problem?_lang=ar")
		assert page.evaluate("document.documentElement.dir") == "rtl"
		# the form leads with the nine pictograms, each caption inside its tile, nothing wider than the phone
		tiles = page.locator(".mm-tile")
		assert tiles.count() == len(world["categories"])
		assert page.locator(".mm-tile svg.mm-pictogram").count() == tiles.count()
		assert page.locator(".mm-tile[data-pictogram=Noise]").inner_text().strip() == NOISE_AR
		assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
		outside = page.evaluate(
			"""() => [...document.querySelectorAll('.mm-tile')].filter(tile => {
				const t = tile.getBoundingClientRect(), c = tile.querySelector('.mm-tile-label').getBoundingClientRect();
				return c.left < t.left || c.right > t.right || c.bottom > t.bottom; }).length"""
		)
		assert outside == 0
		shot(page, "tenant-voice-form-ar")

		page.locator(".mm-tile[data-pictogram=Noise]").click()
		page.click(".mm-record")
		page.wait_for_selector(".mm-recorder.is-recording")
		page.wait_for_timeout(2500)
		page.click(".mm-record")
		page.wait_for_selector(".mm-voice-preview[src^='blob:']")
		shot(page, "tenant-voice-recorded-ar")
		page.click("#report-form .mm-send")
		page.wait_for_url("**/report-received**")

		# the confirmation, in Arabic: the number and what happens next
		assert page.evaluate("document.documentElement.lang") == "ar"
		assert page.evaluate("document.documentElement.dir") == "rtl"
		number = page.locator("#report-number").inner_text().strip()
		assert re.fullmatch(r"MC-\d{4}-\d{5}", number), number
		assert page.locator("#next-steps li").count() == 3
		text = page.locator("#report-received").inner_text()
		assert "رقم" in text and not re.search(r"[A-Za-z]{4,}", text.replace(number, ""))  # no German/English
		shot(page, "tenant-voice-confirmation-ar")

		# stored privately: the clerk fetches it, another tenant and a stranger do not
		desk_login(desk, base_url, world["clerk"], world["password"])
		desk.goto(f"{base_url}/app/mediation-case/{number}")
		audio = desk.wait_for_selector(".mm-voice-messages audio")
		src = audio.get_attribute("src")
		assert src.startswith("/private/files/") and number in src
		response = desk.request.get(f"{base_url}{src}")
		assert response.ok and len(response.body()) > 1000
		neighbour = api_session(base_url, world["other_tenant"]["user"], world["password"])
		assert neighbour.get(f"{base_url}{src}").status_code in (403, 404)
		assert requests.get(f"{base_url}{src}").status_code in (403, 404)
		# the confirmation page shows the own report only
		other = neighbour.get(f"{base_url}/report-received?case={number}")
		assert other.status_code in (200, 404) and number not in other.text  # Frappe's "not found" page
		played = desk.evaluate(
			"""async () => {
				const audio = document.querySelector('.mm-voice-messages audio');
				audio.muted = true;
				await audio.play();
				await new Promise(resolve => setTimeout(resolve, 800));
				return {time: audio.currentTime, error: audio.error && audio.error.code};
			}"""
		)
		assert played["error"] is None and played["time"] > 0, played
		desk.locator(".mm-voice-messages").scroll_into_view_if_needed()
		shot(desk, "clerk-plays-voice-message")
	finally:
		tenant.close()
		clerk.close()


@pytest.mark.parametrize(
	"content,words",
	[
		(b"MZ\x90\x00 this is a program, not a voice" * 40, "ليس رسالة صوتية"),
		(b"\x1aE\xdf\xa3" + b"\x00" * (10 * 1024 * 1024 + 10), "طويلة جدًا"),
	],
	ids=["not-audio", "too-long"],
)
def test_a_voice_file_that_is_none_or_too_long_is_refused_and_nothing_is_created(
	base_url, world, content, words
):
	session = api_session(base_url, world["tenant"]["user"], world["password"])
	before = report_count(session, base_url)
	response = session.post(
		f"{base_url}{SUBMIT}",
		data={
			"category": world["categories"]["Noise"],
			"language": "ar",
			"_lang": "ar",
		},
		files={"voice": ("voice-message.webm", content, "audio/webm")},
	)
	assert response.status_code == 417
	assert words in server_message(response)
	assert report_count(session, base_url) == before
