"""The round table's evidence in a real browser: a manager and a clerk open every report on a world of
known cases (mitmenschen/tests/evidence_world.py: April 2026, 3 of 4 first responses within target),
the Mit:Menschen dashboard and the workspace with its number cards and charts, and see the figures."""

from urllib.parse import quote, urlencode

import pytest
from conftest import desk_login
from portal_world import bench_execute, shot

REPORTS = {  # report, extra filters, a figure the world makes it show
    "SLA Compliance": ({"view": "Category"}, "75"),
    "Case Statistics": ({}, "4"),
    "Recurrence Hotspots": ({"level": "Flat"}, "2"),
    "Partner Referrals": ({}, "66,7"),
    "Reporter Satisfaction": ({}, "3,67"),
}


@pytest.fixture(scope="module")
def world() -> dict:
    return bench_execute("mitmenschen.tests.evidence_world.build")


def open_report(page, base_url: str, world: dict, report: str, extra: dict) -> str:
    filters = {
        "from_date": world["from_date"],
        "to_date": world["to_date"],
        "district": world["district"],
        **extra,
    }
    page.goto(f"{base_url}/app/query-report/{quote(report)}?{urlencode(filters)}")
    page.locator(".dt-scrollable .dt-row").first.wait_for()
    page.locator(".chart-container svg, .frappe-chart").first.wait_for()
    page.wait_for_timeout(800)  # the chart's draw-in animation, for the screenshot
    return page.locator(".report-wrapper").inner_text()


@pytest.mark.parametrize("role", ["manager", "clerk"])
def test_reports_show_the_worlds_figures(page, base_url, world, role):
    desk_login(page, base_url, world[role], world["password"])
    for report, (extra, figure) in REPORTS.items():
        text = open_report(page, base_url, world, report, extra)
        assert figure in text, f"{report}: {figure} not in {text[:500]}"
        assert world["reporter"] not in text
        shot(page, f"evidence_{role}_{report.lower().replace(' ', '_')}")
    text = open_report(page, base_url, world, "SLA Compliance", {"view": "Breaches"})
    assert world["cases"]["D"] in text and world["cases"]["C"] in text
    shot(page, f"evidence_{role}_sla_breaches")


@pytest.mark.parametrize("role", ["manager", "clerk"])
def test_dashboard_and_workspace_show_cards_and_charts(page, base_url, world, role):
    desk_login(page, base_url, world[role], world["password"])
    page.goto(f"{base_url}/app/dashboard-view/{quote('Mit:Menschen')}")
    page.locator(".number-card-loading").first.wait_for(
        state="detached", timeout=60_000
    )
    cards = page.locator(".widget.number-widget-box")
    cards.first.wait_for()
    assert cards.count() == 8
    charts = page.locator(".widget.dashboard-widget-box")
    for index in range(6):  # each chart runs its report: wait until every one has drawn
        charts.nth(index).locator(
            ".chart-container svg, .frappe-chart svg"
        ).first.wait_for(timeout=90_000)
    page.wait_for_timeout(1000)  # the charts' draw-in animation
    text = (
        page.locator(".page-content").inner_text().lower()
    )  # card titles are upper case
    assert "erstreaktion im zielwert" in text and "fälle pro monat" in text
    assert "%" in text
    shot(page, f"evidence_{role}_dashboard")
    page.goto(f"{base_url}/app/mit-menschen")
    page.locator(".widget.number-widget-box").first.wait_for()
    page.locator(".number-card-loading").first.wait_for(
        state="detached", timeout=60_000
    )
    page.locator(".widget.dashboard-widget-box .chart-container svg").first.wait_for(
        timeout=90_000
    )
    text = page.locator("body").inner_text().lower()
    for label in (
        "zahlen für den runden tisch",
        "offene vermittlungsfälle",
        "überfällige aufgaben vom runden tisch",
    ):
        assert label in text, label
    assert "offene fälle" in text and "partnersuche" in text, (
        "the existing shortcuts stay"
    )
    shot(page, f"evidence_{role}_workspace")
