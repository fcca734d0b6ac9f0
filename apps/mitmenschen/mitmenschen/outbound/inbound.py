"""A message that comes back (WhatsApp, SMS) lands where a clerk looks: as a Communication on the
person's open case, or, from a number nobody knows or a person without an open case, on a new case
(a report) for a clerk to triage. Voice notes and photos are fetched from the Cloud API and stored as
private files of the case. "STOP" withdraws the channel and opens nothing.

Each message is handled once: its id (WhatsApp's wamid) is the Communication's message id, and a
delivery seen before is skipped. The case is addressed by its doctype name only; this package knows
no client module.
"""

import frappe
from frappe import _
from frappe.utils import escape_html, now_datetime

from mitmenschen.outbound import consent, phones, whatsapp
from mitmenschen.outbound.gateways import GatewayError

CASE = "Mediation Case"
HOUSEHOLD = "Refugee Household"
CLOSED = "Closed"
TRIAGE_CATEGORY = "Other"
MEDIA_TYPES = {
	"audio/ogg": "ogg",
	"audio/mpeg": "mp3",
	"audio/aac": "aac",
	"audio/amr": "amr",
	"audio/mp4": "m4a",
	"image/jpeg": "jpg",
	"image/png": "png",
	"image/webp": "webp",
	"video/mp4": "mp4",
	"application/pdf": "pdf",
}
MEDIUM = {consent.WHATSAPP: "Chat", consent.SMS: "SMS"}


def already_handled(message_id: str) -> bool:
	return bool(message_id) and bool(frappe.db.exists("Communication", {"message_id": message_id}))


def receive(
	channel: str,
	sender: str,
	message_id: str,
	*,
	text: str = "",
	media: dict | None = None,
	profile_name: str | None = None,
) -> str | None:
	"""Handles one inbound message; returns the case it landed on (None for STOP, a duplicate or a
	sender that is no phone number). `media` is {"id", "kind"} of a Cloud API media object."""
	if already_handled(message_id):
		return None
	number = phones.same_number(sender, consent.default_region())
	if not number:
		return None
	known = consent.profiles_by_number(number)
	if channel == consent.WHATSAPP:
		for profile in known:  # the 24-hour window opens with every message the person sends
			frappe.db.set_value(consent.PROFILE, profile.name, "whatsapp_last_inbound", now_datetime())
	if consent.is_stop(text) and not media:
		consent.withdraw_by_number(channel, number)
		return None
	person = known[0] if known else None
	case = (
		open_case_of(person)
		or open_report_of(number)
		or open_report(channel, number, text, person, profile_name)
	)
	files = [store_media(case, media, message_id)] if media else []
	add_communication(case, channel, number, message_id, text, files, person, profile_name)
	return case


def open_case_of(person) -> str | None:
	"""The person's newest case that is not closed."""
	if not person:
		return None
	if person.party_doctype == CASE:
		status = frappe.db.get_value(CASE, person.party, "status")
		return person.party if status and status != CLOSED else None
	field = {HOUSEHOLD: "respondent_household"}.get(person.party_doctype)
	if not field and frappe.get_meta(CASE).get_field("reporter_tenant"):
		field = "reporter_tenant"
	cases = frappe.get_all(
		CASE,
		filters={field: person.party, "status": ["!=", CLOSED]},
		pluck="name",
		order_by="creation desc",
		limit=1,
	)
	return cases[0] if cases else None


def open_report_of(number: str) -> str | None:
	"""The open report an earlier message from this number started (a number nobody's record holds
	writes on: one report, not one per message)."""
	cases = frappe.get_all(
		CASE,
		filters={"reporter_phone": number, "status": ["!=", CLOSED]},
		pluck="name",
		order_by="creation desc",
		limit=1,
	)
	return cases[0] if cases else None


def open_report(channel: str, number: str, text: str, person, profile_name: str | None) -> str:
	"""A new case in the triage state for a message nobody's case awaits."""
	name = (person.party_name if person else None) or profile_name or number
	values = {
		"doctype": CASE,
		"subject": _("{0} message from {1}", lang="de").format(channel, name)[:140],
		"category": triage_category(),
		"channel": channel if channel in channel_options() else "Phone",
		"description": escape_html(text) if text else None,
		"reporter_name": name,
		"reporter_phone": number,
	}
	if person and person.party_doctype not in (CASE, HOUSEHOLD):
		values.update(tenant_doctype=person.party_doctype, reporter_tenant=person.party)
	return frappe.get_doc(values).insert(ignore_permissions=True).name


def channel_options() -> list[str]:
	field = frappe.get_meta(CASE).get_field("channel")
	return (field.options or "").split("\n") if field else []


def triage_category() -> str:
	if frappe.db.exists("Case Category", TRIAGE_CATEGORY):
		return TRIAGE_CATEGORY
	return frappe.get_doc({"doctype": "Case Category", "category_name": TRIAGE_CATEGORY}).insert(
		ignore_permissions=True
	).name


def store_media(case: str, media: dict, message_id: str) -> dict:
	"""Fetches the media and keeps it as a private file of the case; returns {url, mime} or
	{"error": …} for media we do not keep (type, size). A passing gateway error is raised: the webhook
	answers 500 and WhatsApp delivers the message again."""
	try:
		content, mime = whatsapp.download_media(media["id"])
	except GatewayError as error:
		if not error.permanent:
			raise
		return {"error": str(error)}
	extension = MEDIA_TYPES.get(mime)
	if not extension:
		return {"error": _("type {0} is not stored", lang="de").format(mime or "?")}
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{media.get('kind') or 'media'}-{message_id[-12:]}.{extension}".replace("=", ""),
			"attached_to_doctype": CASE,
			"attached_to_name": case,
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)
	return {"url": file.file_url, "mime": mime}


def media_html(file: dict) -> str:
	if file.get("error"):
		return f"<p><em>{escape_html(_('An attachment was not stored: {0}', lang='de').format(file['error']))}</em></p>"
	url = escape_html(file["url"])
	if file["mime"].startswith("audio/"):
		return f'<p><audio controls src="{url}"></audio><br><a href="{url}">{_("Voice message", lang="de")}</a></p>'
	if file["mime"].startswith("image/"):
		return f'<p><a href="{url}"><img src="{url}" style="max-width: 320px"></a></p>'
	return f'<p><a href="{url}">{_("Attachment", lang="de")}</a></p>'


def add_communication(case, channel, number, message_id, text, files, person, profile_name) -> str:
	content = (f"<p>{escape_html(text)}</p>" if text else "") + "".join(media_html(f) for f in files)
	sender_name = (person.party_name if person else None) or profile_name or number
	return (
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": MEDIUM[channel],
				"sent_or_received": "Received",
				"subject": _("{0} message from {1}", lang="de").format(channel, sender_name)[:140],
				"content": content or "-",
				"sender_full_name": sender_name,
				"phone_no": number,
				"reference_doctype": CASE,
				"reference_name": case,
				"message_id": message_id,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def update_status(provider_message_id: str, status: str, error: str | None = None) -> bool:
	"""A WhatsApp delivery status (sent, delivered, read, failed) on the outbound log."""
	name = frappe.db.get_value("Outbound Message", {"provider_message_id": provider_message_id})
	if not name:
		return False
	values = {"delivery_status": status}
	if error:
		values["error"] = error[:1000]
	frappe.db.set_value("Outbound Message", name, values)
	return True
