"""The tenant's "report a problem" form in a real browser, in Arabic (right to left), with a photo."""

import pytest
from portal_world import build_world, portal_login, shot

PNG_1PX = bytes.fromhex(
	"89504e470d0a1a0a0000000d4948445200000001000000010806000000"
	"1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4ea0000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def world() -> dict:
	return build_world()


def test_tenant_reports_in_arabic_with_a_photo(page, base_url, world, tmp_path):
	tenant = world["tenant"]
	portal_login(page, base_url, tenant["user"], world["password"])
	page.goto(f"{base_url}/report-problem?_lang=ar")
	assert page.evaluate("document.documentElement.dir") == "rtl"
	assert page.evaluate("document.documentElement.lang") == "ar"
	assert page.input_value("#report-location") == tenant["flat"]  # prefilled from the tenancy
	shot(page, "tenant-report-form-ar")

	# a mistake is explained in Arabic, and nothing is created
	page.locator(".mm-tile").first.click()  # what it is about, by pictogram
	page.fill("#report-description", "قصير")
	page.click("#report-form button[type=submit]")
	page.wait_for_selector(".mm-message:not([hidden])")
	assert "يرجى وصف المشكلة" in page.locator(".mm-message").inner_text()
	shot(page, "tenant-report-error-ar")

	# a photo that is not one is refused before anything is stored
	fake = tmp_path / "foto.png"
	fake.write_bytes(b"MZ this is no picture")
	description = "الموسيقى عالية جدا كل ليلة بعد منتصف الليل في الطابق الثاني"
	page.fill("#report-description", description)
	page.set_input_files("#report-photos", str(fake))
	page.click("#report-form button[type=submit]")
	page.wait_for_function("document.querySelector('.mm-message').innerText.includes('foto.png')")

	photo = tmp_path / "treppenhaus.png"
	photo.write_bytes(PNG_1PX)
	page.set_input_files("#report-photos", str(photo))
	page.click("#report-form button[type=submit]")
	page.wait_for_url("**/report-received**")  # the confirmation page, then the list
	page.goto(f"{base_url}/my-reports?_lang=ar")
	reports = page.locator("#my-reports").inner_text()
	assert description[:40] in reports
	assert world["other_tenant"]["subject"] not in reports  # never another tenant's report
	assert page.evaluate("document.documentElement.dir") == "rtl"
	shot(page, "tenant-my-reports-ar")


def test_tenant_sees_only_own_reports(page, base_url, world):
	other = world["other_tenant"]
	portal_login(page, base_url, other["user"], world["password"])
	page.goto(f"{base_url}/my-reports")
	assert other["subject"] in page.locator("#my-reports").inner_text()
	assert page.evaluate("document.documentElement.dir") == "ltr"
	shot(page, "tenant-my-reports-de")


def test_partner_pages_refuse_tenants(page, base_url, world):
	portal_login(page, base_url, world["tenant"]["user"], world["password"])
	response = page.goto(f"{base_url}/partner")
	assert response.status == 403
	assert "Traceback" not in page.content()


@pytest.mark.parametrize("lang", ["ar", "ckb"])
def test_frappes_own_pages_turn_right_to_left(page, base_url, lang):
	"""Frappe's login page sets lang only; our head line (mitmenschen.language) adds the direction, Sorani
	Kurdish included."""
	page.goto(f"{base_url}/login?_lang={lang}")
	page.wait_for_function("() => document.documentElement.dir === 'rtl'", timeout=10_000)
	assert page.evaluate("() => document.documentElement.lang") == lang
