"""One email per recipient and sweep run, rendered from an Email Template in the recipient's language.

Mail goes into Frappe's Email Queue inside the sweep's transaction: it is queued exactly when the
timers are marked sent, and an SMTP outage only delays it (see `retry_failed_digests`).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import add_days, escape_html, get_url, now_datetime

from mitmenschen.escalation.ladder import describe
from mitmenschen.escalation.recipients import Recipient
from mitmenschen.escalation.sources import Notice
from mitmenschen.language import is_rtl
from mitmenschen.outbound.batch import Mail, queue_batch

DIGEST_TEMPLATE = "Mit:Menschen Escalation Digest"
MAX_REFERENCES_IN_SUBJECT = 3
MAX_ITEMS_LISTED = 25  # a longer list is not read; the rest is one link away
RETRY_WINDOW_DAYS = 7


@dataclass
class Digest:
	recipient: Recipient
	notices: list[Notice]

	@property
	def references(self) -> list[str]:
		return list(dict.fromkeys(n.reference_name for n in self.notices))


def group(notices: list[Notice]) -> list[Digest]:
	by_recipient: dict[str, Digest] = {}
	for notice in notices:
		digest = by_recipient.setdefault(notice.recipient.key, Digest(notice.recipient, []))
		# the same record at the same level reaches a person once, even when two rules name them
		if not any(n.timer == notice.timer for n in digest.notices):
			digest.notices.append(notice)
	return list(by_recipient.values())


@contextmanager
def language(lang: str) -> Iterator[None]:
	previous = frappe.local.lang
	frappe.local.lang = lang or previous
	try:
		yield
	finally:
		frappe.local.lang = previous


class DigestTemplate:
	"""The Email Template compiled once per sweep run (Jinja compiles a string on every render)."""

	def __init__(self, doc) -> None:
		from frappe.utils.jinja import get_jenv

		if ".__" in (doc.subject or "") + (doc.response_html or ""):
			frappe.throw(_("Illegal template"))
		self.subject = get_jenv().from_string(doc.subject or "")
		self.response_html = get_jenv().from_string(doc.response_html or "")


# The digest carries its own inline styles; Frappe would wrap it and inline its whole email.css.
HTML_FRAME = (
	'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
	'<body style="font-family: -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif; '
	'font-size: 14px; color: #171717; line-height: 1.5;">{body}</body></html>'
)


def render(digest: Digest, template: DigestTemplate, said: dict | None = None) -> tuple[str, str, str]:
	"""Subject, HTML body and plain-text body in the recipient's language. `said` keeps what each step
	says per language across a sweep's digests (most share a handful of steps)."""
	said = {} if said is None else said
	with language(digest.recipient.language):
		all_items = [
			{
				"reference": n.reference_name,
				"title": n.title,
				"link": n.link,
				"what": _said(said, n),
				"due_at": frappe.utils.format_datetime(n.due_at, "dd.MM.yyyy HH:mm") if n.due_at else "",
				"level": n.level,
			}
			for n in digest.notices
		]
		items = all_items[:MAX_ITEMS_LISTED]
		references = digest.references
		more = len(all_items) - len(items)
		context = {
			"items": items,
			"count": len(all_items),
			"more": _("… and {0} more.").format(more) if more else "",
			"more_link": get_url("/partner/cases" if digest.recipient.portal else "/app/escalation-log"),
			"refs": ", ".join(references[:MAX_REFERENCES_IN_SUBJECT])
			+ (" …" if len(references) > MAX_REFERENCES_IN_SUBJECT else ""),
			"one": items[0] if len(references) == 1 else None,
			"portal": digest.recipient.portal,
			"rtl": is_rtl(digest.recipient.language),
		}
		subject = " ".join(template.subject.render(context).split())
		# the body is HTML: a title is text, whatever markup someone typed into it
		body = template.response_html.render(
			{**context, "items": [{**item, "title": escape_html(item["title"] or "")} for item in items]}
		)
		text = "\n".join(
			[_("The following items need your attention:"), ""]
			+ [f"{i['reference']} · {i['title']} · {i['what']} · {i['due_at']}\n{i['link']}" for i in items]
			+ ([context["more"], context["more_link"]] if more else [])
		)
	return subject, body, text


def _said(said: dict, notice: Notice) -> str:
	key = (frappe.local.lang, notice.clock, notice.trigger, notice.percent, notice.hours_after_breach)
	if key not in said:
		said[key] = describe(notice.clock, notice.trigger, notice.percent, notice.hours_after_breach)
	return said[key]


def queue(
	digests: list[Digest], template: DigestTemplate, sender: str | None, thread_ids: dict[str, str]
) -> list[str | None]:
	"""Put the digests into the Email Queue, one mail each (outbound.batch: the rows in bulk); returns
	the Email Queue names in the order of `digests`."""
	said: dict = {}
	mails = []
	for digest in digests:
		subject, body, text = render(digest, template, said)
		single = digest.references[0] if len(digest.references) == 1 else None
		mails.append(
			Mail(
				recipient=digest.recipient.email,
				subject=subject,
				html=HTML_FRAME.format(title=escape_html(subject), body=body),
				text=text,
				reference_doctype=digest.notices[0].reference_doctype if single else None,
				reference_name=single,
				# replies to a mail about one record thread into that record's conversation
				in_reply_to=thread_ids.get(single) if single else None,
				headers={"X-Mitmenschen-References": ", ".join(digest.references[:20])},
			)
		)
	return queue_batch(mails, sender)


def outgoing_mail_ready() -> bool:
	"""An outgoing Email Account to queue mail with: the escalation sender of the settings, or the
	site's default. Without one, Frappe refuses to queue, so escalations wait (nothing is marked sent)."""
	sender = frappe.db.get_single_value("Mitmenschen Settings", "escalation_sender")
	if sender and frappe.db.get_value("Email Account", sender, "enable_outgoing"):
		return True
	return bool(frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}))


def email_template() -> DigestTemplate:
	return DigestTemplate(frappe.get_cached_doc("Email Template", DIGEST_TEMPLATE))


def retry_failed_digests() -> int:
	"""Re-queue digests that failed because the mail server was away: escalations must not get lost."""
	queue = frappe.qb.DocType("Email Queue")
	log = frappe.qb.DocType("Escalation Log")
	failed = (
		frappe.qb.from_(queue)
		.join(log)
		.on(log.email_queue == queue.name)
		.select(queue.name)
		.distinct()
		.where(queue.status == "Error")
		.where(queue.creation >= add_days(now_datetime(), -RETRY_WINDOW_DAYS))
	).run(pluck=True)
	if failed:
		frappe.qb.update(queue).set(queue.status, "Not Sent").set(queue.retry, 0).where(
			queue.name.isin(failed)
		).run()
	return len(failed)
