"""Desk smoke test: as a clerk and as a manager, open the list, a new form and an existing record of
every doctype of the app, every report of the app and the workspace, in a real headless Chromium.

The routes come from the site (`mitmenschen.tests.desk_world.build` reads the app's DocType, Report
and Workspace rows), so a new doctype or report is opened without editing this test. A route fails
on an uncaught JavaScript error (pageerror), a Frappe error dialog (a message with a red indicator),
a desk error page, or an XHR/fetch answered with HTTP status >= 400.

The same pass photographs every route that renders for the screenshot gallery (tests/gallery.py,
docs/gallery.md): one pass over the desk per account per run, shared through the `desk_pass` fixture.
"""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from conftest import desk_login
from playwright.sync_api import Error as PlaywrightError
from portal_world import bench_execute, shot

SETTLE_MS = 400  # no request in flight for this long: the route has rendered
ROUTE_TIMEOUT_MS = 20_000

# Frappe-core noise that is not an error of a route; each with its reason. Nothing of our app.
IGNORED_RESPONSES = (
	# bench serve runs no socket.io server: the desk's realtime client polls it and gets nothing
	"/socket.io/",
)
# (message, a frame of the stack): frappe-charts redraws on resize through a ResizeObserver that a
# report's second render leaves behind; the old chart's node is gone by then (seen once in ~100 runs
# of the report pages, on a loaded machine; the chart on the page is the new one and is drawn).
IGNORED_JS_ERRORS = (("Failed to execute 'removeChild' on 'Node'", "boundDrawFn"),)


@dataclass
class Probe:
	"""What the page reported while one route was open."""

	errors: list[str] = field(default_factory=list)

	def watch(self, page) -> None:
		page.on("pageerror", self.on_pageerror)
		page.on("response", self.on_response)

	def stop(self, page) -> None:
		page.remove_listener("pageerror", self.on_pageerror)
		page.remove_listener("response", self.on_response)

	def on_pageerror(self, error) -> None:
		if any(
			message in str(error) and frame in (error.stack or "") for message, frame in IGNORED_JS_ERRORS
		):
			return
		where = " < ".join(line.strip() for line in (error.stack or "").splitlines()[1:4])
		self.errors.append(f"JS error: {error} ({where})")

	def on_response(self, response) -> None:
		if response.request.resource_type not in ("xhr", "fetch") or response.status < 400:
			return
		if any(noise in response.url for noise in IGNORED_RESPONSES):
			return
		self.errors.append(f"HTTP {response.status} {response.request.method} {response.url}")


def open_route(page, path: str) -> None:
	"""Route inside the running desk (a full reload per route would take the suite minutes), then wait
	until nothing is in flight."""
	page.evaluate("path => frappe.set_route(path)", path)
	page.wait_for_function(
		"""path => {
			const current = decodeURIComponent(window.location.pathname);
			const wanted = decodeURIComponent(path);
			return (current === wanted || current.startsWith(wanted.replace(/\\/new$/, "/new-")))
				&& !frappe.request.ajax_count && !frappe.dom.freeze_count;
		}""",
		arg=path,
		timeout=ROUTE_TIMEOUT_MS,
	)
	settle(page)


def settle(page) -> None:
	page.wait_for_function(
		"() => !frappe.request.ajax_count && !frappe.dom.freeze_count",
		timeout=ROUTE_TIMEOUT_MS,
	)
	page.wait_for_timeout(SETTLE_MS)
	page.wait_for_function("() => !frappe.request.ajax_count", timeout=ROUTE_TIMEOUT_MS)


def dialog_errors(page) -> list[str]:
	"""Frappe's error dialogs (msgprint with a red indicator) and desk error pages on screen."""
	return page.evaluate(
		"""() => {
			const found = [];
			for (const modal of document.querySelectorAll(".modal.show")) {
				if (modal.querySelector(".modal-header .indicator.red")) {
					const title = modal.querySelector(".modal-title")?.innerText || "";
					const body = modal.querySelector(".modal-body")?.innerText || "";
					found.push(`error dialog: ${title}: ${body}`.slice(0, 400));
				}
			}
			const page = frappe.container?.page;
			const route = page?.getAttribute?.("data-page-route") || "";
			if (["not-found", "not-permitted", "error"].some(name => route.includes(name))) {
				found.push(`desk error page: ${route}`);
			}
			return found;
		}"""
	)


