"""The screenshot gallery (issue #23): every desk route the smoke test opens, as the clerk and as the
manager; the portal pages as a partner, as a tenant and as a guest; each print format of the app as an
image — saved into logs/gallery/ with an index.html, so that a person can look at all of them in minutes
before a release. The e2e step of bin/test writes it; logs/ is not committed (docs/gallery.md). The
desk's pictures are taken by the desk smoke test's pass (test_desk_smoke.py), which opens each route once
for both the check and the picture.

The test fails only when a page cannot be opened at all; what a page shows is for the person looking.
"""

import json
from urllib.parse import quote

from conftest import ADMIN_PASSWORD, desk_login
from gallery import GALLERY
from portal_world import bench_execute, build_world, portal_login

# a record each print format is meant for (the letter of a closed case, approved minutes)
PRINTABLE = {
	"Follow-up Letter": [["follow_up_expires_on", "is", "set"]],
	"Round Table Minutes": [["status", "=", "Minutes Approved"]],
}
EXPECTED_STATUS = {("guest", "/report-problem"): 403}


def test_desk_routes_as_clerk_and_manager(desk_pass, gallery):
	"""The desk's pictures come from the desk smoke test's pass (one pass takes both the check and the
	picture): every route of both accounts opened and is in the gallery."""
	failed, missing = [], []
	for who in ("clerk", "manager"):
		result = desk_pass.result(who)
		failed += result["unopened"]
		expected = {f"{route['kind']} {route['doctype']}" for route in result["routes"]}
		in_gallery = {caption for section, caption, _name in gallery.shots if section == f"Desk – {who}"}
		missing += [f"{who} {caption}" for caption in sorted(expected - in_gallery)]
		assert all((GALLERY / name).is_file() for name in result["shots"])
	assert not failed, "\n".join(failed)
	assert not missing, f"desk routes without a picture: {missing}"


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
	bench_execute("mitmenschen.tests.gallery_world.build")  # a record for each format that needs one
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
