"""What the engine asks of the modules that use it.

A module registers, per doctype, a source in hooks.py (`escalation_sources`): a Python module with

	notices(timers: list[dict]) -> list[Notice]   # who is told what about each due timer
	fired(timers: list[dict]) -> None             # optional: update the records (status, level)

Both receive all due timers of their doctype at once, so a source loads its records in one query.
A source may name `OWN_TIMELINE_CLOCKS`: clocks whose timeline note it writes itself (the sweep then
adds none), e.g. a clock that sends a message rather than escalating.
"""

from dataclasses import dataclass, field
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


def source_for(doctype: str) -> ModuleType | None:
	paths = frappe.get_hooks("escalation_sources").get(doctype)
	if not paths:
		return None
	path = paths[-1] if isinstance(paths, list) else paths
	return frappe.get_module(path)