def close_dialogs(page) -> None:
	page.evaluate(
		"() => { for (const d of (frappe.ui.open_dialogs || [])) d.hide(); frappe.msg_dialog?.hide(); }"
	)


class DeskPass:
	"""One pass over the desk routes per account, shared by the smoke test and the gallery: each route is
	opened once, checked (Probe, error dialogs) and photographed for the gallery (a second pass for the
	pictures took the e2e step two more minutes)."""

	def __init__(self, browser, base_url: str, gallery) -> None:
		self.browser, self.base_url, self.gallery = browser, base_url, gallery
		self.passes: dict[str, dict] = {}
		self._world: dict | None = None

	@property
	def world(self) -> dict:
		if self._world is None:
			self._world = bench_execute("mitmenschen.tests.desk_world.build")
		return self._world

	def result(self, who: str) -> dict:
		"""{"routes", "failures" (any error), "unopened" (never rendered), "shots"} of one account."""
		if who not in self.passes:
			account = self.world["users"][who]
			context = self.browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
			page = context.new_page()
			page.set_default_timeout(30_000)
			try:
				self.passes[who] = self.run(page, who, account)
			finally:
				context.close()
		return self.passes[who]

	def run(self, page, who: str, account: dict) -> dict:
		desk_login(page, self.base_url, account["user"], self.world["password"])
		page.wait_for_function("() => window.frappe && frappe.set_route && frappe.boot")
		settle(page)  # the home workspace first: routing away while it loads is not what a user does
		failures, unopened, shots = [], [], []
		for route in account["routes"]:
			probe = Probe()
			probe.watch(page)
			path = "/".join(quote(part, safe="") for part in route["path"].split("/"))
			opened = True
			try:
				open_route(page, path)
			except PlaywrightError as error:  # a route that never settles is a failure, not the suite's end
				opened = False
				probe.errors.append(f"did not render: {str(error).splitlines()[0]}")
				unopened.append(f"{who} {route['path']}: {str(error).splitlines()[0]}")
			probe.errors += dialog_errors(page)
			probe.stop(page)
			if probe.errors:
				failures.append(f"{who} {route['kind']} {route['path']}: " + "; ".join(probe.errors))
				shot(
					page,
					f"desk_smoke_{who}_{route['kind']}_{route['doctype']}".replace(" ", "_"),
				)
			if opened:  # the picture as the user sees it, error dialogs included
				shots.append(self.gallery.take(page, f"Desk – {who}", f"{route['kind']} {route['doctype']}"))
			close_dialogs(page)
			if route["kind"] == "form" and route["doctype"] == "Round Table Meeting":
				shot(page, f"desk_smoke_{who}_round_table_meeting")
		return {"routes": account["routes"], "failures": failures, "unopened": unopened, "shots": shots}


@pytest.mark.parametrize("who", ["clerk", "manager"])
def test_every_desk_route_opens_without_errors(desk_pass, who, figure):
	account = desk_pass.world["users"][who]
	result = desk_pass.result(who)
	failures = result["failures"]
	counts = Counter(route["kind"] for route in account["routes"])
	by_kind = ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))
	figure(
		f"desk smoke ({who}): {len(result['routes'])} routes opened ({by_kind}), {len(failures)} failed; "
		f"left out: {account['skipped'] or 'nothing'}"
	)
	assert len(result["routes"]) >= 20, account["routes"]
	doctypes = {route["doctype"] for route in account["routes"]}
	assert {"Round Table Meeting", "Mediation Case", "Mitmenschen Settings"} <= doctypes
	assert not failures, "\n".join(failures)
