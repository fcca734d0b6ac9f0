"""The desk's charts as the clerk reads them (issue #23), in a real headless Chromium at 1400 px: numbers
on the axes and in the tooltips in German format ("1,5", not "1.5"), and category and partner names under
the bars not cut to "Hausor ..." — shown whole (wrapped) or, where even two lines are too short, cut with
"…" and their full text in the label's tooltip (<title>)."""

import re

import pytest
from conftest import desk_login
from portal_world import bench_execute, shot
from test_desk_smoke import open_route, settle

ENGLISH_DECIMAL = re.compile(r"^-?\d+\.\d{1,2}$")  # "1.5", "100.00" ("1.000" is German for a thousand)

LABELS_OF = """(chart) => [...chart.querySelectorAll('.x.axis text')].map(t => ({
	shown: [...t.childNodes].filter(n => n.nodeName !== 'title').map(n => n.textContent).join(' ').trim(),
	title: (t.querySelector('title') || {}).textContent || null}))"""


@pytest.fixture(scope="module")
def world() -> dict:
	return bench_execute("mitmenschen.tests.finder_chart_world.build")


def login(page, base_url: str, world: dict) -> None:
	page.set_viewport_size({"width": 1400, "height": 900})
	desk_login(page, base_url, world["clerk"], world["password"])
	page.wait_for_function("() => window.frappe && frappe.set_route && frappe.boot")
	settle(page)


def readable(label: dict, full: str) -> bool:
	"""The whole name is on screen, or a part of it ending in "…" and the whole name in the tooltip."""
	if label["shown"] == full:
		return True
	return (
		label["title"] == full
		and label["shown"].endswith("…")
		and label["shown"].split()[0].rstrip("…") in full
	)


def test_a_chart_speaks_german_numbers_and_keeps_long_labels_readable(page, base_url, world):
	login(page, base_url, world)
	open_route(page, "/app/mit-menschen")
	long_name = world["category"]
	labels = [
		long_name,
		"Lärm",
		"Müll",
		"Nachbarschaftsstreit und Beleidigungen im Hof",
		"Sonstiges",
		"Hausordnung",
	]
	# a bar chart as the workspace draws one (Frappe's chart widget: frappe.Chart, shortened y numbers)
	page.evaluate(
		"""(labels) => {
			const box = document.createElement('div');
			box.id = 'mm-chart-probe';
			box.style.width = '700px';
			document.querySelector('.layout-main-section').prepend(box);
			window.mm_probe = new frappe.Chart(box, {type: 'bar', height: 240,
				data: {labels, datasets: [{name: 'Sterne', values: [0.5, 1.5, 2, 1.25, 2, 1]},
					{name: 'Rückmeldungen in diesem Halbjahr', values: [1, 2, 1.5, 1, 0.5, 2]}]},
				axisOptions: {xIsSeries: 0, shortenYAxisNumbers: 1}});
		}""",
		labels,
	)
	# frappe-charts draws empty data first and the real data 0.7 s later (animated)
	page.wait_for_function(
		"""() => { const ticks = [...document.querySelectorAll('#mm-chart-probe .y.axis text')];
			return ticks.length && ticks[ticks.length - 1].textContent === '2'; }"""
	)
	page.wait_for_timeout(800)  # the animation's end redraws; the labels are set on the next frame
	ticks = page.evaluate(
		"() => [...document.querySelectorAll('#mm-chart-probe .y.axis text')].map(t => t.textContent)"
	)
	assert ticks and not [t for t in ticks if ENGLISH_DECIMAL.match(t)], ticks
	assert {"0,5", "1,5"} <= set(ticks), ticks

	shown = page.evaluate(LABELS_OF, page.locator("#mm-chart-probe").element_handle())
	for label, full in zip(shown, labels, strict=True):
		assert readable(label, full), (label, full)
	assert shown[0]["shown"] != "" and " ..." not in shown[0]["shown"], shown[0]
	legend = page.evaluate(
		"""() => [...document.querySelectorAll('#mm-chart-probe .legend-dataset-label')].map(t => ({
			shown: [...t.childNodes].filter(n => n.nodeName !== 'title').map(n => n.textContent).join(' ').trim(),
			title: (t.querySelector('title') || {}).textContent || null}))"""
	)
	assert readable(legend[1], "Rückmeldungen in diesem Halbjahr"), legend

	# the tooltip of the second bar: its values in German format
	tooltip = page.evaluate(
		"""() => { const chart = window.mm_probe; chart.makeDataByIndex && chart.makeDataByIndex();
			return chart.dataByIndex[1].values.map(v => String(v.formatted)); }"""
	)
	assert tooltip == ["1,5", "2"], tooltip
	shot(page, "desk-chart-probe")


def test_the_workspace_charts_show_german_numbers_and_whole_category_names(page, base_url, world):
	login(page, base_url, world)
	open_route(page, "/app/mit-menschen")
	page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
	# the SLA chart has the world's category (its case is new); the other charts draw what the site holds
	page.wait_for_function(
		"""() => [...document.querySelectorAll('.widget.dashboard-widget-box')].some(w =>
			w.innerText.includes('Service-Level nach Kategorie') && w.querySelector('.x.axis text'))"""
	)
	settle(page)
	page.wait_for_timeout(1500)  # frappe-charts draws the real data 0.7 s after an empty first drawing
	charts = page.evaluate(
		"""() => [...document.querySelectorAll('.widget.dashboard-widget-box')].map(w => ({
			title: (w.querySelector('.widget-title') || {}).innerText,
			y: [...w.querySelectorAll('.y.axis text')].map(t => t.textContent)}))"""
	)
	english = {c["title"]: [t for t in c["y"] if ENGLISH_DECIMAL.match(t)] for c in charts}
	assert not any(english.values()), english

	sla = page.locator(".widget.dashboard-widget-box", has_text="Service-Level nach Kategorie").first
	labels = page.evaluate(LABELS_OF, sla.element_handle())
	assert labels, "the SLA chart has no category labels"
	cut = [label for label in labels if label["shown"].endswith("...")]
	assert not cut, f"frappe-charts' cut labels: {cut}"
	mine = [label for label in labels if world["category"] in (label["shown"], label["title"])]
	assert mine and readable(mine[0], world["category"]), labels
	sla.scroll_into_view_if_needed()
	shot(page, "desk-workspace-charts")
