"""A clerk sends the house rules to a family that agreed to SMS (issue #22): the Send dialog offers the
household's agreed channel first, the family gets a short Arabic SMS with a signed link through a
real SMS gateway on loopback, the link opens the Arabic picture page without a login, and the
household records the delivery by SMS. Sent again, nothing leaves twice."""

from urllib.parse import urlparse

import pytest
import requests
from conftest import desk_login
from mitmenschen.tests.gateways import SMSGateway
from mitmenschen.tests.notice_world import BROWSER_SMS_PORT
from portal_world import bench_execute, shot


@pytest.fixture(scope="module")
def gateway():
    server = SMSGateway(BROWSER_SMS_PORT).start()
    yield server
    server.stop()


def house_rules_menu(page, item: str):
    page.locator(".inner-group-button:visible button", has_text="Hausordnung").click()
    return page.locator(".dropdown-menu:visible .dropdown-item", has_text=item)


def send_from_dialog(page) -> None:
    house_rules_menu(page, "Hausordnung senden").click()
    dialog = page.locator(".modal-dialog:visible")
    dialog.wait_for()
    page.wait_for_function(
        "() => window.cur_dialog && cur_dialog.get_value('channel') === 'Agreed Channel'"
    )
    assert (
        "Vereinbarter Kanal: SMS"
        in dialog.locator("select[data-fieldname='channel']").inner_text()
    )
    assert not dialog.locator("[data-fieldname='recipient'] input").is_visible(), (
        "no address to type"
    )
    assert not dialog.locator(
        ".frappe-control[data-fieldname='recipient_note']"
    ).is_visible(), "no 'print it instead' hint"
    shot(page, "house_rules_agreed_channel_dialog")
    dialog.locator(".btn-primary", has_text="Absenden").click()
    dialog.wait_for(state="hidden")


def test_clerk_sends_the_house_rules_by_sms_with_a_link_to_the_arabic_picture_page(
    page, base_url, gateway
):
    world = bench_execute("mitmenschen.tests.notice_world.house_rules_by_sms")
    desk_login(page, base_url, world["clerk"], world["password"])
    page.goto(f"{base_url}/app/refugee-household/{world['household']}")
    page.wait_for_function(
        "(name) => window.cur_frm && cur_frm.doc.name === name", arg=world["household"]
    )

    send_from_dialog(page)
    page.wait_for_function(
        "() => (cur_frm.doc.house_rules_deliveries || []).length === 1", timeout=30_000
    )
    [sms] = [r for r in gateway.delivered() if r["to"] == world["number"]]
    assert "صفحة الصور" in sms["text"], sms["text"]  # Arabic: "the picture page"
    link = next(
        word for word in sms["text"].split() if "house_rules_sending.sheet" in word
    )
    assert "language=ar" in link

    # the family opens the link on its phone: the picture page, no login
    sheet = requests.get(
        f"{base_url}{urlparse(link).path}?{urlparse(link).query}", timeout=120
    )
    assert sheet.status_code == 200, sheet.text[:300]
    assert sheet.headers[
        "Content-Type"
    ] == "application/pdf" and sheet.content.startswith(b"%PDF")
    forged = requests.get(
        f"{base_url}{urlparse(link).path}?{urlparse(link).query.replace('language=ar', 'language=uk')}",
        timeout=60,
    )
    assert forged.status_code == 403

    delivery = page.evaluate("cur_frm.doc.house_rules_deliveries[0]")
    assert (delivery["channel"], delivery["recipient"], delivery["languages"]) == (
        "SMS",
        world["number"],
        "ar",
    )

    # sent again: the clerk is told, the family gets nothing twice
    send_from_dialog(page)
    page.locator(
        ".alert-message, .desk-alert", has_text="bereits gesendet"
    ).first.wait_for()
    page.reload()
    page.wait_for_function(
        "(name) => window.cur_frm && cur_frm.doc.name === name", arg=world["household"]
    )
    assert page.evaluate("cur_frm.doc.house_rules_deliveries.length") == 1
    # the household's connections lead to its channels and consents
    channels = page.locator(".document-link[data-doctype='Contact Channels']")
    channels.locator(".count").wait_for()
    assert channels.locator(".count").inner_text().strip() == "1"
    assert len([r for r in gateway.delivered() if r["to"] == world["number"]]) == 1
    shot(page, "house_rules_sent_by_sms")
