"""One email per recipient and sweep run, rendered from an Email Template in the recipient's language.

Mail goes into Frappe's Email Queue inside the sweep's transaction: it is queued exactly when the
timers are marked sent, and an SMTP outage only delays it (see `retry_failed_digests`).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import frappe
from frappe.utils import add_days, now_datetime

from mitmenschen.escalation.ladder import describe
from mitmenschen.escalation.recipients import Recipient
from mitmenschen.escalation.sources import Notice

DIGEST_TEMPLATE = "Mit:Menschen Escalation Digest"
MAX_REFERENCES_IN_SUBJECT = 3
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


def render(digest: Digest, template) -> tuple[str, str]:
	"""Subject and HTML body in the recipient's language."""
	with language(digest.recipient.language):
		items = [
			{
				"reference": n.reference_name,
				"title": n.title,
				"link": n.link,
				"what": describe(n.clock, n.trigger, n.percent, n.hours_after_breach),
				"due_at": frappe.utils.format_datetime(n.due_at, "dd.MM.yyyy HH:mm") if n.due_at else "",
				"level": n.level,
			}
			for n in digest.notices
		]
		references = digest.references
		context = {
			"items": items,
			"count": len(items),
			"refs": ", ".join(references[:MAX_REFERENCES_IN_SUBJECT])
			+ (" …" if len(references) > MAX_REFERENCES_IN_SUBJECT else ""),
			"one": items[0] if len(references) == 1 else None,
			"portal": digest.recipient.portal,
			"rtl": digest.recipient.language in ("ar", "fa"),
		}
		subject = frappe.render_template(template.subject, context).strip()
		body = frappe.render_template(template.response_html, context)
	return subject, body


def queue(digest: Digest, template, sender: str | None, thread_ids: dict[str, str]) -> str | None:
	"""Put the digest into the Email Queue; returns the Email Queue name."""
	subject, body = render(digest, template)
	single = digest.references[0] if len(digest.references) == 1 else None
	first = digest.notices[0]
	queued = frappe.sendmail(
		recipients=[digest.recipient.email],
		sender=sender,
		subject=subject,
		message=body,
		reference_doctype=first.reference_doctype if single else None,
		reference_name=single,
		# replies to a mail about one record thread into that record's conversation
		in_reply_to=thread_ids.get(single) if single else None,
		add_unsubscribe_link=0,
		delayed=True,
		now=False,
		email_headers={"X-Mitmenschen-References": ", ".join(digest.references[:20])},
	)
	return queued.name if queued else None


def email_template():
	return frappe.get_cached_doc("Email Template", DIGEST_TEMPLATE)


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
