"""The letter queue: notices for people without a consented digital channel. A clerk prints all queued
letters as one PDF (one letter a page, in the reader's writing direction); printing marks them sent
and puts "Brief gedruckt" on each timeline."""

import frappe
from frappe import _
from frappe.utils import escape_html, formatdate, now_datetime, nowdate
from frappe.utils.pdf import get_pdf

from mitmenschen.language import text_direction
from mitmenschen.outbound import consent
from mitmenschen.outbound.notices import LOG, QUEUED, SENT, log

STAFF_ROLES = ("Mit:Menschen Clerk", "Mit:Menschen Manager", "System Manager")


def queued_letters() -> list[str]:
	return frappe.get_all(
		LOG, filters={"channel": consent.LETTER, "status": QUEUED}, pluck="name", order_by="creation asc"
	)


def letter_html(message) -> str:
	direction = text_direction(message.language or "de")
	address = escape_html(message.address or consent.party_title(message.party_doctype, message.party) or "")
	return (
		f'<div class="letter" dir="{direction}" style="page-break-after: always">'
		f'<p class="address">{address.replace(chr(10), "<br>")}</p>'
		f'<p class="date">{formatdate(nowdate())}</p>'
		f"<h3>{escape_html(message.subject or '')}</h3>"
		f"<div>{message.message or ''}</div>"
		"</div>"
	)


@frappe.whitelist(methods=["POST"])
def print_letters() -> dict:
	"""One PDF of all queued letters, kept as a private file; returns its URL and the count."""
	frappe.only_for(STAFF_ROLES)
	names = queued_letters()
	if not names:
		return {"count": 0, "file_url": None}
	messages = [frappe.get_doc(LOG, name) for name in names]
	html = "".join(letter_html(message) for message in messages)
	stamp = now_datetime().strftime("%Y-%m-%d-%H%M%S")
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"letters-{stamp}.pdf",
			"is_private": 1,
			"content": get_pdf(f'<html><head><meta charset="utf-8"></head><body>{html}</body></html>'),
		}
	).insert(ignore_permissions=True)
	for message in messages:
		message.db_set({"status": SENT, "sent_on": now_datetime(), "attempts": 1})
		log(message, _("Letter to {0} printed", lang="de").format(consent.party_title(message.party_doctype, message.party) or message.party))
	return {"count": len(messages), "file_url": file.file_url}
