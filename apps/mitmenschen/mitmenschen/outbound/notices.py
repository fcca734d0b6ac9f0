"""One way out for every notice to a family, a reporter or a language mediator.

	notify(("Refugee Household", "HH-2026-0001"), CLOSED_RESPONDENT, {"case": …},
	       reference=("Mediation Case", "MC-2026-00012"), key="closure:MC-2026-00012:respondent")

- renders the notice from the cooperative's editable templates (TemplateSet) in the person's language,
  else German with English below it;
- picks the channel (consent.choose_channel): the preferred one if consent for it is on record, else
  the next consented one, else the letter queue (a clerk prints the day's letters as one PDF,
  letters.py);
- sends once per idempotency key: the key is unique on the Outbound Message, and a second notify with
  the same key returns the first message;
- delivers after the caller's transaction commits (a rolled-back save sends nothing), and a gateway
  error leaves the message Failed with a next attempt; the retry job (every minute) sends it again.
  An error means the gateway did not take it, so a retry is never a second delivery. Each attempt is
  claimed (committed) before the gateway is called: a message is never in two attempts at once, and
  one whose attempt was cut off by a crash is not sent again but shown to a clerk as uncertain;
- logs on the case's or the person's timeline, in German for the clerks ("SMS an … gesendet").
"""

from dataclasses import dataclass
from functools import partial

import frappe
from frappe import _
from frappe.utils import add_to_date, cint, now_datetime
from markdownify import markdownify

from mitmenschen.outbound import consent, sms, whatsapp
from mitmenschen.outbound import mail as outbound_mail
from mitmenschen.outbound.gateways import GatewayError
from mitmenschen.outbound.templates import TemplateSet, render

LOG = "Outbound Message"
QUEUED, SENT, FAILED = "Queued", "Sent", "Failed"
DEFAULT_MAX_ATTEMPTS = 8
# the after-commit delivery goes first; the retry job picks up a Queued message only after this
FIRST_RETRY_MINUTES = 1
RETRY_BATCH = 500
# a claim older than this was cut off (a delivery takes seconds)
STALE_CLAIM_MINUTES = 15


@dataclass(frozen=True)
class Delivery:
	channel: str
	address: str | None


def notify(
	person: tuple[str, str],
	kind: TemplateSet,
	context: dict,
	*,
	reference: tuple[str, str] | None = None,
	key: str | None = None,
	language: str | None = None,
	email: str | None = None,
	attachments: list[str] | None = None,
) -> str:
	"""Queues the notice for `person` (doctype, name) and returns its Outbound Message. `email` is an
	address the person gave us themselves (a report's form) for a person without a Contact Channels
	record: mail, as before there were channels. `language` is used when the record names none.
	`attachments` (File names) go with a mail and are printed behind a letter; SMS and WhatsApp carry
	text only, so the notice's text should link them (a signed link). The template's context holds
	`channel` (Email, SMS, WhatsApp or Letter) besides the caller's."""
	key = key or ":".join([kind.prefix, *(reference or ()), *person])
	if existing := frappe.db.get_value(LOG, {"key": key}):
		return existing
	profile = consent.profile_of(*person)
	lang = (profile.language if profile else None) or language
	if profile or not email:
		channel, address = consent.choose_channel(profile)
	else:
		channel, address = consent.EMAIL, email
	# the template sees the channel: a text read on a phone may be shorter than a mail
	subject, body = render(kind, lang, {"channel": channel, **context})
	message = frappe.get_doc(
		{
			"doctype": LOG,
			"key": key,
			"kind": kind.prefix,
			"channel": channel,
			"status": QUEUED,
			"party_doctype": person[0],
			"party": person[1],
			"reference_doctype": reference[0] if reference else None,
			"reference_name": reference[1] if reference else None,
			"address": address,
			"language": lang if lang and frappe.db.exists("Language", lang) else None,
			"subject": subject,
			"message": body,
			"next_attempt_on": add_to_date(now_datetime(), minutes=FIRST_RETRY_MINUTES),
		}
	).insert(ignore_permissions=True)
	attach(message.name, attachments or [])
	if channel == consent.LETTER:
		message.db_set("next_attempt_on", None)
		log(message, _("Letter to {0} queued for printing", lang="de").format(recipient_label(message)))
	else:
		deliver_after_commit(message.name)
	return message.name


