"""What the engine asks of the modules that use it.

A module registers, per doctype, a source in hooks.py (`escalation_sources`): a Python module with

	notices(timers: list[dict]) -> list[Notice]   # who is told what about each due timer
	fired(timers: list[dict]) -> None             # optional: update the records (status, level)

Both receive all due timers of their doctype at once, so a source loads its records in one query.
`notices()` only says who is told what: it changes nothing (the sweep may call it and roll back). What
a due step does besides telling people (a mail to a reporter, a status) belongs in `fired()`, which runs
in the same transaction after the digests are queued. A source builds each notice in one call,
`notice_for(timer, recipient, title=…, link=…)`, and finds the recipients with `recipients.Resolver`.
A source may name `OWN_TIMELINE_CLOCKS`: clocks whose timeline note it writes itself (the sweep then
adds none), e.g. a clock that sends a message rather than escalating.
"""

from dataclasses import dataclass, field, fields
from datetime import datetime
from types import ModuleType

import frappe

from mitmenschen.escalation.recipients import Recipient


@dataclass
class Notice:
	timer: str  # Escalation Timer name
	recipient: Recipient
	reference_doctype: str
	reference_name: str
	title: str
	link: str  # absolute URL: the desk for staff, the portal for partners
	clock: str
	level: int
	trigger: str | None = None
	percent: float | None = None
	hours_after_breach: float | None = None
	due_at: datetime | None = None
	extra: dict = field(default_factory=dict)


NOTICE_FIELDS = frozenset(f.name for f in fields(Notice))


def notice_for(timer: dict, recipient: Recipient, title: str, link: str, **overrides) -> Notice:
	"""The notice of a due timer for one recipient: what the timer says (record, clock, level, trigger,
	due time), with `overrides` for what the source says differently (e.g. the record the mail names,
	or the deadline of the case instead of the step's due time). Unknown overrides go to `extra`."""
	values = {
		"timer": timer.name,
		"recipient": recipient,
		"reference_doctype": timer.reference_doctype,
		"reference_name": timer.reference_name,
		"title": title,
		"link": link,
		"clock": timer.clock,
		"level": timer.level,
		"trigger": timer.get("trigger"),
		"percent": timer.get("percent"),
		"hours_after_breach": timer.get("hours_after_breach"),
		"due_at": timer.get("due_at"),
	}
	extra = {key: overrides.pop(key) for key in list(overrides) if key not in NOTICE_FIELDS}
	values.update(overrides)
	if extra:
		values["extra"] = {**values.get("extra", {}), **extra}
	return Notice(**values)


def source_for(doctype: str) -> ModuleType | None:
	paths = frappe.get_hooks("escalation_sources").get(doctype)
	if not paths:
		return None
	path = paths[-1] if isinstance(paths, list) else paths
	return frappe.get_module(path)
