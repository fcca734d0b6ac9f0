"""The round table's figures about early signals: counted, never named.

Per kind of signal: signals opened in the period, offers made (talks, referrals, letters) in the
period, offers the family took up, and — the question the practice asks — how many rent arrears were
cleared within three months of the first offer. A clearance counts only when the cause went away
(not when the signal was switched off or the family moved out).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import frappe
from frappe.query_builder import Case as When
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_days, getdate

from mitmenschen.early_signals.findings import ARREARS, KINDS
from mitmenschen.early_signals.offers import TAKEN_UP
from mitmenschen.early_signals.sweep import CAUSE_GONE, DOCTYPE

CLEARED_WITHIN_DAYS = 91  # three months after the first offer


@dataclass
class KindFigures:
	kind: str
	opened: int = 0
	offers: int = 0
	taken_up: int = 0
	cleared_after_offer: int | None = None  # arrears only


def signal_figures(start: date, end: date) -> list[KindFigures]:
	"""The figures of the days from `start` to `end` (both included)."""
	start, end = getdate(start), getdate(end)
	begins, ends = datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)
	figures = {kind: KindFigures(kind) for kind in KINDS}
	figures[ARREARS].cleared_after_offer = 0
	signal, offer = frappe.qb.DocType(DOCTYPE), frappe.qb.DocType("Support Offer")
	for kind, opened in (
		frappe.qb.from_(signal)
		.select(signal.kind, Count("*"))
		.where((signal.creation >= begins) & (signal.creation < ends))
		.groupby(signal.kind)
		.run()
	):
		figures[kind].opened = opened
	for kind, offers, taken_up in (
		frappe.qb.from_(offer)
		.join(signal)
		.on((signal.name == offer.parent) & (offer.parenttype == DOCTYPE))
		.select(signal.kind, Count("*"), Sum(When().when(offer.answer == TAKEN_UP, 1).else_(0)))
		.where((offer.offered_on >= start) & (offer.offered_on <= end))
		.groupby(signal.kind)
		.run()
	):
		figures[kind].offers, figures[kind].taken_up = offers, int(taken_up or 0)
	for first_offered_on, cleared_on in (
		frappe.qb.from_(signal)
		.select(signal.first_offered_on, signal.cleared_on)
		.where(signal.kind == ARREARS)
		.where(signal.cleared_because == CAUSE_GONE)
		.where((signal.first_offered_on >= start) & (signal.first_offered_on <= end))
		.run()
	):
		if getdate(cleared_on) <= getdate(add_days(first_offered_on, CLEARED_WITHIN_DAYS)):
			figures[ARREARS].cleared_after_offer += 1
	return list(figures.values())
