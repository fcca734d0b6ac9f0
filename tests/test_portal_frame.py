"""The portal's own frame (issue #23): the cooperative's name and logo, a language switch, the help line and
the privacy notice around every partner and tenant page — and nothing of Frappe's shop frame (newsletter box,
"Powered by ERPNext", a "Home" bar, a landing page's gap above every card heading), at a phone's and a
desktop's width, right to left in Arabic."""

import pytest
from portal_world import bench_execute, build_world, portal_login, shot

# the language -> (direction, the help line's days as the reader reads them)
LANGUAGES = {"ar": ("rtl", "من الاثنين إلى الجمعة"), "de": ("ltr", "Montag bis Freitag")}
WIDTHS = (390, 1400)
SHOP_WORDS = ("Newsletter", "ERPNext", "Startseite", "Powered by", "Bereitgestellt")


@pytest.fixture(scope="module")
def world() -> dict:
	world = build_world()
	world["frame"] = bench_execute("mitmenschen.tests.frame_world.build")
	return world


def assert_frame(page, frame: dict, lang: str) -> None:
	direction, days = LANGUAGES[lang]
	assert page.evaluate("document.documentElement.dir") == direction
	text = page.evaluate("document.body.innerText")
	for word in SHOP_WORDS:
		assert word not in text, f"{word!r} on {page.url}"
	assert page.locator(".web-footer, .navbar, .footer-subscribe").count() == 0  # Frappe's frame is gone
	# the cooperative's name and logo, loaded
	assert page.locator(".mm-brand-name").inner_text() == frame["cooperative_name"]
	assert page.evaluate("document.querySelector('.mm-logo').naturalWidth") > 0
	# the language switch: every portal language, the current one marked, links to this page
	switch = page.locator(".mm-lang-picker a")
	assert switch.count() == 12
	assert page.locator(".mm-lang-picker a.active").get_attribute("lang") == lang
	assert page.locator(".mm-lang-picker a[lang=ti]").get_attribute("href").endswith("_lang=ti")
	# the help line (phone, opening hours in the reader's language) and the privacy notice
	assert frame["help_phone"] in page.locator(".mm-help-phone").inner_text()
	hours = page.locator(".mm-help-hours").inner_text()
	assert days in hours and "09:00" in hours and "16:00" in hours
	assert page.locator(".mm-privacy-link").get_attribute("href").startswith("/privacy")
	# clean: nothing wider than the screen, and each card's heading at the card's top (no empty slot)
	assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
	gaps = page.evaluate(
		"""() => [...document.querySelectorAll('.mm-card > h2:first-child')].map(h =>
		h.getBoundingClientRect().top - h.closest('.mm-card').getBoundingClientRect().top)"""
	)
	assert all(gap < 30 for gap in gaps), f"{gaps}px above the cards' headings"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("who,path", [("partner", "/partner"), ("tenant", "/my-reports")])
def test_the_portal_wears_the_cooperatives_frame(browser, base_url, world, who, path, width):
	context = browser.new_context(viewport={"width": width, "height": 900}, locale="de-DE")
	page = context.new_page()
	try:
		user = world["A"]["user"] if who == "partner" else world["tenant"]["user"]
		portal_login(page, base_url, user, world["password"])
		for lang in LANGUAGES:
			page.goto(f"{base_url}{path}?_lang={lang}")
			assert_frame(page, world["frame"], lang)
			if who == "partner":  # its home page is made of cards with headings
				assert page.locator(".mm-card > h2:first-child").count() >= 4
			shot(page, f"frame-{who}-{lang}-{width}")
		# the switch leads to the same page in the chosen language
		page.locator(".mm-lang-picker a[lang=ar]").click()
		page.wait_for_url(f"**{path}?_lang=ar")
		assert page.evaluate("document.documentElement.lang") == "ar"
	finally:
		context.close()


def test_the_privacy_notice_is_open_to_guests(page, base_url, world):
	page.goto(f"{base_url}/privacy?_lang=ar")
	assert_frame_minimal = page.locator(".mm-brand-name").inner_text() == world["frame"]["cooperative_name"]
	assert assert_frame_minimal
	assert "الخصوصية" in page.locator("h1").inner_text()
	assert "ERPNext" not in page.evaluate("document.body.innerText")
	assert page.locator(".mm-user").count() == 0  # nobody logged in