def attach(name: str, files: list[str]) -> None:
	"""The files go with the message: the same stored file, attached to the Outbound Message too."""
	for file in files:
		source = frappe.db.get_value(
			"File", file, ["file_url", "file_name", "is_private", "content_hash"], as_dict=True
		)
		if source:
			frappe.get_doc(
				{
					"doctype": "File",
					"file_url": source.file_url,
					"file_name": source.file_name,
					"is_private": source.is_private,
					# the same content: deleting the source (a re-rendered page) keeps the stored file
					"content_hash": source.content_hash,
					"attached_to_doctype": LOG,
					"attached_to_name": name,
				}
			).insert(ignore_permissions=True)


def attachments_of(name: str) -> list[str]:
	return frappe.get_all(
		"File",
		filters={"attached_to_doctype": LOG, "attached_to_name": name},
		pluck="name",
		order_by="creation asc",
	)


def mail_attachments(name: str) -> list[dict]:
	"""As content under the message's own file names (Frappe keeps one stored file per content, under
	the name it was first stored with)."""
	files = [frappe.get_doc("File", file) for file in attachments_of(name)]
	return [{"fname": file.file_name, "fcontent": file.get_content()} for file in files]


def deliver_after_commit(name: str) -> None:
	"""Delivery once the caller's transaction is committed: one callback per transaction for all its
	notices (each delivery commits, and a callback per notice would nest those commits)."""
	batch = getattr(frappe.local, "outbound_batch", None)
	if batch is None:
		batch = frappe.local.outbound_batch = []
		frappe.db.after_commit.add(partial(deliver_batch, batch))
		frappe.db.after_rollback.add(forget_batch)
	batch.append(name)


def forget_batch() -> None:
	"""The transaction was rolled back: its notices do not exist, nothing is delivered."""
	frappe.local.outbound_batch = None


def deliver_batch(batch: list[str]) -> None:
	frappe.local.outbound_batch = None
	for name in batch:
		try:
			deliver(name)
			frappe.db.commit()
		except Exception:
			frappe.db.rollback()
			frappe.log_error(title=f"Outbound message {name}")


def deliver(name: str) -> str:
	"""One attempt for a queued or failed message; returns its status. Commits twice: first the claim
	(sending_since), then the outcome. A second caller (the retry job beside the after-commit
	delivery) sees the claim and leaves the message alone; a process that dies between the two
	leaves the claim, and the message is never sent again automatically (see release_stale_claims)."""
	row = frappe.db.get_value(
		LOG, name, ["status", "channel", "sending_since"], as_dict=True, for_update=True
	)
	if not row or row.status == SENT or row.channel == consent.LETTER or row.sending_since:
		frappe.db.commit()  # releases the row
		return row.status if row else FAILED
	frappe.db.set_value(LOG, name, "sending_since", now_datetime(), update_modified=False)
	frappe.db.commit()
	message = frappe.get_doc(LOG, name)
	attempts = cint(message.attempts) + 1
	try:
		provider_id, mode = send(message)
	except GatewayError as error:
		give_up = error.permanent or attempts >= max_attempts()
		message.db_set(
			{
				"status": FAILED,
				"attempts": attempts,
				"error": str(error)[:1000],
				"sending_since": None,
				"next_attempt_on": None if give_up else add_to_date(now_datetime(), minutes=backoff(attempts)),
			}
		)
		if give_up:
			log(
				message,
				_("{0} to {1} could not be delivered: {2}", lang="de").format(
					_(message.channel, lang="de"), recipient_label(message), str(error)[:200]
				),
			)
		return FAILED
	message.db_set(
		{
			"status": SENT,
			"attempts": attempts,
			"sent_on": now_datetime(),
			"provider_message_id": provider_id,
			"whatsapp_mode": mode,
			"error": None,
			"sending_since": None,
			"next_attempt_on": None,
		}
	)
	log(message, sent_line(message))
	return SENT


