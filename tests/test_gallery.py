"""The screenshot gallery (issue #23): every desk route the smoke test opens, as the clerk and as the
manager; the portal pages as a partner, as a tenant and as a guest; each print format of the app as an
image — saved into logs/gallery/ with an index.html, so that a person can look at all of them in minutes
before a release. The e2e step of bin/test writes it; logs/ is not committed (docs/gallery.md).

The test fails only when a page cannot be opened at all; what a page shows is for the person looking.
"""

import html
import json
import os
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ADMIN_PASSWORD, desk_login
from playwright.sync_api import Error as PlaywrightError
from portal_world import BENCH, bench_execute, build_world, portal_login
from test_desk_smoke import open_route, settle

# a record each print format is meant for (the letter of a closed case, approved minutes)
PRINTABLE = {
	"Follow-up Letter": [["follow_up_expires_on", "is", "set"]],
	"Round Table Minutes": [["status", "=", "Minutes Approved"]],
}
GALLERY = Path(os.environ.get("MM_GALLERY_DIR", BENCH / "logs" / "gallery"))


EXPECTED_STATUS = {("guest", "/report-problem"): 403}


def slug(text: str) -> str:
	return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Gallery:
	def __init__(self) -> None:
		self.shots: list[tuple[str, str, str]] = []  # (section, caption, file)
		GALLERY.mkdir(parents=True, exist_ok=True)
		for old in GALLERY.glob("*.png"):
			old.unlink()

	def take(self, page, section: str, caption: str) -> None:
		name = f"{slug(section)}--{slug(caption)}.png"
		page.screenshot(path=str(GALLERY / name), full_page=True)
		self.shots.append((section, caption, name))

	def write_index(self) -> Path:
		sections: dict[str, list[str]] = {}
		for section, caption, name in self.shots:
			sections.setdefault(section, []).append(
				f'<figure><a href="{quote(name)}"><img src="{quote(name)}" loading="lazy"></a>'
				f"<figcaption>{html.escape(caption)}</figcaption></figure>"
			)
		body = "".join(
			f"<h2>{html.escape(section)} ({len(items)})</h2><div class=grid>{''.join(items)}</div>"
			for section, items in sections.items()
		)
		index = GALLERY / "index.html"
		index.write_text(
			'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Mit:Menschen – Galerie</title>'
			"<style>body{font-family:sans-serif;margin:1em}.grid{display:grid;"
			"grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px}"
			"figure{margin:0;border:1px solid #ddd;padding:6px}img{width:100%;height:200px;"
			"object-fit:cover;object-position:top}figcaption{font-size:12px}</style></head>"
			f"<body><h1>Mit:Menschen – Galerie ({len(self.shots)} Bilder)</h1>{body}</body></html>",
			encoding="utf-8",
		)
		return index


@pytest.fixture(scope="module")
def gallery():
	return Gallery()


def test_desk_routes_as_clerk_and_manager(browser, base_url, gallery):
	world = bench_execute("mitmenschen.tests.desk_world.build")
	failed = []
	for who in ("clerk", "manager"):
		account = world["users"][who]
		context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
		page = context.new_page()
		page.set_default_timeout(30_000)
		desk_login(page, base_url, account["user"], world["password"])
		page.wait_for_function("() => window.frappe && frappe.set_route && frappe.boot")
		settle(page)
		for route in account["routes"]:
			path = "/".join(quote(part, safe="") for part in route["path"].split("/"))
			try:
				open_route(page, path)
			except PlaywrightError as error:
				failed.append(f"{who} {route['path']}: {str(error).splitlines()[0]}")
				continue
			gallery.take(page, f"Desk – {who}", f"{route['kind']} {route['doctype']}")
			page.evaluate("() => { for (const d of (frappe.ui.open_dialogs || [])) d.hide(); }")
		context.close()
	assert not failed, "\n".join(failed)


def test_portal_pages_as_partner_tenant_and_guest(browser, base_url, gallery):
	world = build_world()
	a, tenant = world["A"], world["tenant"]
	visits = [
		(
			"partner",
			a["user"],
			a["password"],
			[
				"/partner",
				"/partner/referrals",
				f"/partner/cases/{a['case_to_accept']}",
				"/partner/actions",
				"/partner/meetings",
				"/partner/households",
				"/partner/profile",
			],
		),
		("tenant", tenant["user"], world["password"], ["/report-problem", "/my-reports", "/privacy"]),
		("guest", None, None, ["/report-problem", "/privacy", "/login"]),
	]
	failed = []
	for who, user, password, paths in visits:
		for lang in ("de", "ar"):
			context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
			page = context.new_page()
			if user:
				portal_login(page, base_url, user, password)
			for path in paths:
				response = page.goto(f"{base_url}{path}?_lang={lang}")
				page.wait_for_load_state("networkidle")
				status = response.status if response else None
				# the tenant form asks a guest to log in (403 with the login link): that page is shown too
				if status != EXPECTED_STATUS.get((who, path), 200):
					failed.append(f"{who} {path}: HTTP {status or '–'}")
				gallery.take(page, f"Portal – {who} ({lang})", path)
			context.close()
	assert not failed, "\n".join(failed)


def test_print_formats_as_images(browser, base_url, gallery, admin_session):
	formats = admin_session.get(
		f"{base_url}/api/resource/Print Format",
		params={
			"filters": '[["module", "in", ["Mediation", "Households", "Round Table", "Partners", "Evidence"]]]',
			"fields": '["name", "doc_type"]',
			"limit_page_length": 50,
		},
	).json()["data"]
	assert formats, "the app has print formats"
	context = browser.new_context(viewport={"width": 1000, "height": 1400}, locale="de-DE")
	page = context.new_page()
	desk_login(page, base_url, "Administrator", ADMIN_PASSWORD)
	missing = []
	for print_format in formats:
		records = admin_session.get(
			f"{base_url}/api/resource/{quote(print_format['doc_type'])}",
			params={
				"filters": json.dumps(PRINTABLE.get(print_format["name"], [])),
				"limit_page_length": 1,
				"order_by": "modified desc",
			},
		).json()["data"]
		if not records:
			missing.append(print_format["name"])
			continue
		name = records[0]["name"]
		page.goto(
			f"{base_url}/printview?doctype={quote(print_format['doc_type'])}&name={quote(name)}"
			f"&format={quote(print_format['name'])}&_lang=de"
		)
		page.wait_for_load_state("networkidle")
		gallery.take(page, "Print formats", f"{print_format['name']} ({name})")
	context.close()
	index = gallery.write_index()
	print(f"\ngallery: {len(gallery.shots)} images, {index}")
	assert not missing, f"no record to print with: {missing}"
