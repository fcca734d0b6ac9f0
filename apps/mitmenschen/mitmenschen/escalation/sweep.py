"""The escalation sweep (scheduled every few minutes).

Each batch runs in one transaction: claim the due timers (`FOR UPDATE SKIP LOCKED`), ask their
sources whom to tell, queue one digest per recipient, log, mark the timers sent, commit. So

- a second sweep running at the same time skips the claimed rows and sends nothing twice;
- a crash before the commit rolls everything back, mails included (they are only Email Queue rows
  until then), and the next run sends them; nothing is half sent;
- the cost is one indexed range scan over due rows plus work per due timer.
"""

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import frappe
from frappe.utils import now_datetime

from mitmenschen.bulk import insert_rows
from mitmenschen.escalation import digest as digests
from mitmenschen.escalation.ladder import describe
from mitmenschen.escalation.sources import Notice, source_for
from mitmenschen.escalation.timers import SENT

BATCH_SIZE = 5000
MAX_DEADLOCK_RETRIES = 5
EMPTY_CLAIMS_AFTER_DEADLOCK = 3
CLAIM = """
	select name, reference_doctype, reference_name, clock, level, due_at, `trigger`, percent,
		hours_after_breach, notify, notify_value
	from `tabEscalation Timer` force index (status_due_at)
	where status = 'Pending' and due_at <= %(now)s
	order by due_at
	limit %(limit)s
	for update skip locked
"""


@dataclass
class SweepResult:
	timers: int = 0
	emails: int = 0
	email_queues: list[str] = field(default_factory=list)


def run() -> None:
	"""Scheduler entry point."""
	sweep()
	digests.retry_failed_digests()
	frappe.db.commit()


def sweep(
	now: datetime | None = None,
	batch_size: int = BATCH_SIZE,
	before_commit: Callable[[SweepResult], None] | None = None,
) -> SweepResult:
	"""`before_commit` lets tests stop a run at its most dangerous moment (mail queued, not committed)."""
	now = now or now_datetime()
	result = SweepResult()
	if not digests.outgoing_mail_ready():
		return result  # the due steps stay pending until mail can go out
	template = digests.email_template()
	sender = _sender()
	deadlocks = empty_after_deadlock = 0
	while True:
		before = (result.timers, result.emails, list(result.email_queues))
		try:
			timers = frappe.db.sql(CLAIM, {"now": now, "limit": batch_size}, as_dict=True)
			if not timers:
				if deadlocks and empty_after_deadlock < EMPTY_CLAIMS_AFTER_DEADLOCK:
					# Our rolled-back rows can still be held for a moment by the winner of the
					# deadlock (index locks until it commits): look again shortly.
					empty_after_deadlock += 1
					time.sleep(0.1 * empty_after_deadlock)
					continue
				break
			_process(timers, now, template, sender, result)
			if before_commit:
				before_commit(result)
			frappe.db.commit()
		except frappe.QueryDeadlockError:
			# Two sweeps inserting at once can deadlock in InnoDB; MariaDB rolls this batch back whole
			# (mails included, they were only queue rows) and we claim again — the other sweep keeps
			# what it holds, so nothing is lost and nothing sent twice.
			frappe.db.rollback()
			result.timers, result.emails, result.email_queues = before
			deadlocks += 1
			if deadlocks > MAX_DEADLOCK_RETRIES:
				raise
			continue
		if len(timers) < batch_size:
			break
	return result


def _process(timers: list[dict], now: datetime, template, sender: str | None, result: SweepResult) -> None:
	notices: list[Notice] = []
	thread_ids: dict[str, str] = {}
	by_doctype: dict[str, list[dict]] = defaultdict(list)
	for timer in timers:
		by_doctype[timer.reference_doctype].append(timer)
	for doctype, rows in by_doctype.items():
		source = source_for(doctype)
		if not source:
			frappe.log_error(
				title="Escalation", message=f"No escalation source for {doctype}; timers dropped"
			)
			continue
		notices += source.notices(rows)
		if hasattr(source, "thread_ids"):
			thread_ids.update(source.thread_ids([r.reference_name for r in rows]))

	log_rows, timeline = [], defaultdict(list)
	batch = digests.group(notices)
	for digest, queue_name in zip(batch, digests.queue(batch, template, sender, thread_ids), strict=True):
		result.emails += 1
		result.email_queues.append(queue_name)
		for notice in digest.notices:
			log_rows.append(_log_row(notice, queue_name, now))
			timeline[notice.timer].append(notice)

	_mark_sent([t.name for t in timers], now)
	insert_rows("Escalation Log", LOG_FIELDS, log_rows)
	own = {doctype: _own_timeline_clocks(doctype) for doctype in by_doctype}
	noted = [t for t in timers if t.clock not in own[t.reference_doctype]]
	said: dict = {}  # most timers of a batch say one of a handful of things
	insert_rows(
		"Comment", COMMENT_FIELDS, [_comment_row(t, timeline.get(t.name, []), now, said) for t in noted]
	)
	for doctype, rows in by_doctype.items():
		source = source_for(doctype)
		if source and hasattr(source, "fired"):
			source.fired(rows)
	result.timers += len(timers)


def _own_timeline_clocks(doctype: str) -> frozenset[str]:
	"""Clocks whose source writes the record's timeline note itself (e.g. a message it sent)."""
	source = source_for(doctype)
	return getattr(source, "OWN_TIMELINE_CLOCKS", frozenset()) if source else frozenset()


def _mark_sent(names: list[str], now: datetime) -> None:
	frappe.db.sql(
		"update `tabEscalation Timer` set status = %(sent)s, sent_on = %(now)s, modified = %(now)s"
		" where name in %(names)s",
		{"sent": SENT, "now": now, "names": tuple(names)},
	)


LOG_FIELDS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"reference_doctype",
	"reference_name",
	"clock",
	"level",
	"recipient",
	"language",
	"email_queue",
	"sent_on",
	"escalation_timer",
]
COMMENT_FIELDS = [
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"comment_type",
	"reference_doctype",
	"reference_name",
	"content",
]


def _log_row(notice: Notice, queue_name: str | None, now: datetime) -> tuple:
	return (
		frappe.generate_hash(length=12),
		now,
		now,
		"Administrator",
		"Administrator",
		notice.reference_doctype,
		notice.reference_name,
		notice.clock,
		notice.level,
		notice.recipient.email,
		notice.recipient.language,
		queue_name,
		now,
		notice.timer,
	)


def _comment_row(timer: dict, notices: list[Notice], now: datetime, said: dict) -> tuple:
	"""The record's timeline says what escalated and who was told, in the site's language."""
	key = (timer.clock, timer.trigger, timer.percent, timer.hours_after_breach)
	if key not in said:
		said[key] = describe(*key)
	what = said[key]
	whom = ", ".join(sorted({n.recipient.email for n in notices})) or frappe._("nobody (no recipient found)")
	content = frappe._("Escalation level {0}: {1}. Notified: {2}").format(timer.level, what, whom)
	return (
		frappe.generate_hash(length=12),
		now,
		now,
		"Administrator",
		"Administrator",
		"Info",
		timer.reference_doctype,
		timer.reference_name,
		content,
	)


def _sender() -> str | None:
	account = frappe.db.get_single_value("Mitmenschen Settings", "escalation_sender")
	return frappe.db.get_value("Email Account", account, "email_id") if account else None
