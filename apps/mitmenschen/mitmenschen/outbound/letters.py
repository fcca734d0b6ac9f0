"""The letter queue: notices for people without a consented digital channel. A clerk prints all queued
letters as one PDF (one letter a page, in the reader's writing direction, a notice's PDF attachments
behind its letter: the house rules' picture page); printing marks them sent and puts "Brief gedruckt"
on each timeline."""

import io

import frappe
from frappe import _
from frappe.utils import escape_html, formatdate, now_datetime, nowdate
from frappe.utils.pdf import get_file_data_from_writer, get_pdf
from pypdf import PdfReader, PdfWriter

from mitmenschen.language import text_direction
from mitmenschen.outbound import consent
from mitmenschen.outbound.notices import LOG, QUEUED, SENT, attachments_of, log

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


def letters_pdf(messages: list) -> bytes:
	"""The letters in one PDF; the letters in a row without attachments are rendered in one go."""
	writer, pending = PdfWriter(), []

	def flush() -> None:
		if pending:
			html = "".join(pending)
			# no blank page after the last letter (an attachment or the end follows)
			style = "<style>.letter:last-child { page-break-after: auto !important; }</style>"
			get_pdf(
				f'<html><head><meta charset="utf-8">{style}</head><body>{html}</body></html>', output=writer
			)
			pending.clear()

	for message in messages:
		pending.append(letter_html(message))
		files = [frappe.get_doc("File", name) for name in attachments_of(message.name)]
		pdfs = [file for file in files if (file.file_name or file.file_url or "").lower().endswith(".pdf")]
		if pdfs:
			flush()
			for pdf in pdfs:
				writer.append_pages_from_reader(PdfReader(io.BytesIO(pdf.get_content())))
	flush()
	return get_file_data_from_writer(writer)


@frappe.whitelist(methods=["POST"])
def print_letters() -> dict:
	"""One PDF of all queued letters, kept as a private file; returns its URL and the count."""
	frappe.only_for(STAFF_ROLES)
	names = queued_letters()
	if not names:
		return {"count": 0, "file_url": None}
	messages = [frappe.get_doc(LOG, name) for name in names]
	stamp = now_datetime().strftime("%Y-%m-%d-%H%M%S")
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"letters-{stamp}.pdf",
			"is_private": 1,
			"content": letters_pdf(messages),
		}
	).insert(ignore_permissions=True)
	for message in messages:
		message.db_set({"status": SENT, "sent_on": now_datetime(), "attempts": 1})
		log(message, _("Letter to {0} printed", lang="de").format(consent.party_title(message.party_doctype, message.party) or message.party))
	return {"count": len(messages), "file_url": file.file_url}
