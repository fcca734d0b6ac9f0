"""A language mediator plays the voice message of the report they are booked for (issue #22, item 4): on
their appointment page (/d/<offer>/<signature>, no login) an audio player whose source the browser
loads and plays; the case stays out of the page. Another mediator of the same booking (whose offer was
taken), a forged link, and the booked mediator after cancelling get the same refusal and no player."""

import hashlib
import re

import pytest
import requests
from portal_world import bench_execute, shot
from test_language_mediators import assert_nothing_of_the_case

PLAY = "/api/method/mitmenschen.interpreting.voice.play"
ANSWER = "/api/method/mitmenschen.interpreting.offers.answer"


@pytest.fixture(scope="module")
def world() -> dict:
    return bench_execute("mitmenschen.tests.voice_world.build")


def play(base_url: str, offer: str, sig: str, n: int = 0) -> requests.Response:
    return requests.get(
        f"{base_url}{PLAY}", params={"offer": offer, "sig": sig, "n": n}, timeout=60
    )


def test_the_booked_mediator_plays_the_reports_voice_message(browser, base_url, world):
    booked = world["booked"]
    context = browser.new_context(
        viewport={"width": 420, "height": 900}, locale="de-DE"
    )
    page = context.new_page()
    response = page.goto(f"{base_url}/d/{booked['offer']}/{booked['sig']}")
    assert response.status == 200
    page.locator("#interpreting[data-state=mine]").wait_for()
    player = page.locator("#voice-messages audio[data-voice-message]")
    assert player.count() == 1
    # the browser loads the source and knows its length: a playable one-second message
    page.wait_for_function(
        "() => { const a = document.querySelector('audio[data-voice-message]');"
        " return a && a.readyState >= 1 && a.duration > 0.9 && a.duration < 1.1; }",
        timeout=30_000,
    )
    assert (
        page.evaluate("() => document.querySelector('audio[data-voice-message]').error")
        is None
    )
    assert "Sprachnachricht" in page.locator("#voice-messages").inner_text()
    source = player.get_attribute("src")
    assert booked["sig"] in source and world["case"] not in source, (
        "the source names the link, not the case"
    )
    assert_nothing_of_the_case(
        page.content(), world, "the mediator's page with the voice message"
    )
    shot(page, "mediators_07_voice_message")
    context.close()

    audio = play(base_url, booked["offer"], booked["sig"])
    assert audio.status_code == 200
    assert audio.headers["Content-Type"].startswith("audio/")
    assert len(audio.content) == world["voice_bytes"] and audio.content[:4] == b"RIFF"
    assert play(base_url, booked["offer"], booked["sig"], n=1).status_code == 403, (
        "only the case's one message"
    )


def test_another_mediator_a_forged_link_and_a_cancelled_appointment_get_nothing(
    browser, base_url, world
):
    booked, other = world["booked"], world["other"]
    forged = ("a" if booked["sig"][0] != "a" else "b") + booked["sig"][1:]
    refusals = [
        play(
            base_url, other["offer"], other["sig"]
        ),  # the other mediator's own (taken) link
        play(
            base_url, booked["offer"], other["sig"]
        ),  # the other mediator's signature on the booked offer
        play(base_url, booked["offer"], forged),
        play(base_url, booked["offer"], ""),
        play(base_url, "IB-0000", booked["sig"]),
    ]
    for response in refusals:
        assert response.status_code == 403, response.status_code
        assert not response.content.startswith(b"RIFF")
    assert len({hashlib.sha256(r.content).hexdigest() for r in refusals}) == 1, (
        "the same answer whoever asks"
    )

    context = browser.new_context(
        viewport={"width": 420, "height": 900}, locale="de-DE"
    )
    page = context.new_page()
    page.goto(f"{base_url}/d/{other['offer']}/{other['sig']}")
    page.locator("#interpreting[data-state=gone]").wait_for()
    assert page.locator("audio").count() == 0
    assert not re.search(r"voice\.play", page.content())
    context.close()

    cancelled = requests.post(
        f"{base_url}{ANSWER}",
        data={"offer": booked["offer"], "sig": booked["sig"], "response": "cancel"},
        timeout=60,
    )
    assert cancelled.json()["message"]["result"] == "cancelled"
    assert play(base_url, booked["offer"], booked["sig"]).status_code == 403, (
        "not after cancelling"
    )
    page_after = requests.get(
        f"{base_url}/d/{booked['offer']}/{booked['sig']}", timeout=60
    )
    assert "voice.play" not in page_after.text