def send(message) -> tuple[str | None, str | None]:
	"""Hands the message to its channel; returns (gateway's message id, WhatsApp mode)."""
	text = plain_text(message)
	if message.channel == consent.SMS:
		sms.send(message.address, text)
		return None, None
	if message.channel == consent.WHATSAPP:
		last_inbound = frappe.db.get_value(
			consent.PROFILE,
			{"party_doctype": message.party_doctype, "party": message.party},
			"whatsapp_last_inbound",
		)
		free_text = whatsapp.window_open(last_inbound)
		wamid = whatsapp.send(message.address, text, lang=message.language, free_text=free_text)
		return wamid, "Text" if free_text else "Template"
	if message.channel == consent.EMAIL:
		doctype, name = message.reference_doctype or message.party_doctype, message.reference_name or message.party
		try:
			communication = outbound_mail.send_from_record(
				doctype, name, message.address, message.subject, message.message, attachments=mail_attachments(message.name)
			)
		except frappe.ValidationError as error:
			raise GatewayError(str(error), permanent=True) from error
		if not communication:
			raise GatewayError(_("The site has no outgoing email account."))
		return communication, None
	raise GatewayError(f"unknown channel {message.channel}", permanent=True)


def plain_text(message) -> str:
	"""SMS and WhatsApp carry text: the subject, then the body without markup."""
	# no Markdown escapes: a link's "_" or a name's "*" stay as written
	body = markdownify(
		message.message or "",
		heading_style="ATX",
		strip=["a"],
		wrap=False,
		escape_underscores=False,
		escape_asterisks=False,
	).strip()
	return f"{message.subject}\n\n{body}" if message.subject else body


def retry_due() -> int:
	"""Scheduled every minute: one more attempt for each message that is due; returns how many were
	sent. Each message is committed on its own, so a crash loses at most the one in hand."""
	release_stale_claims()
	log_table = frappe.qb.DocType(LOG)
	# (frappe.get_all would read a missing next attempt as 0001-01-01, i.e. due: given-up messages too)
	due = (
		frappe.qb.from_(log_table)
		.select(log_table.name)
		.where(log_table.status.isin((QUEUED, FAILED)))
		.where(log_table.channel != consent.LETTER)
		.where(log_table.next_attempt_on.isnotnull() & (log_table.next_attempt_on <= str(now_datetime())))
		.where(log_table.sending_since.isnull())
		.orderby(log_table.next_attempt_on)
		.limit(RETRY_BATCH)
		.run(pluck=True)
	)
	sent = 0
	for name in due:
		try:
			sent += deliver(name) == SENT
			frappe.db.commit()
		except Exception:
			frappe.db.rollback()
			frappe.log_error(title=f"Outbound message {name}")
	return sent


def release_stale_claims() -> int:
	"""Messages whose sending was cut off long ago: the gateway may have taken them, so they are not
	sent again; they become Failed without a next attempt and a clerk is told on the timeline."""
	log_table = frappe.qb.DocType(LOG)
	cut_off = str(add_to_date(now_datetime(), minutes=-STALE_CLAIM_MINUTES))
	stale = (
		frappe.qb.from_(log_table)
		.select(log_table.name)
		.where(log_table.status != SENT)
		.where(log_table.sending_since.isnotnull() & (log_table.sending_since < cut_off))
		.run(pluck=True)
	)
	for name in stale:
		message = frappe.get_doc(LOG, name)
		message.db_set(
			{
				"status": FAILED,
				"sending_since": None,
				"next_attempt_on": None,
				"error": "Outcome unknown: sending was cut off. Not sent again automatically.",
			}
		)
		log(
			message,
			_("{0} to {1}: delivery uncertain (sending was cut off); please check and send again if needed", lang="de").format(
				_(message.channel, lang="de"), recipient_label(message)
			),
		)
		frappe.db.commit()
	return len(stale)


def max_attempts() -> int:
	return cint(frappe.db.get_single_value("Messaging Settings", "max_attempts")) or DEFAULT_MAX_ATTEMPTS


def backoff(attempts: int) -> int:
	"""Minutes until the next attempt: 1, 2, 4 … at most 4 hours."""
	return min(2 ** max(attempts - 1, 0), 240)


def recipient_label(message) -> str:
	name = consent.party_title(message.party_doctype, message.party) or message.party
	return f"{name} ({message.address})" if message.address else name


def sent_line(message) -> str:
	label = recipient_label(message)
	if message.channel == consent.SMS:
		return _("SMS to {0} sent", lang="de").format(label)
	if message.channel == consent.WHATSAPP:
		return _("WhatsApp message to {0} sent", lang="de").format(label)
	return _("Email to {0} sent", lang="de").format(label)


def log(message, text: str) -> None:
	"""On the case's timeline if there is one, else the person's."""
	if message.reference_doctype and message.reference_name:
		consent.timeline(message.reference_doctype, message.reference_name, text)
	else:
		consent.timeline(message.party_doctype, message.party, text)
