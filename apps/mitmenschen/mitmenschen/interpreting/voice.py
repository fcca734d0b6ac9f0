"""The voice message of the report a mediator is booked for, played on their appointment page
(/d/<offer>/<signature>): a family that cannot write records its report, and the mediator who will
interpret listens to it beforehand.

Served only while the link is the booked mediator's ("mine": accepted, the booking confirmed for
them, the day not past); a forged link, another mediator's, an open offer, a cancelled booking or a
withdrawn acceptance get the same refusal. Only the case's audio files are served (stored privately,
by index: no file name or URL of the case leaves), nothing else of the case.
"""

import re

import frappe
from frappe import _
from frappe.utils import cint, get_url

from mitmenschen.interpreting import offers

CASE = "Mediation Case"
# what the tenant's form and a WhatsApp voice note store (portal/uploads.py, outbound/inbound.py)
AUDIO = re.compile(r"\.(webm|ogg|oga|opus|m4a|mp4|mp3|aac|wav|amr)$", re.IGNORECASE)
ROUTE = "/api/method/mitmenschen.interpreting.voice.play"


def voice_files(case: str | None) -> list[str]:
	"""The case's audio files (File names), oldest first."""
	if not case:
		return []
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": CASE, "attached_to_name": case, "is_folder": 0},
		fields=["name", "file_name", "file_url"],
		order_by="creation asc",
	)
	return [f.name for f in files if AUDIO.search(f.file_name or f.file_url or "")]


def booked_case(offer: str | None, sig: str | None) -> str | None:
	"""The case of the booking, if the link is the booked and accepted mediator's; else None."""
	state, booking, _why = offers.check_link(offer, sig)
	if state != offers.MINE:
		return None
	return frappe.db.get_value(offers.DOCTYPE, booking.name, "mediation_case")


def urls(offer: str, sig: str) -> list[str]:
	"""The player's sources for the mediator's page (empty when there is nothing to play)."""
	from urllib.parse import urlencode

	count = len(voice_files(booked_case(offer, sig)))
	return [get_url(f"{ROUTE}?{urlencode({'offer': offer, 'sig': sig, 'n': n})}") for n in range(count)]


@frappe.whitelist(allow_guest=True, methods=["GET"])
def play(offer: str, sig: str, n: int = 0) -> None:
	"""The n-th voice message of the booked case, for the booked mediator's link only."""
	files = voice_files(booked_case(offer, sig))
	n = cint(n)
	if not 0 <= n < len(files):
		raise frappe.PermissionError(_("This link is not valid."))
	file = frappe.get_doc("File", files[n])
	frappe.local.response.filename = file.file_name
	frappe.local.response.filecontent = file.get_content()
	frappe.local.response.type = "download"
	frappe.local.response.display_content_as = "inline"
